import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classifier.js';
import { runFeedbackExport } from '../../src/cli/feedback-export.js';
import { silentLogger } from '../../src/logger.js';
import { reclassifyAll } from '../../src/pipeline/reclassify.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createTweetReader } from '../../src/store/tweet-reader.js';
import { brandSpecsOf } from '../../src/watch/brands.js';
import { makeContext } from '../chat/demo-store.js';
import { feedbackHarness } from './harness.js';

type Harness = Awaited<ReturnType<typeof feedbackHarness>>;
let h: Harness;

const admin = makeContext();
const group = { id: 'telegram:-100', kind: 'group' as const };
const member = (id: string) => makeContext({ user: { id, name: id }, chat: group, isAdmin: false });

const labelOf = (seq: number) =>
  (h.db.prepare('SELECT label FROM tweet_signals WHERE tweet_seq = ?').pluck().get(seq) as string) ?? null;
const seqOf = (number: number, chat = admin.chat.id) => {
  const { item } = h.feedback.itemAt(chat, number);
  if (!item) throw new Error(`no item ${number}`);
  return item.tweetSeq;
};
/** The heading of the digest section the text appears in, or null. */
function sectionOf(digest: string, needle: string): string | null {
  let heading: string | null = null;
  for (const line of digest.split('\n')) {
    if (/^\S.*:$/.test(line)) heading = line.slice(0, -1);
    if (line.includes(needle)) return heading;
  }
  return null;
}

beforeEach(async () => {
  h = await feedbackHarness();
}, 60_000);

describe('/feedback in the console', () => {
  it('moves a wrong vacancy out of the digest at once, and keeps it moved through kestrel reclassify', async () => {
    const digest = await h.plain('/digest', admin);
    expect(sectionOf(digest, '@anna_it_recruit')).toBe('Vacancies');
    const seq = seqOf(1);
    const answer = await h.plain('/feedback 1 other', admin);
    expect(answer).toContain('It is now other (was vacancy)');
    expect(labelOf(seq)).toBe('other');
    expect(sectionOf(await h.plain('/digest', admin), '@anna_it_recruit')).toBeNull();

    reclassifyAll({
      reader: createTweetReader(h.db),
      signals: createSignalWriter(h.db),
      classifier: createClassifier({ brands: brandSpecsOf(h.stores.watches.list().map((w) => w.spec)) }),
      transaction: h.stores.transaction,
      overridesOf: h.feedback.overridesOf,
    });
    expect(labelOf(seq)).toBe('other');
  });

  it('sends the job alert a tweet should have had, once, when it is corrected to a vacancy', async () => {
    const alice = makeContext({
      user: { id: 'telegram:1', name: 'alice' },
      chat: { id: 'telegram:1', kind: 'private' },
    });
    await h.send('/jobs add дизайнер', alice);
    const digest = await h.plain('/digest', admin);
    expect(sectionOf(digest, '@natalia_edu')).toBe('Looking for a specialist');
    const alerts = () =>
      h.db.prepare("SELECT key, target FROM outbox WHERE key LIKE 'alert%' ORDER BY key").all() as {
        key: string;
        target: string;
      }[];
    expect(alerts()).toEqual([]);
    const answer = await h.plain('/feedback 2 vacancy', admin);
    expect(answer).toContain('Job alerts sent: 1');
    expect(alerts()).toEqual([{ key: expect.stringMatching(/^alert:telegram:1:/), target: 'telegram:1' }]);
    expect(sectionOf(await h.plain('/digest', admin), '@natalia_edu')).toBe('Vacancies');
    // Voting again, or another person agreeing, sends nothing more.
    await h.plain('/feedback 2 vacancy', admin);
    expect(alerts()).toHaveLength(1);
  });

  it('takes a brand mention out of the counts with "not this brand"', async () => {
    const digest = await h.plain('/digest', admin);
    expect(digest).toContain('Mentions: 20');
    expect(sectionOf(digest, '@technews_ru')).toBe('Brand pulse: Yandex');
    const yandex = () =>
      h.db
        .prepare("SELECT count(*) FROM brand_mention_tweets WHERE brand = 'Yandex'")
        .pluck()
        .get() as number;
    const before = yandex();
    await h.plain('/feedback 7 not-this-brand', admin);
    expect(yandex()).toBe(before - 1);
    expect(await h.plain('/digest', admin)).toContain('Mentions: 19');
  });

  it('sets the tone of a brand mention', async () => {
    await h.plain('/digest', admin);
    await h.plain('/feedback 8 tone positive', admin);
    const tone = h.db
      .prepare("SELECT sentiment FROM brand_mention_tweets WHERE brand = 'Sber' AND tweet_seq = ?")
      .pluck()
      .get(seqOf(8));
    expect(tone).toBe('positive');
  });

  it('counts each person once; the majority decides, and an admin decides over it', async () => {
    await h.plain('/digest', member('telegram:2'));
    const seq = seqOf(3, group.id);
    expect(labelOf(seq)).toBe('discussion');
    await h.plain('/feedback 3 promo', member('telegram:2'));
    await h.plain('/feedback 3 promo', member('telegram:2'));
    expect(h.db.prepare('SELECT count(*) FROM label_feedback').pluck().get()).toBe(1);
    expect(labelOf(seq)).toBe('promo');
    await h.plain('/feedback 3 other', member('telegram:3'));
    await h.plain('/feedback 3 other', member('telegram:4'));
    expect(labelOf(seq)).toBe('other');
    await h.plain('/feedback 3 right', { ...member('telegram:5'), isAdmin: true });
    expect(labelOf(seq)).toBe('other');
    await h.plain('/feedback 3 discussion', { ...member('telegram:5'), isAdmin: true });
    expect(labelOf(seq)).toBe('discussion');
  });

  it('answers wrong arguments helpfully, in Russian too', async () => {
    expect(await h.plain('/feedback 1 promo', admin)).toContain('There is no list');
    await h.plain('/digest', admin);
    expect(await h.plain('/feedback 99 promo', admin)).toContain('has no item 99: its items are 1–9');
    expect(await h.plain('/feedback x promo', admin)).toContain('not an item number');
    expect(await h.plain('/feedback 1 banana', admin)).toContain('I do not know "banana". Choices: vacancy');
    expect(await h.plain('/feedback 3 not-this-brand', admin)).toContain('not listed for a brand');
    const ru = { ...admin, lang: 'ru' as const };
    expect(await h.plain('/feedback 99 реклама', ru)).toContain('нет пункта 99');
    expect(await h.plain('/feedback 1 банан', ru)).toContain('Не знаю «банан»');
    expect(await h.plain('/feedback 1 не вакансия', ru)).toContain('Теперь это: другое (было: вакансия)');
  });
});

