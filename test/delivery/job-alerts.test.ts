import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJobFilters } from '../../commands/args/job-filters.js';
import type { Reply } from '../../src/chat/reply.js';
import { createManualClock } from '../../src/clock.js';
import { createJobAlerts, type JobAlerts, jobAlertsHook } from '../../src/delivery/job-alerts.js';
import type { Author, Tweet } from '../../src/domain.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor, type Ingestor } from '../../src/pipeline/ingest.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { createAlertQueries, createQuietHoursStore } from '../../src/store/alert-queries.js';
import { createChatStore } from '../../src/store/chat-store.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { createOutboxWriter } from '../../src/store/outbox-store.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import { createSubscriptionStore, type SubscriptionStore } from '../../src/store/subscription-store.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';

const RATES = { RUB: 1, USD: 90, EUR: 98, GBP: 115 };
const START = Date.UTC(2026, 2, 10, 12, 0); // 15:00 in Moscow
const MINUTE = 60_000;

const GO_RU = 'Ищем разработчика на Golang в команду платежей, удалёнка, 250–300 тыс ₽. Пишите @hr_pay';
const GO_RU_REPOST =
  'Всё ещё ищем разработчика на Golang в команду платежей! Удалёнка, 250–300 тыс ₽. Пишите @hr_pay';
const GO_EN = 'Hiring a senior Golang developer, fully remote, $5,000–6,000/month. DM @jobs_acme';
const GO_OFFICE = 'Вакансия: Golang-разработчик в Москве, офис, от 280 000 ₽. Резюме на hr@bank.ru';
const PY_BERLIN = 'We are hiring a Python engineer in Berlin, €70–85k/yr. Apply: jobs@acme.io';
const DESIGN = 'Ищем дизайнера в Питере, гибрид. Пишите @design_hr';
const NOT_A_JOB = 'Golang 1.26 вышел, разработчики довольны новым итератором';
const GO_MANY = [
  'Ищем Golang-разработчика в логистику, удалённо, 300 000 ₽. Пишите @logi_hr',
  'Hiring: Golang developer for our ads platform, remote, $4,500/month. Apply ads@adtech.io',
  'Нужен разработчик на Golang в стартап по медицине, удалёнка, 350 тыс ₽. Пишите @med_cto',
  'Golang engineer wanted at a fintech in Cyprus, remote OK, €5,000/month. jobs@fin.cy',
  'Вакансия: Golang-разработчик в геймдев, удалённо, до 400 000 ₽. Контакт @game_hr',
];

const pool = createPreparePool({ size: 0 });
afterAll(() => pool.close());

let db: Db;
let clock: ReturnType<typeof createManualClock>;
let subscriptions: SubscriptionStore;
let alerts: JobAlerts;
let ingestor: Ingestor;
let posted = 0;

function setup(options: { bundleOver?: number; hook?: boolean } = {}) {
  db = openDatabase(':memory:');
  clock = createManualClock(START);
  subscriptions = createSubscriptionStore(db);
  alerts = createJobAlerts({
    queries: createAlertQueries(db),
    outbox: createOutboxWriter(db),
    currencyRates: RATES,
    bundleOver: options.bundleOver ?? 3,
  });
  const stores = createPollStores(db);
  ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands: () => [],
    pool,
    hooks: options.hook ? [jobAlertsHook(alerts)] : [],
  });
}

beforeEach(() => setup());

/** Stores tweets through the real ingest (classified on the way), one minute before now; returns their seqs. */
function post(texts: readonly string[], author: Partial<Author> = {}): number[] {
  const who = makeAuthor({ id: author.id ?? '100', username: author.username ?? 'hr_person', ...author });
  const tweets: Tweet[] = texts.map((text) =>
    makeTweet({ text, createdAt: clock.now() - MINUTE, authorId: who.id }, posted++),
  );
  db.transaction(() => ingestor.ingest(tweets, [who], [], clock.now()))();
  const seqOf = db.prepare('SELECT seq FROM tweets WHERE id = ?').pluck();
  return tweets.map((t) => seqOf.get(t.id) as number);
}

/** A poll: the tweets are stored, then the alerts decided at the clock's time. */
function poll(texts: readonly string[], author: Partial<Author> = {}) {
  const seqs = post(texts, author);
  return { seqs, result: alerts.decideJobAlerts({ newTweetSeqs: seqs, now: clock.now() }) };
}

