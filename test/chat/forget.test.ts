import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseWatchSpec } from '../../commands/args/watch-spec.js';
import { createJobsCommand } from '../../commands/jobs.js';
import { FORGET_CONFIRM_MS } from '../../commands/jobs-forget.js';
import type { CommandContext } from '../../src/chat/context.js';
import { type CommandRegistry, createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { createClassifier } from '../../src/classify/classifier.js';
import { createJobAlerts } from '../../src/delivery/job-alerts.js';
import { createCorrections } from '../../src/feedback/corrections.js';
import { silentLogger } from '../../src/logger.js';
import { createPollStores, type PollStores } from '../../src/monitor/stores.js';
import { createIngestor } from '../../src/pipeline/ingest.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { createAlertQueries, createQuietHoursStore } from '../../src/store/alert-queries.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createDeliveryHistory } from '../../src/store/delivery-history.js';
import { createFeedbackStore } from '../../src/store/feedback-store.js';
import { createOutboxWriter } from '../../src/store/outbox-store.js';
import { createPersonEraser } from '../../src/store/person-eraser.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createSubscriptionStore } from '../../src/store/subscription-store.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';
import { DEMO_NOW, makeContext } from './demo-store.js';

const pool = createPreparePool({ size: 0 });
afterAll(() => pool.close());

const alice = makeContext({
  user: { id: 'telegram:1', name: 'Alice Liddell' },
  chat: { id: 'telegram:1', kind: 'private' },
});
const bob = makeContext({
  user: { id: 'telegram:2', name: 'Bob' },
  chat: { id: 'telegram:2', kind: 'private' },
});
const ru = (ctx: CommandContext): CommandContext => ({ ...ctx, lang: 'ru' });
const at = (ctx: CommandContext, ms: number): CommandContext => ({ ...ctx, now: DEMO_NOW + ms });

/** How the runtime forgets a person's votes: the real corrections over this store. */
const forgetVotesOf = (store: Db) => {
  const classifier = createClassifier({ brands: [] });
  return createCorrections({
    db: store,
    feedback: createFeedbackStore(store),
    signals: createSignalWriter(store),
    classifier: () => classifier,
    jobAlerts: createJobAlerts({
      queries: createAlertQueries(store),
      outbox: createOutboxWriter(store),
      currencyRates: { RUB: 1 },
      bundleOver: 3,
    }),
  }).forgetPerson;
};

let db: Db;
let stores: PollStores;
let registry: CommandRegistry;

const textOf = (reply: Reply) =>
  [
    reply.title,
    ...reply.blocks.map((b) =>
      b.type === 'text' ? b.text : b.type === 'items' ? b.items.map((i) => i.text).join('\n') : '',
    ),
    reply.footer ?? '',
  ].join('\n');

async function send(text: string, ctx: CommandContext): Promise<Reply> {
  const reply = await registry.dispatch(text, ctx);
  if (!reply) throw new Error(`${text} was not a command`);
  return reply;
}