describe('stored votes', () => {
  it('exports every vote as JSON lines, and forgets a person', async () => {
    await h.plain('/digest', member('telegram:2'));
    await h.plain('/feedback 1 promo', member('telegram:2'));
    await h.plain('/feedback 7 not-this-brand', member('telegram:3'));
    const out = new PassThrough();
    let text = '';
    out.on('data', (c) => {
      text += String(c);
    });
    runFeedbackExport({ feedback: h.feedback, logger: silentLogger() }, out);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      chat: group.id,
      person: 'telegram:2',
      kind: 'label',
      value: 'promo',
      brand: null,
    });
    expect(lines[1]).toMatchObject({ kind: 'brand', brand: 'Yandex', value: 'not_this_brand' });
    expect(typeof lines[0]!.tweet_id).toBe('string');

    const seq = seqOf(1, group.id);
    expect(labelOf(seq)).toBe('promo');
    expect(h.corrections.forgetPerson('telegram:2', admin.now)).toBe(1);
    expect(labelOf(seq)).toBe('vacancy');
    expect(h.feedback.overridesOf(seq)).toEqual([]);
  });

  it("/jobs forget lists the person's votes and removes them, deciding their items again", async () => {
    await h.plain('/digest', member('telegram:2'));
    await h.plain('/feedback 1 promo', member('telegram:2'));
    const seq = seqOf(1, group.id);
    expect(labelOf(seq)).toBe('promo');
    const own = makeContext({
      user: { id: 'telegram:2', name: 'two' },
      chat: { id: 'telegram:2', kind: 'private' },
    });
    expect(await h.plain('/jobs forget', own)).toContain(
      '1 feedback vote on items (decided again without it)',
    );
    const done = await h.plain('/jobs forget yes', own);
    expect(done).toContain('1 feedback vote on items');
    expect(labelOf(seq)).toBe('vacancy');
    expect(
      h.db.prepare("SELECT count(*) FROM label_feedback WHERE person_id = 'telegram:2'").pluck().get(),
    ).toBe(0);
    expect(await h.plain('/jobs forget', own)).toContain('Kestrel keeps nothing about you');
  });
});
