import { afterEach, describe, expect, it } from 'vitest';
import { clausesOf } from '../../src/planner/atoms.js';
import { packQueries } from '../../src/planner/pack.js';
import { snowflakeTime } from '../../src/x/snowflake.js';
import { matchesQuery, parseQuery, type WireUser } from '../fakes/x-api/index.js';
import { createPollHarness } from './poll-harness.js';
import { sampleWatches } from './sample-watches.js';
import { tweetBatch, wireTweet, wireUser } from './wire-fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const users: WireUser[] = Array.from({ length: 120 }, (_, i) => wireUser(i));
const specs = sampleWatches(50).map((w) => w.spec);

let harness: Awaited<ReturnType<typeof createPollHarness>> | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(options: Parameters<typeof createPollHarness>[1] = {}) {
  harness = await createPollHarness(specs, options);
  harness.fake.addUsers(users);
  return harness;
}

/** Which stored tweets each watch should have, by the fake's own evaluator of that watch's own query. */
function expectedMatches(h: NonNullable<typeof harness>): Map<number, Set<string>> {
  const expected = new Map<number, Set<string>>();
  const everything = h.fake.store;
  for (const watch of h.stores.watches.list()) {
    const [own] = packQueries([clausesOf(watch)], { maxLength: 512, suffix: '-is:retweet' });
    const ast = parseQuery(own?.query ?? '');
    const ids = new Set<string>();
    for (const tweet of everything.list(() => true)) {
      if (matchesQuery(ast, tweet, everything.user(tweet.author_id ?? ''))) ids.add(tweet.id);
    }
    expected.set(watch.id, ids);
  }
  return expected;
}

function storedMatches(h: NonNullable<typeof harness>): Map<number, Set<string>> {
  const rows = h.db
    .prepare('SELECT m.watch_id AS w, t.id AS id FROM watch_matches m JOIN tweets t ON t.seq = m.tweet_seq')
    .all() as { w: number; id: string }[];
  const out = new Map<number, Set<string>>();
  for (const w of h.stores.watches.list()) out.set(w.id, new Set());
  for (const r of rows) out.get(r.w)?.add(r.id);
  return out;
}