/** What the database holds about a person and their private chat, table by table. */
function kept(userId: string, chatId: string) {
  const n = (sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;
  return {
    subscribers: n('SELECT count(*) FROM subscribers WHERE user_id = ?', userId),
    jobs: n('SELECT count(*) FROM job_subscriptions WHERE user_id = ?', userId),
    deliveries: n('SELECT count(*) FROM alert_deliveries WHERE user_id = ?', userId),
    chats: n('SELECT count(*) FROM chats WHERE id = ?', chatId),
    outbox: n('SELECT count(*) FROM outbox WHERE target = ?', chatId),
    digests: n('SELECT count(*) FROM digest_runs WHERE chat_id = ?', chatId),
    skips: n("SELECT count(*) FROM meta WHERE key LIKE 'digest-skip:' || ? || ':%'", chatId),
    watches: n('SELECT count(*) FROM watches WHERE chat_id = ? AND removed_at IS NULL', chatId),
  };
}

/** A person with everything Kestrel can keep: alerts (one removed), quiet hours, a vacancy alert decided for
 * them, chat settings with their name, a digest run and a skip, and a watch of their private chat. */
async function fill(ctx: CommandContext, keyword: string) {
  const subscriptions = createSubscriptionStore(db);
  await send(`/jobs add ${keyword} in Berlin`, ctx);
  await send(`/jobs remove ${subscriptions.list(ctx.user.id)[0]?.id}`, ctx);
  await send(`/jobs add ${keyword} remote`, ctx);
  await send(`/jobs add ${keyword} in Paris`, ctx);
  await send('/jobs quiet 23:00-08:00', ctx);
  createChatStore(db).save(
    { id: ctx.chat.id, kind: 'private', title: ctx.user.name },
    { lang: 'en', timezone: 'Europe/Berlin', digestTime: '09:00' },
    DEMO_NOW,
  );
  const history = createDeliveryHistory(db);
  history.recordDigest(
    { chatId: ctx.chat.id, localDate: '2026-11-25', windowFrom: 0, windowTo: 1 },
    DEMO_NOW,
  );
  history.recordDigestSkip(ctx.chat.id, '2026-11-24', {
    reason: 'late',
    scheduledAt: 0,
    lateMinutes: 90,
    graceMinutes: 60,
    decidedAt: 1,
  });
  const spec = parseWatchSpec('topic', `${keyword} conference`);
  if (!spec.ok) throw new Error('bad spec');
  stores.watches.add(spec.spec, ctx.chat.id, DEMO_NOW);
  const who = makeAuthor({ id: `hr${keyword}`, username: `hr_${keyword}` });
  const tweet = makeTweet(
    {
      text: `Hiring a ${keyword} developer, fully remote, $5,000/month. DM @hr_${keyword}`,
      createdAt: DEMO_NOW - 60_000,
      authorId: who.id,
    },
    keyword.length,
  );
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands: () => [],
    pool,
  });
  db.transaction(() => ingestor.ingest([tweet], [who], [], DEMO_NOW))();
  const seq = db.prepare('SELECT seq FROM tweets WHERE id = ?').pluck().get(tweet.id) as number;
  const alerts = createJobAlerts({
    queries: createAlertQueries(db),
    outbox: createOutboxWriter(db),
    currencyRates: { RUB: 1, USD: 90, EUR: 98, GBP: 115 },
    bundleOver: 3,
  });
  alerts.decideJobAlerts({ newTweetSeqs: [seq], now: DEMO_NOW });
}

beforeEach(() => {
  db = openDatabase(':memory:');
  stores = createPollStores(db);
  registry = createRegistry(
    [
      createJobsCommand({
        subscriptions: createSubscriptionStore(db),
        quietHours: createQuietHoursStore(db),
        eraser: createPersonEraser(db, { forgetVotes: forgetVotesOf(db) }),
      }),
    ],
    { logger: silentLogger() },
  );
});

