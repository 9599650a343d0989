import { afterEach, describe, expect, it } from 'vitest';
import { compareIds } from '../../src/domain.js';
import { afterRead, clampToWindow, passOver, rangesToRead } from '../../src/monitor/coverage.js';
import { clausesOf } from '../../src/planner/atoms.js';
import { watchUnits } from '../../src/planner/pack.js';
import type { WatchSpec } from '../../src/watch/types.js';
import { snowflakeTime } from '../../src/x/snowflake.js';
import type { WireUser } from '../fakes/x-api/index.js';
import { createPollHarness } from './poll-harness.js';
import { wireTweet, wireUser } from './wire-fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const users: WireUser[] = Array.from({ length: 20 }, (_, i) => wireUser(i));

let harness: Awaited<ReturnType<typeof createPollHarness>> | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function setup(specs: WatchSpec[], options: Parameters<typeof createPollHarness>[1] = {}) {
  harness = await createPollHarness(specs, options);
  harness.fake.addUsers(users);
  return harness;
}

/** A topic of 40 words: two queries at 512 characters, as in the issue. */
const wideTopic: WatchSpec = {
  kind: 'topic',
  name: 'wide',
  terms: Array.from({ length: 40 }, (_, i) => `kw${String(i).padStart(2, '0')}x${'z'.repeat(6)}`),
};
/** True when `id` lies inside one of the recorded over-budget gaps (bounds exclusive). */
const inGap = (gaps: { range: { sinceId: string; untilId: string } }[], id: string) =>
  gaps.some((g) => compareIds(id, g.range.sinceId) > 0 && compareIds(id, g.range.untilId) < 0);
const word = (i: number) => (wideTopic.kind === 'topic' ? (wideTopic.terms[i] as string) : '');

describe('coverage: a cursor moves only over what was read', () => {
  const c0 = { sinceId: '1000', gapUntil: null, gapTop: null };
  it('reads the gap before anything newer, and closes it', () => {
    expect(rangesToRead(c0, '2000')).toEqual([{ sinceId: '1000', untilId: '2000' }]);
    const partial = afterRead(c0, { sinceId: '1000', untilId: '2000' }, false, '1500');
    expect(partial).toEqual({ sinceId: '1000', gapUntil: '1500', gapTop: '1999' });
    expect(rangesToRead(partial, '3000')).toEqual([
      { sinceId: '1000', untilId: '1500' },
      { sinceId: '1999', untilId: '3000' },
    ]);
    const narrower = afterRead(partial, { sinceId: '1000', untilId: '1500' }, false, '1200');
    expect(narrower).toEqual({ sinceId: '1000', gapUntil: '1200', gapTop: '1999' });
    expect(afterRead(narrower, { sinceId: '1000', untilId: '1200' }, true, null)).toEqual({
      sinceId: '1999',
      gapUntil: null,
      gapTop: null,
    });
    expect(afterRead(c0, { sinceId: '1000', untilId: '2000' }, false, null)).toEqual(c0);
  });

  it('keeps a cursor inside X window, saying what fell out unread', () => {
    expect(clampToWindow(c0, '900')).toEqual({ coverage: c0, lost: [] });
    expect(clampToWindow(c0, '1100')).toEqual({
      coverage: { sinceId: '1099', gapUntil: null, gapTop: null },
      lost: [{ sinceId: '1000', untilId: '1100' }],
    });
    const gap = { sinceId: '1000', gapUntil: '1200', gapTop: '1999' };
    expect(clampToWindow(gap, '1300')).toEqual({
      coverage: { sinceId: '1999', gapUntil: null, gapTop: null },
      lost: [{ sinceId: '1000', untilId: '1200' }],
    });
  });

  it('passes over what is unread below a floor, in at most two stretches, and keeps the rest to read', () => {
    const gap = { sinceId: '1000', gapUntil: '1200', gapTop: '1499' };
    // The floor inside the gap's unread part: the part above it stays a gap.
    expect(passOver(gap, '1100')).toEqual({
      coverage: { sinceId: '1099', gapUntil: '1200', gapTop: '1499' },
      passed: [{ sinceId: '1000', untilId: '1100' }],
    });
    // The floor at the gap's bottom: the gap closes.
    expect(passOver(gap, '1200')).toEqual({
      coverage: { sinceId: '1499', gapUntil: null, gapTop: null },
      passed: [{ sinceId: '1000', untilId: '1200' }],
    });
    // The floor above the gap's top: both unread stretches below it are passed over.
    expect(passOver(gap, '1800')).toEqual({
      coverage: { sinceId: '1799', gapUntil: null, gapTop: null },
      passed: [
        { sinceId: '1000', untilId: '1200' },
        { sinceId: '1499', untilId: '1800' },
      ],
    });
    // Nothing unread below the floor: nothing passed, nothing claimed.
    expect(passOver(c0, '1001')).toEqual({ coverage: c0, passed: [] });
    const after = passOver(gap, '1800').coverage;
    expect(rangesToRead(after, '2000')).toEqual([{ sinceId: '1799', untilId: '2000' }]);
    // An empty stretch (no id between its bounds) is not reported.
    expect(passOver({ sinceId: '1000', gapUntil: '1001', gapTop: '1500' }, '1600').passed).toEqual([
      { sinceId: '1500', untilId: '1600' },
    ]);
  });
});