/** `/jobs add <args>` for a person whose private chat has the same id. */
function subscribe(userId: string, args: string, timezone = 'Europe/Moscow') {
  const parsed = parseJobFilters(args);
  if (!parsed.ok) throw new Error(parsed.problem.en);
  return subscriptions.subscribe({ userId, chatId: userId, timezone }, parsed.filter, clock.now());
}

interface OutboxRow {
  key: string;
  target: string;
  reply: Reply;
  notBefore: number;
}
const outbox = (): OutboxRow[] =>
  (
    db.prepare('SELECT key, target, payload, not_before AS notBefore FROM outbox ORDER BY id').all() as {
      key: string;
      target: string;
      payload: string;
      notBefore: number;
    }[]
  ).map((r) => ({
    key: r.key,
    target: r.target,
    reply: JSON.parse(r.payload) as Reply,
    notBefore: r.notBefore,
  }));
const deliveries = () =>
  db
    .prepare(
      'SELECT user_id AS userId, tweet_seq AS seq, outbox_key AS key FROM alert_deliveries ORDER BY user_id, tweet_seq',
    )
    .all() as { userId: string; seq: number; key: string }[];
const tweetId = (seq: number) => db.prepare('SELECT id FROM tweets WHERE seq = ?').pluck().get(seq) as string;
const items = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'items' ? b.items : []));

describe('who gets which vacancy', () => {
  it('sends a matching vacancy once per person, even when two of their alerts match it', () => {
    const a1 = subscribe('telegram:1', 'golang');
    const a2 = subscribe('telegram:1', 'golang разработчик remote');
    subscribe('telegram:2', 'golang');
    subscribe('telegram:3', 'python');
    const { seqs, result } = poll([GO_RU, NOT_A_JOB]);
    const go = seqs[0] as number;
    expect(result).toMatchObject({ vacancies: 1, messages: 2, deliveries: 2, reposts: 0, held: 0 });
    const rows = outbox();
    expect(rows.map((r) => [r.key, r.target, r.notBefore])).toEqual([
      [`alert:telegram:1:${tweetId(go)}`, 'telegram:1', START],
      [`alert:telegram:2:${tweetId(go)}`, 'telegram:2', START],
    ]);
    expect(items(rows[0]?.reply as Reply)[0]?.note).toBe(`alerts #${a1.id}, #${a2.id}`);
    expect(deliveries()).toEqual([
      { userId: 'telegram:1', seq: go, key: `alert:telegram:1:${tweetId(go)}` },
      { userId: 'telegram:2', seq: go, key: `alert:telegram:2:${tweetId(go)}` },
    ]);
  });

  it('deciding the same tweets again sends nothing more', () => {
    subscribe('telegram:1', 'golang');
    const { seqs } = poll([GO_RU, GO_EN]);
    expect(outbox()).toHaveLength(2);
    clock.advance(5 * MINUTE);
    const again = alerts.decideJobAlerts({ newTweetSeqs: seqs, now: clock.now() });
    expect(again).toMatchObject({ messages: 0, deliveries: 0, reposts: 0 });
    expect(outbox()).toHaveLength(2);
    expect(deliveries()).toHaveLength(2);
  });

  it('a near-duplicate repost of a vacancy the person got is not sent again, in a later poll or the same one', () => {
    subscribe('telegram:1', 'golang');
    const first = poll([GO_RU]);
    const key = `alert:telegram:1:${tweetId(first.seqs[0] as number)}`;
    clock.advance(60 * MINUTE);
    const later = poll([GO_RU_REPOST], { id: '200', username: 'recruiter' });
    expect(later.result).toMatchObject({ messages: 0, reposts: 1 });
    expect(outbox().map((r) => r.key)).toEqual([key]);
    expect(deliveries().map((d) => d.key)).toEqual([key, key]);

    // Someone who subscribes later gets the repost once: original and repost in one poll are one vacancy.
    subscribe('telegram:2', 'golang');
    clock.advance(60 * MINUTE);
    const both = poll([GO_RU, GO_RU_REPOST], { id: '300', username: 'aggregator' });
    // telegram:1 already had it (both posts are reposts for them); telegram:2 gets it once.
    expect(both.result).toMatchObject({ messages: 1, deliveries: 1, reposts: 3 });
    expect(outbox()).toHaveLength(2);
    expect(outbox().at(-1)?.key).toBe(`alert:telegram:2:${tweetId(both.seqs[0] as number)}`);
  });

  it('matches inflected keywords: "golang разработчик" finds "разработчика на Golang"', () => {
    subscribe('telegram:1', 'golang разработчик');
    subscribe('telegram:2', 'golang тестировщик');
    poll([GO_RU]);
    expect(outbox().map((r) => r.target)).toEqual(['telegram:1']);
  });

  it('remote, salary (converted with the rates) and location filters', () => {
    subscribe('remote', 'golang remote');
    subscribe('usd', 'golang salary>=3000 USD'); // 300,000 ₽ = 3,333 $; 280,000 ₽ = 3,111 $; 6,000 $
    subscribe('usd-high', 'golang salary>=3200 USD');
    subscribe('moscow', 'golang in Moscow');
    subscribe('eur-year', 'python salary>=7000 EUR'); // €85k/yr = €7,083/mo
    const { seqs } = poll([GO_RU, GO_EN, GO_OFFICE, PY_BERLIN]);
    const [ru, en, office, berlin] = seqs.map(tweetId);
    expect(outbox().map((r) => r.key)).toEqual([
      `alert:remote:${ru}`,
      `alert:remote:${en}`,
      `alert:usd:${ru}`,
      `alert:usd:${en}`,
      `alert:usd:${office}`,
      `alert:usd-high:${ru}`,
      `alert:usd-high:${en}`,
      `alert:moscow:${office}`,
      `alert:eur-year:${berlin}`,
    ]);
  });

  it('a vacancy without a salary passes only alerts without a salary condition', () => {
    subscribe('any', 'дизайнер');
    subscribe('paid', 'дизайнер salary>=100k RUB');
    poll([DESIGN]);
    expect(outbox().map((r) => r.target)).toEqual(['any']);
  });

  it('old vacancies (a new watch reading back a week) are not alerted', () => {
    subscribe('telegram:1', 'golang');
    const old = makeTweet({ text: GO_EN, createdAt: START - 5 * 86_400_000 }, 999);
    db.transaction(() => ingestor.ingest([old], [makeAuthor()], [], START))();
    const seq = db.prepare('SELECT seq FROM tweets WHERE id = ?').pluck().get(old.id) as number;
    expect(alerts.decideJobAlerts({ newTweetSeqs: [seq], now: START }).vacancies).toBe(0);
    expect(outbox()).toEqual([]);
  });
});