describe('poll cycle through twitter-api-v2 and the fake X API', () => {
  it('three cycles with tweets arriving between them store each tweet once, in packed queries', async () => {
    const h = await setup();
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(300, start - 2 * HOUR, start - MIN, 1, users));
    const packed = packQueries(h.stores.watches.list().map(clausesOf), {
      maxLength: 512,
      suffix: '-is:retweet',
    });

    for (let cycle = 0; cycle < 3; cycle++) {
      const before = h.searches().length;
      const report = await h.poller.runOnce();
      expect(report.status).toBe('ok');
      const requests = h.searches().slice(before);
      // One first page per packed query; more requests only to follow next_token.
      const firstPages = requests.filter((r) => !r.query.next_token);
      expect(firstPages.length).toBe(packed.length);
      expect(new Set(firstPages.map((r) => r.query.query))).toEqual(new Set(packed.map((p) => p.query)));
      expect(requests.length - firstPages.length).toBe(report.requests - packed.length);
      for (const r of requests) {
        expect(r.query.query?.length).toBeLessThanOrEqual(512);
        expect(r.status).toBe(200);
      }
      // New tweets arrive; some existing ones gain likes.
      const now = h.clock.now();
      h.clock.advance(15 * MIN);
      h.fake.addTweets(tweetBatch(120, now, now + 10 * MIN, 100 + cycle, users));
    }
    await h.poller.runOnce();

    const visible = h.fake.store.list(() => true).filter((t) => snowflakeTime(t.id) < h.clock.now() - 15_000);
    const matchedIds = new Set([...storedMatches(h).values()].flatMap((s) => [...s]));
    expect(h.count('SELECT count(*) FROM tweets')).toBe(h.count('SELECT count(DISTINCT id) FROM tweets'));
    expect(h.count('SELECT count(*) FROM tweets')).toBe(matchedIds.size);
    // Exactly the tweets each watch should get, judged by the fake's evaluator of each watch alone.
    const expected = expectedMatches(h);
    const stored = storedMatches(h);
    for (const [watchId, ids] of expected) {
      const visibleIds = new Set([...ids].filter((id) => visible.some((t) => t.id === id)));
      expect([...(stored.get(watchId) ?? [])].sort(), `watch ${watchId}`).toEqual([...visibleIds].sort());
    }
    expect(h.count('SELECT count(*) FROM api_usage')).toBe(1);
  });

  it('does not re-read: the second cycle asks only for what is newer than the cursor', async () => {
    const h = await setup();
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(200, start - HOUR, start - MIN, 2, users));
    await h.poller.runOnce();
    const readFirst = h.count('SELECT tweets_read FROM api_usage');
    h.clock.advance(15 * MIN);
    const second = await h.poller.runOnce();
    expect(second.status).toBe('ok');
    expect(second.tweetsRead).toBe(0);
    expect(h.count('SELECT tweets_read FROM api_usage')).toBe(readFirst);
    const sinceIds = new Set(
      h
        .searches()
        .slice(-second.requests)
        .map((r) => r.query.since_id),
    );
    expect(sinceIds.size).toBe(1);
  });

  it('a new watch reads its own backfill; re-packing never re-reads for the others', async () => {
    const h = await setup();
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(200, start - 3 * HOUR, start - MIN, 3, users));
    await h.poller.runOnce();
    h.stores.watches.add(
      { kind: 'topic', name: 'kotlin jobs', terms: ['kotlin вакансия'] },
      'chat:1',
      h.clock.now(),
    );
    h.clock.advance(10 * MIN);
    h.fake.addTweets([wireTweet('вакансия kotlin и опыт', h.clock.now() - 5 * MIN, 1, users[3] as WireUser)]);
    const before = h.searches().length;
    const report = await h.poller.runOnce();
    const requests = h.searches().slice(before);
    const established = requests.filter((r) => !r.query.query?.includes('kotlin (вакансия'));
    const fresh = requests.filter((r) => r.query.query?.includes('kotlin (вакансия'));
    expect(fresh).toHaveLength(1);
    expect(snowflakeTime(fresh[0]?.query.since_id ?? '0')).toBeLessThan(start - 6 * 24 * HOUR);
    // The others read only the one new tweet (it matches "вакансия" watches too).
    expect(
      report.tweetsRead - (fresh.length ? report.tweetsRead - established.length : 0),
    ).toBeGreaterThanOrEqual(0);
    for (const r of established) expect(snowflakeTime(r.query.since_id ?? '0')).toBeGreaterThan(start - MIN);
    // Next cycle: everyone shares one cursor again and is packed together.
    h.clock.advance(15 * MIN);
    const b2 = h.searches().length;
    await h.poller.runOnce();
    const next = h.searches().slice(b2);
    expect(new Set(next.map((r) => r.query.since_id)).size).toBe(1);
    expect(
      h.count(
        "SELECT count(*) FROM watch_matches m JOIN watches w ON w.id = m.watch_id WHERE w.name = 'kotlin jobs'",
      ),
    ).toBeGreaterThan(0);
  });

  it('waits out a 429 until the reset and loses nothing', async () => {
    const h = await setup();
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(150, start - HOUR, start - MIN, 4, users));
    h.fake.injectFault({ kind: 'rateLimit', resetInMs: 5 * MIN, times: 1, pathPrefix: '/2/tweets/search' });
    const report = await h.poller.runOnce();
    expect(report.status).toBe('ok');
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(5 * MIN);
    expect(h.searches().filter((r) => r.status === 429)).toHaveLength(1);
    const expected = expectedMatches(h);
    const stored = storedMatches(h);
    for (const [id, ids] of expected) expect(stored.get(id)?.size, `watch ${id}`).toBe(ids.size);
  });

  it('retries 5xx and timeouts with backoff, then completes', async () => {
    const h = await setup({ timeoutMs: 300 });
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(150, start - HOUR, start - MIN, 5, users));
    h.fake.injectFault({ kind: 'status', status: 503, times: 2, pathPrefix: '/2/tweets/search' });
    h.fake.injectFault({ kind: 'timeout', times: 1, pathPrefix: '/2/tweets/search' });
    const report = await h.poller.runOnce();
    expect(report.reason).toBeUndefined();
    expect(report.status).toBe('ok');
    expect(h.searches().filter((r) => r.status === 503)).toHaveLength(2);
    expect(h.count('SELECT count(*) FROM tweets')).toBe(h.count('SELECT count(DISTINCT id) FROM tweets'));
    const stored = storedMatches(h);
    for (const [id, ids] of expectedMatches(h)) expect(stored.get(id)?.size, `watch ${id}`).toBe(ids.size);
  });

  it('a malformed page fails its query only: the others are stored, the failed one recovers next cycle', async () => {
    const h = await setup();
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(150, start - HOUR, start - MIN, 6, users));
    h.fake.injectFault({ kind: 'malformed', times: 1, pathPrefix: '/2/tweets/search' });
    const partial = await h.poller.runOnce();
    expect(partial.status).toBe('partial');
    expect(partial.failedQueries).toBe(1);
    expect(partial.reason).toMatch(/UPSTREAM_MALFORMED/);
    expect(h.count('SELECT count(*) FROM tweets')).toBeGreaterThan(0);
    expect(h.stores.runs.lastError()?.message).toMatch(/UPSTREAM_MALFORMED/);
    expect(h.count('SELECT count(*) FROM query_cursors WHERE failures = 1')).toBeGreaterThan(0);
    h.clock.advance(MIN);
    const ok = await h.poller.runOnce();
    expect(ok.status).toBe('ok');
    expect(h.count('SELECT count(*) FROM query_cursors WHERE failures > 0')).toBe(0);
    const stored = storedMatches(h);
    for (const [id, ids] of expectedMatches(h)) expect(stored.get(id)?.size, `watch ${id}`).toBe(ids.size);
  });

  it('gives up on endless 5xx without storing anything, and never throws', async () => {
    const h = await setup();
    h.fake.addTweets(tweetBatch(50, h.clock.now() - HOUR, h.clock.now() - MIN, 7, users));
    h.fake.injectFault({ kind: 'status', status: 500, times: 100 });
    const report = await h.poller.runOnce();
    expect(report.status).toBe('failed');
    expect(h.count('SELECT count(*) FROM tweets')).toBe(0);
  });

  it('falls back to the window start when X refuses a since_id as older than 7 days', async () => {
    // X's clock runs 30 minutes ahead of ours, so a cursor we think is inside the window is not.
    const h = await setup({ fakeSkewMs: 30 * MIN });
    const start = h.clock.now();
    h.fake.addTweets(tweetBatch(100, start - HOUR, start - MIN, 8, users));
    expect((await h.poller.runOnce()).status).toBe('ok');
    h.clock.advance(7 * 24 * HOUR - 20 * MIN);
    h.fake.addTweets(tweetBatch(50, h.clock.now() - HOUR, h.clock.now() - MIN, 9, users));
    const before = h.searches().length;
    const report = await h.poller.runOnce();
    expect(report.status).toBe('ok');
    const requests = h.searches().slice(before);
    expect(requests.some((r) => r.status === 400)).toBe(true);
    expect(requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(h.count('SELECT count(*) FROM tweets')).toBe(h.count('SELECT count(DISTINCT id) FROM tweets'));
    const stored = storedMatches(h);
    for (const [id, ids] of expectedMatches(h)) expect(stored.get(id)?.size, `watch ${id}`).toBe(ids.size);
  });

  it("spends no more than the day's allowance, pauses with the reason, and reads on the next day", async () => {
    const h = await setup({ monthlyReadBudget: 1_100 });
    h.fake.addTweets(tweetBatch(400, h.clock.now() - HOUR, h.clock.now() - MIN, 10, users));
    // 20 November: 1,100 posts over the 11 days left of the month is 100 a day.
    const first = await h.poller.runOnce();
    // Pages ask for what is left (at least 10, X's smallest page), so a day ends at most 9 short, never over.
    expect(first.tweetsRead).toBeGreaterThan(90);
    expect(first.tweetsRead).toBeLessThanOrEqual(100);
    expect([...first.paused.values()].some((r) => r.includes("today's allowance of 100 posts"))).toBe(true);
    const again = await h.poller.runOnce();
    expect(again.tweetsRead).toBe(0);
    // The next day goes on with the new day's posts; the rest of the 20th is given up on the record, not read a
    // day late (when X would bill again what other watches read of it that day).
    h.clock.advance(14 * HOUR);
    h.fake.addTweets(tweetBatch(60, h.clock.now() - HOUR, h.clock.now() - MIN, 12, users));
    const nextDay = await h.poller.runOnce();
    const fresh = h.count('SELECT count(*) FROM tweets WHERE created_at >= ?', Date.UTC(2026, 10, 21));
    expect(fresh).toBeGreaterThan(10);
    expect(nextDay.tweetsRead).toBe(fresh);
    expect(nextDay.skipped.length).toBeGreaterThan(0);
    expect(new Set(nextDay.skipped.map((s) => `${s.day} ${s.reason}`))).toEqual(
      new Set(['2026-11-20 allowance']),
    );
    // A watch that read under an hour of the day has no pace to estimate its skipped posts by: it says so.
    for (const skip of nextDay.skipped)
      if (skip.postsEstimate !== null) expect(skip.postsEstimate).toBeGreaterThanOrEqual(skip.postsReached);
    expect(h.skipped()).toEqual([]);
    const days = h.stores.usage.daysOfMonth(h.clock.now());
    expect(days).toHaveLength(2);
    for (const d of days) expect(d.tweetsRead).toBeLessThanOrEqual(100);
    expect(h.fake.billing().posts).toBe(h.count('SELECT count(*) FROM tweets'));
  });

  it('stops at the monthly read budget and says why', async () => {
    const h = await setup({ monthlyReadBudget: 120, dailyAllowance: false });
    h.fake.addTweets(tweetBatch(400, h.clock.now() - HOUR, h.clock.now() - MIN, 10, users));
    const first = await h.poller.runOnce();
    expect(first.status).toBe('ok');
    expect(first.tweetsRead).toBeGreaterThan(110);
    expect(first.tweetsRead).toBeLessThanOrEqual(120);
    const second = await h.poller.runOnce();
    expect(second.status).toBe('skipped');
    expect(second.reason).toMatch(/monthly read budget spent/);
    // Reading nothing, the next day still records what the watches gave up of the day the budget ran out.
    h.clock.advance(24 * HOUR);
    const third = await h.poller.runOnce();
    expect(third.status).toBe('skipped');
    expect(third.tweetsRead).toBe(0);
    expect(third.skipped.length).toBeGreaterThan(0);
    expect(new Set(third.skipped.map((s) => `${s.day} ${s.reason}`))).toEqual(new Set(['2026-11-20 month']));
    expect(h.skipped()).toEqual([]);
  });

  it('refuses a manual run while another runs', async () => {
    const h = await setup();
    h.fake.addTweets(tweetBatch(50, h.clock.now() - HOUR, h.clock.now() - MIN, 11, users));
    const [a, b] = await Promise.all([h.poller.runOnce(), h.poller.runOnce()]);
    expect(a.status).toBe('ok');
    expect(b.status).toBe('skipped');
    expect(b.reason).toMatch(/already running/);
  });
});
