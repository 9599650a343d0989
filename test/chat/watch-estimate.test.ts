import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatsCommand } from '../../commands/stats.js';
import { createWatchCommand } from '../../commands/watch.js';
import { createRegistry } from '../../src/chat/registry.js';
import type { Reply } from '../../src/chat/reply.js';
import { createManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { main } from '../../src/main.js';
import { createEstimator, formatUsd } from '../../src/monitor/estimate.js';
import { createPollStatus } from '../../src/monitor/poll-status.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { openDatabase } from '../../src/store/database.js';
import { readStoreStats } from '../../src/store/stats-store.js';
import { createReplaySource } from '../../src/x/replay-source.js';
import { snowflakeAt } from '../../src/x/snowflake.js';
import { createXSource } from '../../src/x/x-source.js';
import { makeAuthor, makeTweet } from '../core/helpers.js';
import { wireTweet, wireUser } from '../core/wire-fixtures.js';
import { type FakeXServer, startFakeXServer } from '../fakes/x-api/index.js';
import { makeContext } from './demo-store.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;
const users = Array.from({ length: 5 }, (_, i) => wireUser(i));
const prices = { pricePerRead: 0.005, pricePerCountsRequest: 0.005 };
const options = {
  ...prices,
  monthlyReadBudget: 10_000,
  maxReadsPerWatchPerDay: 100,
  queryMaxLength: 512,
  excludeRetweets: true,
};

let fake: FakeXServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const text = (reply: Reply | null) =>
  (reply?.blocks ?? [])
    .map((b) => {
      if (b.type === 'text') return b.text;
      if (b.type === 'figures')
        return b.figures.map((f) => `${f.label}: ${f.value} ${f.note ?? ''}`).join('\n');
      if (b.type === 'items') return b.items.map((item) => item.text).join('\n');
      return '';
    })
    .join('\n');

async function setup() {
  const clock = createManualClock(NOW);
  fake = await startFakeXServer({ bearerToken: 't', now: () => clock.now() });
  fake.addUsers(users);
  // 7 days of posts: 700 about rust (100 a day), 70 about elixir (10 a day).
  fake.addTweets([
    ...Array.from({ length: 700 }, (_, i) =>
      wireTweet(`rust ${i}`, NOW - 7 * 24 * HOUR + 10 * HOUR + i * 13 * 60_000, i % 4000, users[i % 5]!),
    ),
    ...Array.from({ length: 70 }, (_, i) =>
      wireTweet(`elixir ${i}`, NOW - 6 * 24 * HOUR + i * 2 * HOUR, 5000 + i, users[i % 5]!),
    ),
  ]);
  const db = openDatabase(':memory:');
  const stores = createPollStores(db);
  const source = createXSource({ bearerToken: 't', baseUrl: fake.url, clock });
  const estimator = createEstimator({ source, usage: stores.usage, clock, options });
  const status = createPollStatus({
    usage: stores.usage,
    cursors: stores.cursors,
    skips: stores.skips,
    options,
  });
  const registry = createRegistry(
    [
      createWatchCommand({
        watches: stores.watches,
        queryMaxLength: 512,
        estimator,
        prices,
        statusOf: status.watchStatus,
        skipsOf: status.skipsOf,
      }),
      createStatsCommand({
        storeStats: () => readStoreStats(db, ':memory:'),
        watches: stores.watches,
        usage: stores.usage,
        runs: stores.runs,
        monthlyReadBudget: 10_000,
        status,
        nextPoll: () => null,
        demo: false,
      }),
    ],
    { logger: silentLogger() },
  );
  const ctx = makeContext({ chat: { id: 'telegram:-1', kind: 'group' }, isAdmin: true, now: NOW });
  const send = (line: string, at = ctx) => registry.dispatch(line, at);
  const counts = () => fake!.requests.filter((r) => r.path === '/2/tweets/counts/recent');
  return { stores, send, counts, clock };
}

describe('estimate before spending', () => {
  it('/watch add answers with posts a day and dollars a month from one counts request, then watches', async () => {
    const { send, counts, stores } = await setup();
    const reply = await send('/watch add topic elixir');
    expect(text(reply)).toContain(
      'Over the last 7 days X counted 70 posts for it: about 10 a day, 300 in a 30-day month, $1.50 at $0.005 a post (this estimate: 1 counts request, $0.005).',
    );
    expect(text(reply)).toContain('Now watching topic "elixir"');
    expect(counts()).toHaveLength(1);
    expect(counts()[0]?.query).toMatchObject({ query: 'elixir -is:retweet', granularity: 'day' });
    expect(stores.usage.day(NOW).countsRequests).toBe(1);
  });

  it('a watch over its share asks for confirm, and confirming within the hour costs no second request', async () => {
    const { send, counts, stores } = await setup();
    const refused = await send('/watch add topic rust');
    expect(refused?.tone).toBe('refusal');
    expect(text(refused)).toMatch(/about 100 a day/);
    expect(text(refused)).toContain("more than a watch's share of 100 posts a day");
    expect(text(refused)).toContain('/watch add topic rust confirm');
    expect(stores.watches.list()).toHaveLength(0);
    const added = await send('/watch add topic rust confirm');
    expect(text(added)).toContain('Now watching topic "rust"');
    expect(stores.watches.list().map((w) => w.spec.name)).toEqual(['rust']);
    expect(counts()).toHaveLength(1);
  });

  it('/stats shows reads, counts requests and dollars today and this month, with the projection', async () => {
    const { send, stores } = await setup();
    await send('/watch add topic elixir');
    stores.usage.recordRead(NOW, ['1', '2', '3', '4']);
    stores.usage.recordRead(NOW, ['3', '4']);
    const stats = text(await send('/stats'));
    expect(stats).toContain(`X cost today: ${formatUsd(4 * 0.005 + 0.005)}`);
    expect(stats).toContain('1 counts requests · 2 re-reads (free)');
    expect(stats).toContain('X cost this month');
    expect(stats).toMatch(/by month end ≈ \$/);
  });

  it('/watch list and /stats say which watch is paused and why', async () => {
    const { send, stores } = await setup();
    await send('/watch add topic elixir');
    const watch = stores.watches.list()[0]!;
    stores.usage.recordWatchReads(NOW, new Map([[watch.id, 95]]));
    const list = text(await send('/watch list'));
    expect(list).toContain(
      "(paused: read 95 of its 100 posts today (x.maxReadsPerWatchPerDay); the rest of today's posts are skipped, and at 00:00 UTC it goes on with the new day's)",
    );
    const stats = text(await send('/stats'));
    expect(stats).toContain('topic elixir: paused: read 95 of its 100 posts today');
  });

  it('/watch list and /stats show what a watch skipped over its cap, with the day, the hours and the posts', async () => {
    const { send, stores } = await setup();
    await send('/watch add topic elixir');
    const watch = stores.watches.list()[0]!;
    const day = Date.UTC(2026, 10, 19);
    // It read 19 November up to 16:00 (8 posts of its own, one an hour), then its cap stopped it.
    const tweets = Array.from({ length: 8 }, (_, i) =>
      makeTweet({ text: `elixir ${i}`, createdAt: day + 8 * HOUR + i * HOUR }, 900 + i),
    );
    const saved = stores.tweets.save(tweets, [makeAuthor()], NOW);
    stores.watches.addMatches(
      saved.seqs.map((tweetSeq) => ({ watchId: watch.id, tweetSeq })),
      NOW,
    );
    const unit = stores.cursors.all().get(watch.id)?.[0]?.unit ?? 'u';
    stores.skips.record(
      {
        watchId: watch.id,
        day: '2026-11-19',
        reason: 'cap',
        ranges: [
          { unit, range: { sinceId: snowflakeAt(day + 16 * HOUR), untilId: snowflakeAt(day + 24 * HOUR) } },
        ],
      },
      NOW,
    );
    const line = 'skipped ≈4 posts over its cap on 2026-11-19 (16:00–24:00 UTC)';
    expect(text(await send('/watch list'))).toContain(line);
    const heading = 'Skipped over the budget (last 7 days)';
    const stats = await send('/stats');
    const block = stats?.blocks.find((b) => 'heading' in b && b.heading === heading);
    expect(text(block ? { ...stats!, blocks: [block] } : null)).toBe(`topic elixir: ${line} `);
    // A week later it is no longer shown.
    const later = makeContext({
      chat: { id: 'telegram:-1', kind: 'group' },
      isAdmin: true,
      now: NOW + 9 * 24 * HOUR,
    });
    const old = await send('/stats', later);
    expect(old?.blocks.some((b) => 'heading' in b && b.heading === heading)).toBe(false);
    expect(text(old)).not.toContain('skipped');
  });

  it('kestrel watch estimate prints the estimate; in demo mode it comes from the corpus and says so', async () => {
    await setup();
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (c) => {
      out += String(c);
    });
    const db = join(mkdtempSync(join(tmpdir(), 'kestrel-estimate-')), 'k.db');
    const io = { stdin: Readable.from([]), stdout, stderr: new PassThrough() };
    const code = await main(
      ['watch', 'estimate', 'jobs вакансия golang'],
      { LOG_LEVEL: 'silent', KESTREL_DB: db },
      io,
    );
    expect(code).toBe(0);
    expect(out).toContain('watch           jobs вакансия golang');
    expect(out).toContain('The demo corpus (not X: no token) has');
    const replay = createReplaySource([
      {
        tweets: [
          makeTweet({ text: 'golang вакансии', createdAt: NOW - HOUR }),
          makeTweet({ text: 'rust', createdAt: NOW - HOUR }, 1),
        ],
        authors: [makeAuthor()],
        newestId: null,
        nextToken: null,
      },
    ]);
    const clock = createManualClock(NOW);
    const stores = createPollStores(openDatabase(':memory:'));
    const corpus = await createEstimator({ source: replay, usage: stores.usage, clock, options }).estimate({
      kind: 'jobs',
      name: 'j',
      terms: ['вакансия golang'],
    });
    expect(corpus).toMatchObject({ total: 1, from: 'corpus', countsRequests: 0, cost: 0 });
    expect(stores.usage.day(NOW).countsRequests).toBe(0);
  });
});