describe('bundling', () => {
  it('up to alertBundleOver vacancies come one by one; more become one bundle with a deterministic key', () => {
    subscribe('few', 'golang salary>=450k RUB'); // only €5,000 = 490k ₽ and $6,000 = 540k ₽
    subscribe('many', 'golang');
    const { seqs, result } = poll(GO_MANY.slice(0, 4).concat(GO_MANY[4] as string, GO_EN));
    expect(result).toMatchObject({ vacancies: 6, messages: 3, deliveries: 8 });
    const rows = outbox();
    expect(rows.map((r) => r.key)).toEqual([
      `alert:few:${tweetId(seqs[3] as number)}`,
      `alert:few:${tweetId(seqs[5] as number)}`,
      `alerts:many:${tweetId(seqs[0] as number)}:6`,
    ]);
    const bundle = rows[2]?.reply as Reply;
    expect(bundle.title).toBe('6 new vacancies');
    expect(items(bundle).map((i) => i.link)).toEqual(
      seqs.map((s) => `https://x.com/hr_person/status/${tweetId(s)}`),
    );
    expect(
      deliveries()
        .filter((d) => d.userId === 'many')
        .every((d) => d.key === rows[2]?.key),
    ).toBe(true);
  });
});

describe('quiet hours and pauses', () => {
  it('holds alerts during 23:00–08:00 Moscow time until 08:00 Moscow, across midnight', () => {
    subscribe('night-owl', 'golang');
    subscribe('sleeper', 'golang');
    createQuietHoursStore(db).set('sleeper', { start: '23:00', end: '08:00' });
    clock.set(Date.UTC(2026, 2, 10, 19, 30)); // 22:30 MSK: not quiet yet
    poll([GO_MANY[0] as string]);
    clock.set(Date.UTC(2026, 2, 10, 20, 30)); // 23:30 MSK
    poll([GO_MANY[1] as string]);
    clock.set(Date.UTC(2026, 2, 10, 22, 0)); // 01:00 MSK, the next day
    const { result } = poll([GO_MANY[2] as string]);
    expect(result.held).toBe(1);
    clock.set(Date.UTC(2026, 2, 11, 5, 0)); // 08:00 MSK: released
    poll([GO_MANY[3] as string]);
    const morning = Date.UTC(2026, 2, 11, 5, 0);
    const sleeper = outbox().filter((r) => r.target === 'sleeper');
    expect(sleeper.map((r) => r.notBefore)).toEqual([
      Date.UTC(2026, 2, 10, 19, 30),
      morning,
      morning,
      morning,
    ]);
    const owl = outbox().filter((r) => r.target === 'night-owl');
    expect(owl.map((r) => r.notBefore)).toEqual([
      Date.UTC(2026, 2, 10, 19, 30),
      Date.UTC(2026, 2, 10, 20, 30),
      Date.UTC(2026, 2, 10, 22, 0),
      morning,
    ]);
  });

  it('a paused person gets nothing, and nothing from the pause comes after they resume', () => {
    subscribe('telegram:1', 'golang');
    subscriptions.setPaused('telegram:1', true);
    const during = poll([GO_RU]);
    expect(during.result.messages).toBe(0);
    subscriptions.setPaused('telegram:1', false);
    clock.advance(10 * MINUTE);
    const after = poll([GO_EN]);
    expect(outbox().map((r) => r.key)).toEqual([`alert:telegram:1:${tweetId(after.seqs[0] as number)}`]);
    expect(deliveries().map((d) => d.seq)).toEqual(after.seqs);
  });

  it('a person whose chat is inactive (bot blocked) gets nothing', () => {
    subscribe('telegram:1', 'golang');
    createChatStore(db).save({ id: 'telegram:1', kind: 'private' }, { active: false }, START);
    expect(poll([GO_RU]).result.messages).toBe(0);
  });
});