describe('/jobs forget: a person deletes what Kestrel keeps about them', () => {
  it('lists what is kept, asks for confirmation, then deletes it all and nothing of anyone else', async () => {
    await fill(alice, 'golang');
    await fill(bob, 'rust');
    const before = kept('telegram:1', 'telegram:1');
    expect(before).toEqual({
      subscribers: 1,
      jobs: 3,
      deliveries: 1,
      chats: 1,
      outbox: 1,
      digests: 1,
      skips: 1,
      watches: 1,
    });
    const bobBefore = kept('telegram:2', 'telegram:2');

    const asked = textOf(await send('/jobs forget', alice));
    expect(asked).toContain('Delete what Kestrel keeps about you?');
    expect(asked).toContain('2 job alerts');
    expect(asked).toContain('alerts you removed earlier (1)');
    expect(asked).toContain('quiet hours');
    expect(asked).toContain('1 stored message');
    expect(asked).toContain('/jobs forget yes within 10 minutes');
    // Asking changes nothing.
    expect(kept('telegram:1', 'telegram:1')).toEqual(before);

    const done = textOf(await send('/jobs forget yes', at(alice, 60_000)));
    expect(done).toMatch(/^\/jobs forget\nDeleted: 2 job alerts; /);
    expect(done).toContain('Kestrel keeps nothing more about you');
    expect(kept('telegram:1', 'telegram:1')).toEqual({
      subscribers: 0,
      jobs: 0,
      deliveries: 0,
      chats: 0,
      outbox: 0,
      digests: 0,
      skips: 0,
      watches: 0,
    });
    expect(kept('telegram:2', 'telegram:2')).toEqual(bobBefore);
    expect(textOf(await send('/jobs list', bob))).toContain('#5 rust · remote');
    expect(textOf(await send('/jobs forget', alice))).toContain('Kestrel keeps nothing about you');
  });

  it('in Russian, with «да»', async () => {
    await fill(alice, 'golang');
    const asked = textOf(await send('/jobs forget', ru(alice)));
    expect(asked).toContain('Удалить всё, что Kestrel хранит о вас?');
    expect(asked).toContain('2 подписки');
    expect(asked).toContain('/jobs forget да в течение 10 минут');
    const done = textOf(await send('/jobs forget да', ru(alice)));
    expect(done).toContain('Удалено: 2 подписки');
    expect(done).toContain('Больше Kestrel ничего о вас не хранит');
    expect(kept('telegram:1', 'telegram:1').jobs).toBe(0);
  });

  it('a "yes" without a fresh request, or another person\'s "yes", deletes nothing', async () => {
    await fill(alice, 'golang');
    await fill(bob, 'rust');
    const refused = await send('/jobs forget yes', alice);
    expect(refused.tone).toBe('refusal');
    expect(textOf(refused)).toContain('First send /jobs forget');
    await send('/jobs forget', alice);
    // Bob confirming does not act on Alice's request (and Bob asked for nothing).
    expect((await send('/jobs forget yes', bob)).tone).toBe('refusal');
    expect(kept('telegram:2', 'telegram:2').jobs).toBe(3);
    // Too late: the request expired.
    const late = await send('/jobs forget yes', at(alice, FORGET_CONFIRM_MS + 1));
    expect(late.tone).toBe('refusal');
    expect(kept('telegram:1', 'telegram:1').jobs).toBe(3);
    // A confirmation is used once.
    await send('/jobs forget', at(alice, FORGET_CONFIRM_MS + 2));
    await send('/jobs forget yes', at(alice, FORGET_CONFIRM_MS + 3));
    await fill(alice, 'golang');
    expect((await send('/jobs forget yes', at(alice, FORGET_CONFIRM_MS + 4))).tone).toBe('refusal');
    expect(kept('telegram:1', 'telegram:1').jobs).toBe(3);
  });

  it('refuses other words and works only in a private chat', async () => {
    await fill(alice, 'golang');
    const other = await send('/jobs forget telegram:2', alice);
    expect(other.tone).toBe('refusal');
    expect(textOf(other)).toContain('takes nothing, or "yes"');
    const group = { ...alice, chat: { id: 'telegram:-100', kind: 'group' as const } };
    expect((await send('/jobs forget', group)).tone).toBe('refusal');
    expect(kept('telegram:1', 'telegram:1').jobs).toBe(3);
  });

  it('finds a Slack person by their subscriber record: the DM alerts go to is theirs', async () => {
    const slackAlice = makeContext({
      user: { id: 'slack:T0TEAM:U0ALICE', name: 'alice' },
      chat: { id: 'slack:T0TEAM:D0ALICE', kind: 'private' },
    });
    await fill(slackAlice, 'golang');
    const eraser = createPersonEraser(db, { forgetVotes: forgetVotesOf(db) });
    const found = eraser.find('slack:T0TEAM:U0ALICE');
    expect(found.privateChats).toEqual(['slack:T0TEAM:D0ALICE']);
    expect(found.messages).toBe(1);
    eraser.forget('slack:T0TEAM:U0ALICE', DEMO_NOW);
    expect(kept('slack:T0TEAM:U0ALICE', 'slack:T0TEAM:D0ALICE')).toMatchObject({
      jobs: 0,
      chats: 0,
      outbox: 0,
    });
  });
});