describe('poll cycles as a plan', () => {
  it('a split watch is complete only when both its queries are: no tweet of the second is lost (issue 13, 1)', async () => {
    const h = await setup([wideTopic], { monthlyReadBudget: 20 * 11 });
    const watchId = h.stores.watches.list()[0]!.id;
    const units = watchUnits(clausesOf(h.stores.watches.list()[0]!), h.pack);
    expect(units).toHaveLength(2);
    const now = h.clock.now();
    // 25 tweets for words of the first query, 5 for a word only the second carries.
    const first = units[0]!.text.includes(word(0)) ? 0 : 39;
    const second = first === 0 ? 39 : 0;
    const post = (w: number, i: number, at: number, seq: number) =>
      wireTweet(`about ${word(w)} ${i}`, at, seq, users[i % 20]!);
    h.fake.addTweets([
      ...Array.from({ length: 25 }, (_, i) => post(first, i, now - HOUR + i * MIN, i)),
      ...Array.from({ length: 5 }, (_, i) => post(second, i, now - 2 * HOUR + i * MIN, 50 + i)),
    ]);
    // 20 a day: the budget runs out between the two queries, and the cycles of the day read no more.
    for (let cycle = 0; cycle < 3; cycle++) {
      const report = await h.poller.runOnce();
      expect(report.tweetsRead).toBeLessThanOrEqual(cycle === 0 ? 20 : 0);
      expect(h.skipped()).toEqual([]);
      h.clock.advance(HOUR);
    }
    expect(h.count('SELECT count(*) FROM tweets')).toBeLessThanOrEqual(20);
    // The next day: what the allowance did not reach of yesterday is given up on the record, and today's posts of
    // both queries are read.
    h.clock.set(Date.UTC(2026, 10, 21, 9));
    const today = h.clock.now();
    h.fake.addTweets([
      ...Array.from({ length: 4 }, (_, i) => post(first, i, today - 3 * HOUR + i * MIN, 100 + i)),
      ...Array.from({ length: 8 }, (_, i) => post(second, i, today - 2 * HOUR + i * MIN, 150 + i)),
    ]);
    const next = await h.poller.runOnce();
    expect(next.skipped.map((s) => [s.day, s.reason])).toEqual([['2026-11-20', 'allowance']]);
    expect(h.skipped()).toEqual([]);
    const yesterday = h.count('SELECT count(*) FROM tweets WHERE created_at < ?', today - 9 * HOUR);
    const given = h.fake.store.list((t) => Date.parse(t.created_at as string) < today - 9 * HOUR).length;
    // Every post of yesterday is stored or inside a recorded gap: the counts add up.
    const inGaps = h.fake.store
      .list((t) => Date.parse(t.created_at as string) < today - 9 * HOUR)
      .filter((t) => inGap(h.stores.skips.ranges(watchId), t.id))
      .filter((t) => !h.db.prepare('SELECT 1 FROM tweets WHERE id = ?').get(t.id)).length;
    expect(yesterday + inGaps).toBe(given);
    expect(inGaps).toBeGreaterThanOrEqual(10);
    expect(h.count('SELECT count(*) FROM tweets WHERE created_at >= ?', today - 9 * HOUR)).toBe(12);
    expect(
      h.count(
        'SELECT count(*) FROM tweets WHERE created_at >= ? AND text LIKE ?',
        today - 9 * HOUR,
        `%${word(second)}%`,
      ),
    ).toBe(8);
  });

  it('a query X keeps refusing does not stall the others: it is read alone, then backs off, and says so', async () => {
    const specs: WatchSpec[] = [
      { kind: 'topic', name: 'good', terms: ['golang'] },
      { kind: 'topic', name: 'bad', terms: ['brokenword'] },
    ];
    // Pack the two into one query first: both units share it.
    const h = await setup(specs);
    const now = h.clock.now();
    h.fake.addTweets([
      wireTweet('golang news', now - HOUR, 1, users[1]!),
      wireTweet('brokenword here', now - HOUR, 2, users[2]!),
    ]);
    h.fake.injectFault({ kind: 'rejected', times: 100, queryIncludes: 'brokenword' });
    const first = await h.poller.runOnce();
    expect(first.status).toBe('failed');
    expect(first.reason).toMatch(/UPSTREAM_REJECTED/);
    h.clock.advance(15 * MIN);
    const second = await h.poller.runOnce();
    // Read alone, the good watch is stored; the bad one fails again and backs off.
    expect(second.status).toBe('partial');
    expect(h.count("SELECT count(*) FROM tweets WHERE text = 'golang news'")).toBe(1);
    const bad = h.stores.watches.list().find((w) => w.spec.name === 'bad')!;
    h.clock.advance(MIN);
    const third = await h.poller.runOnce();
    expect(third.status).toBe('ok');
    expect(third.paused.get(bad.id)).toMatch(/backing off: its query failed \(UPSTREAM_REJECTED/);
    const refused = h.searches().filter((r) => r.status === 400).length;
    h.clock.advance(10 * MIN);
    await h.poller.runOnce();
    expect(h.searches().filter((r) => r.status === 400).length).toBe(refused);
  });

  it('counts every billed read and records the run when storing throws, and stores it next time', async () => {
    let fail = true;
    const h = await setup([{ kind: 'topic', name: 't', terms: ['golang'] }], {
      hooks: [
        {
          onNewTweets: () => {
            if (fail) throw new Error('disk full');
          },
        },
      ],
    });
    const now = h.clock.now();
    h.fake.addTweets(
      Array.from({ length: 30 }, (_, i) => wireTweet(`golang ${i}`, now - HOUR + i * MIN, i, users[i % 20]!)),
    );
    const report = await h.poller.runOnce();
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/disk full/);
    expect(h.count('SELECT count(*) FROM tweets')).toBe(0);
    expect(h.stores.usage.day(h.clock.now()).tweetsRead).toBe(30);
    expect(h.stores.runs.lastError()?.message).toMatch(/disk full/);
    fail = false;
    h.clock.advance(MIN);
    const again = await h.poller.runOnce();
    expect(again.status).toBe('ok');
    expect(h.count('SELECT count(*) FROM tweets')).toBe(30);
    // Read again the same UTC day: free, and counted apart.
    expect(h.stores.usage.day(h.clock.now())).toMatchObject({ tweetsRead: 30, reReads: 30 });
    expect(h.fake.billing().posts).toBe(30);
  });

  it('stores a query whose reading ahead (classification) throws, classifying while storing instead', async () => {
    const h = await setup([{ kind: 'topic', name: 't', terms: ['golang'] }], {
      wrapIngestor: (real) => ({
        ...real,
        prepare: async () => {
          throw new Error('worker gone');
        },
      }),
    });
    const now = h.clock.now();
    h.fake.addTweets(
      Array.from({ length: 12 }, (_, i) => wireTweet(`golang ${i}`, now - HOUR + i * MIN, i, users[i]!)),
    );
    const report = await h.poller.runOnce();
    expect(report.status).toBe('ok');
    expect(h.count('SELECT count(*) FROM tweets')).toBe(12);
    expect(h.count('SELECT count(*) FROM tweet_signals')).toBe(12);
    expect(h.stores.usage.day(h.clock.now()).tweetsRead).toBe(12);
  });

  it('a watch at its daily cap pauses with the reason, lets the others read, and skips ahead on the next day', async () => {
    const specs: WatchSpec[] = [
      { kind: 'topic', name: 'noisy', terms: ['golang'] },
      { kind: 'topic', name: 'quiet', terms: ['elixir'] },
    ];
    const h = await setup(specs, { maxReadsPerWatchPerDay: 40, backfillDays: 1 });
    const now = h.clock.now();
    const golang = (n: number, from: number, seq: number) =>
      Array.from({ length: n }, (_, i) =>
        wireTweet(`golang ${seq + i}`, from + i * MIN, seq + i, users[i % 20]!),
      );
    h.fake.addTweets([
      ...golang(100, now - 3 * HOUR, 0),
      ...Array.from({ length: 5 }, (_, i) =>
        wireTweet(`elixir ${i}`, now - 2 * HOUR + i * MIN, 200 + i, users[i]!),
      ),
    ]);
    const first = await h.poller.runOnce();
    const noisy = h.stores.watches.list().find((w) => w.spec.name === 'noisy')!;
    expect(first.paused.get(noisy.id)).toMatch(/read [34]\d of its 40 posts today/);
    expect(first.paused.get(noisy.id)).toContain("the rest of today's posts are skipped");
    expect(h.stores.usage.watchReads(now).get(noisy.id)).toBeLessThanOrEqual(40);
    expect(h.count("SELECT count(*) FROM tweets WHERE text LIKE 'elixir%'")).toBe(5);
    const readFirstDay = h.count("SELECT count(*) FROM tweets WHERE text LIKE 'golang%'");
    // The newest first: what it read of the day is the latest stretch of it.
    expect(h.count("SELECT count(*) FROM tweets WHERE text LIKE 'golang 99'")).toBe(1);
    expect(h.skipped()).toEqual([]);
    let skippedTotal = 0;
    for (let day = 1; day <= 3; day++) {
      h.clock.set(Date.UTC(2026, 10, 20 + day, 12));
      // 30 fresh posts a day, within the cap.
      h.fake.addTweets(golang(30, h.clock.now() - 2 * HOUR, 1000 * day));
      const report = await h.poller.runOnce();
      const skips = report.skipped.filter((s) => s.watchId === noisy.id);
      if (day === 1) {
        // Yesterday's rest is given up on the record, with the day, the reason and about how many posts.
        expect(skips.map((s) => [s.day, s.reason])).toEqual([['2026-11-20', 'cap']]);
        expect(skips[0]!.postsEstimate).toBeGreaterThan(0);
        skippedTotal += skips.length;
      } else expect(skips).toEqual([]);
      expect(report.paused.has(noisy.id)).toBe(false);
      expect(h.stores.usage.watchReads(h.clock.now()).get(noisy.id)).toBe(30);
      expect(h.skipped()).toEqual([]);
    }
    expect(skippedTotal).toBe(1);
    // Every fresh post is read the day it is posted; none of the first day's rest is read a day late.
    expect(h.count("SELECT count(*) FROM tweets WHERE text LIKE 'golang%'")).toBe(readFirstDay + 90);
    const unread = h.fake.store
      .list((t) => t.text.startsWith('golang '))
      .filter((t) => !h.db.prepare('SELECT 1 FROM tweets WHERE id = ?').get(t.id));
    expect(unread.length).toBe(100 - readFirstDay);
    const gaps = h.stores.skips.ranges(noisy.id);
    for (const t of unread) expect(inGap(gaps, t.id), t.id).toBe(true);
    expect(h.fake.billing().posts).toBe(h.count('SELECT count(*) FROM tweets'));
  });

  it('a new watch reads back x.backfillDays, not the whole 7-day window', async () => {
    const h = await setup([{ kind: 'topic', name: 't', terms: ['golang'] }], { backfillDays: 1 });
    const now = h.clock.now();
    h.fake.addTweets([
      wireTweet('golang old', now - 3 * DAY, 1, users[1]!),
      wireTweet('golang new', now - HOUR, 2, users[2]!),
    ]);
    await h.poller.runOnce();
    const since = h.searches()[0]?.query.since_id ?? '0';
    expect(Math.abs(snowflakeTime(since) - (now - DAY))).toBeLessThan(MIN);
    expect(h.count('SELECT count(*) FROM tweets')).toBe(1);
  });
});