describe('alert texts', () => {
  it('in the language of the person private chat: Russian, else English', () => {
    const chats = createChatStore(db);
    chats.save({ id: 'telegram:ru', kind: 'private' }, { lang: 'ru' }, START);
    subscribe('telegram:ru', 'golang');
    subscribe('telegram:en', 'golang');
    poll([GO_RU]);
    const [ru, en] = outbox().map((r) => r.reply);
    expect(ru?.title).toBe('Новая вакансия');
    expect(items(ru as Reply)[0]).toMatchObject({
      author: '@hr_person',
      text: GO_RU,
      metrics: ['250–300к ₽/мес', 'удалённо'],
      note: 'подписка #1',
    });
    expect(ru?.footer).toContain('/jobs pause');
    expect(en?.title).toBe('New vacancy');
    expect(items(en as Reply)[0]).toMatchObject({ metrics: ['250–300k ₽/mo', 'remote'], note: 'alert #2' });
  });

  it('a Russian bundle', () => {
    createChatStore(db).save({ id: 'telegram:ru', kind: 'private' }, { lang: 'ru' }, START);
    subscribe('telegram:ru', 'golang');
    poll(GO_MANY.slice(0, 4));
    const [bundle] = outbox().map((r) => r.reply);
    expect(bundle?.title).toBe('4 новые вакансии');
    expect(items(bundle as Reply)).toHaveLength(4);
  });
});

describe('as a new-tweet hook', () => {
  it('decides inside the ingest transaction, at the poll time', () => {
    setup({ hook: true });
    subscribe('telegram:1', 'golang remote');
    const tweets = [GO_RU, NOT_A_JOB, PY_BERLIN].map((text, i) =>
      makeTweet({ text, createdAt: START - MINUTE }, i),
    );
    db.transaction(() => ingestor.ingest(tweets, [makeAuthor({ username: 'hr_person' })], [], clock.now()))();
    expect(outbox().map((r) => [r.key, r.notBefore])).toEqual([[`alert:telegram:1:${tweets[0]?.id}`, START]]);
    // The next poll reads the same tweets again: nothing is new, so nothing is decided.
    clock.advance(15 * MINUTE);
    db.transaction(() => ingestor.ingest(tweets, [makeAuthor({ username: 'hr_person' })], [], clock.now()))();
    expect(outbox()).toHaveLength(1);
  });
});
