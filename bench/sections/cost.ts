import { createManualClock } from '../../src/clock.js';
import { compareIds } from '../../src/domain.js';
import { silentLogger } from '../../src/logger.js';
import { daysLeftInMonth } from '../../src/monitor/budget.js';
import { createPoller } from '../../src/monitor/poll-cycle.js';
import { defaultRetryPolicy } from '../../src/monitor/retry.js';
import { createPollStores } from '../../src/monitor/stores.js';
import { createIngestor } from '../../src/pipeline/ingest.js';
import { createPreparePool } from '../../src/pipeline/prepare-pool.js';
import { clausesOf } from '../../src/planner/atoms.js';
import { minimumQueryCount, watchUnits } from '../../src/planner/pack.js';
import { openDatabase } from '../../src/store/database.js';
import { createSignalWriter } from '../../src/store/signal-store.js';
import type { Watch } from '../../src/watch/types.js';
import { costWatches, createSimulatedX, generateStream, type Stream } from '../cost-stream.js';

const DAY_MS = 86_400_000;
const MONTH_START = Date.UTC(2026, 10, 1);
const MONTH_DAYS = 30;
const POLL_EVERY_MS = 30 * 60_000;
const PRICE_PER_READ = 0.005;
const PACK = { maxLength: 512, suffix: '-is:retweet' };

/** One month of polling at one budget. */
export interface CostRun {
  monthly_budget: number;
  max_reads_per_watch_per_day: number;
  /** Posts billed over stored posts (target 1.00: no post billed twice). */
  reads_per_stored_tweet: number;
  /**
   * Posts billed past the day's share on the worst day (the month's budget left over the days left), or past
   * the month's budget (target 0).
   */
  budget_overrun: number;
  /**
   * Posts a cursor moved over without storing them, outside every recorded over-budget gap and X's window
   * (target 0).
   */
  tweets_lost: number;
  /**
   * Posts of the month's stream the budget did not reach: given up in recorded over-budget gaps (the rest of a
   * day a watch's cap or the allowance stopped it on), never read, or still waiting at month end.
   */
  tweets_over_budget: number;
  /** Of them, posts inside the recorded over-budget gaps of every watch whose query finds them. */
  tweets_skipped_over_budget: number;
  /** Over-budget gaps recorded (one per watch and day). */
  skips_recorded: number;
  /**
   * Posts the recorded gaps estimated (those with an estimate) over the posts the watches' queries find in them:
   * how near "skipped ≈N posts" in /stats is.
   */
  skip_estimate_vs_actual: number | null;
  tweets_stored: number;
  reads: number;
  re_reads_free: number;
  /** Search requests per cycle that read anything (first pages and the pages after them). */
  requests_per_cycle: number;
  /** Packed queries per such cycle. */
  queries_per_cycle: number;
  /** ⌈Σ query lengths / max query length⌉ for the 50 watches: the fewest queries any packing needs. */
  packing_limit: number;
  spend_usd: number;
  /** Highest day's spend over the evenest possible day (budget / 30). */
  busiest_day_vs_even: number;
  /** Watch-days paused by their cap or the day's allowance. */
  paused_watch_days: number;
  elapsed_s: number;
}

export interface CostBench {
  month: string;
  watches: number;
  posts_per_day: { min: number; max: number; total: number };
  posts_matching_2_or_more: number;
  long_posts: number;
  posts_without_author: number;
  poll_every_min: number;
  runs: CostRun[];
  /** The same month without the plan: no daily allowance, no cap, a 7-day backfill (how polling spent before). */
  baseline_unplanned: CostRun[];
}

/**
 * A simulated November of 50 watches (5 to 2,000 posts a day each) polled every 30 minutes by the real poller,
 * ingest pipeline and SQLite, against a simulated X over a generated stream (`cost-stream.ts`), at budgets from
 * 10,000 to 1,000,000 posts; and the unplanned baseline at the small budgets.
 */
export async function runCostBench(
  options: { budgets?: number[]; baselines?: number[]; days?: number } = {},
): Promise<CostBench> {
  const days = options.days ?? MONTH_DAYS;
  const watches = costWatches();
  const stream = generateStream(watches, MONTH_START - 7 * DAY_MS, MONTH_START + days * DAY_MS);
  const matching = matchingPosts(
    stream,
    watches.map((w) => w.watch),
  );
  const runs: CostRun[] = [];
  for (const budget of options.budgets ?? [10_000, 100_000, 1_000_000])
    runs.push(
      await runMonth(stream, matching, budget, Math.max(100, Math.round(budget / 30 / 10)), true, days),
    );
  const baseline_unplanned: CostRun[] = [];
  for (const budget of options.baselines ?? [10_000, 100_000])
    baseline_unplanned.push(await runMonth(stream, matching, budget, 1_000_000_000, false, days));
  const inMonth = stream.posts.filter((p) => Date.parse(p.created_at as string) >= MONTH_START);
  return {
    month: '2026-11',
    watches: watches.length,
    posts_per_day: {
      min: Math.min(...watches.map((w) => w.perDay)),
      max: Math.max(...watches.map((w) => w.perDay)),
      total: watches.reduce((n, w) => n + w.perDay, 0),
    },
    posts_matching_2_or_more: round(
      [...matching.values()].filter((units) => units.size >= 2).length / Math.max(1, matching.size),
      3,
    ),
    long_posts: inMonth.filter((p) => p.note_tweet).length,
    posts_without_author: inMonth.filter((p) => stream.hidden.has(p.author_id as string)).length,
    poll_every_min: POLL_EVERY_MS / 60_000,
    runs,
    baseline_unplanned,
  };
}

/** Post id → the watches whose own query finds it (by X's rules, the fake's evaluator), for posts of the month. */
function matchingPosts(stream: Stream, watches: readonly Watch[]): Matching {
  const x = createSimulatedX(stream, () => Number.POSITIVE_INFINITY);
  const out: Matching = new Map();
  for (const watch of watches)
    for (const unit of watchUnits(clausesOf(watch), PACK))
      for (const post of x.find(`(${unit.text}) ${PACK.suffix}`)) {
        if (Date.parse(post.created_at as string) < MONTH_START) continue;
        const units = out.get(post.id) ?? new Map<number, string>();
        units.set(watch.id, unit.key);
        out.set(post.id, units);
      }
  return out;
}

/** Post id → the watches whose own query finds it (by X's rules, the fake's evaluator), each with its unit. */
type Matching = Map<string, Map<number, string>>;

async function runMonth(
  stream: Stream,
  matching: Matching,
  budget: number,
  cap: number,
  planned: boolean,
  monthDays: number,
): Promise<CostRun> {
  const began = performance.now();
  const clock = createManualClock(MONTH_START);
  const db = openDatabase(':memory:');
  const stores = createPollStores(db);
  const watches = costWatches();
  for (const { watch } of watches) stores.watches.add(watch.spec, '', MONTH_START);
  const pool = createPreparePool({ size: 0 });
  const ingestor = createIngestor({
    tweets: stores.tweets,
    watches: stores.watches,
    signals: createSignalWriter(db),
    brands: () => [],
    pool,
  });
  const source = createSimulatedX(stream, clock.now);
  const poller = createPoller({
    source,
    stores,
    ingestor,
    clock,
    logger: silentLogger(),
    random: () => 0.5,
    options: {
      queryMaxLength: PACK.maxLength,
      excludeRetweets: true,
      monthlyReadBudget: budget,
      maxReadsPerWatchPerDay: cap,
      backfillDays: planned ? 1 : 7,
      dailyAllowance: planned,
      retry: defaultRetryPolicy,
    },
  });
  let cycles = 0;
  let requests = 0;
  let queries = 0;
  const expired: { watchId: number; sinceId: string; untilId: string }[] = [];
  let pausedWatchDays = 0;
  let lastDay = -1;
  const pausedToday = new Set<number>();
  for (let at = MONTH_START; at < MONTH_START + monthDays * DAY_MS; at += POLL_EVERY_MS) {
    clock.set(at);
    const day = Math.floor((at - MONTH_START) / DAY_MS);
    if (day !== lastDay) {
      pausedWatchDays += pausedToday.size;
      pausedToday.clear();
      lastDay = day;
    }
    const report = await poller.runOnce();
    for (const e of report.expired) expired.push({ watchId: e.watchId, ...e.range });
    if (report.requests === 0) continue;
    cycles++;
    requests += report.requests;
    queries += report.queries;
    for (const id of report.paused.keys()) pausedToday.add(id);
  }
  pausedWatchDays += pausedToday.size;

  const days = stores.usage.daysOfMonth(MONTH_START);
  let spentBefore = 0;
  let overrun = 0;
  for (const d of days) {
    const left = daysLeftInMonth(Date.parse(`${d.day}T00:00:00Z`));
    // The same yardstick for the plan and the baseline: the month's budget left spread over the days left.
    const allowance = Math.floor((budget - spentBefore) / left);
    overrun = Math.max(overrun, d.tweetsRead - allowance);
    spentBefore += d.tweetsRead;
  }
  overrun = Math.max(overrun, spentBefore - budget, 0);
  const stored = new Set(db.prepare('SELECT id FROM tweets').pluck().all() as string[]);
  const states = stores.cursors.all();
  const gaps = new Map(watches.map(({ watch }) => [watch.id, stores.skips.ranges(watch.id)]));
  const inGap = (watchId: number, unit: string, id: string) =>
    (gaps.get(watchId) ?? []).some(
      (g) => g.unit === unit && compareIds(id, g.range.sinceId) > 0 && compareIds(id, g.range.untilId) < 0,
    );
  let lost = 0;
  let overBudget = 0;
  let skipped = 0;
  for (const [id, units] of matching) {
    if (stored.has(id)) continue;
    // Lost: behind the cursor of the unit of a watch whose query finds it, not because it fell out of X's
    // window unread, nor given up in a recorded over-budget gap.
    let behind = false;
    let given = true;
    for (const [w, unit] of units) {
      const state = (states.get(w) ?? []).find((u) => u.unit === unit);
      if (!state || compareIds(id, state.coverage.sinceId) > 0) {
        given = false;
        continue;
      }
      const out = expired.some(
        (e) => e.watchId === w && compareIds(id, e.sinceId) > 0 && compareIds(id, e.untilId) < 0,
      );
      if (inGap(w, unit, id)) continue;
      given = false;
      if (!out) behind = true;
    }
    if (behind) lost++;
    else {
      overBudget++;
      if (given) skipped++;
    }
  }
  // How near the recorded estimates are: the posts each watch's query finds inside its gaps of each day.
  const recorded = stores.skips.since('2000-01-01');
  const actual = new Map<string, number>();
  for (const [id, units] of matching)
    for (const [w, unit] of units) {
      const day = (gaps.get(w) ?? []).find(
        (g) => g.unit === unit && compareIds(id, g.range.sinceId) > 0 && compareIds(id, g.range.untilId) < 0,
      )?.day;
      if (day) actual.set(`${w} ${day}`, (actual.get(`${w} ${day}`) ?? 0) + 1);
    }
  const estimated = recorded.filter((r) => r.postsEstimate !== null);
  const estimateSum = estimated.reduce((n, r) => n + (r.postsEstimate ?? 0), 0);
  const actualSum = estimated.reduce((n, r) => n + (actual.get(`${r.watchId} ${r.day}`) ?? 0), 0);
  const reads = days.reduce((n, d) => n + d.tweetsRead, 0);
  const reReads = days.reduce((n, d) => n + d.reReads, 0);
  db.close();
  await pool.close();
  return {
    monthly_budget: budget,
    max_reads_per_watch_per_day: cap,
    reads_per_stored_tweet: round(reads / Math.max(1, stored.size), 3),
    budget_overrun: overrun,
    tweets_lost: lost,
    tweets_over_budget: overBudget,
    tweets_skipped_over_budget: skipped,
    skips_recorded: recorded.length,
    skip_estimate_vs_actual: actualSum > 0 ? round(estimateSum / actualSum, 2) : null,
    tweets_stored: stored.size,
    reads,
    re_reads_free: reReads,
    requests_per_cycle: round(requests / Math.max(1, cycles), 2),
    queries_per_cycle: round(queries / Math.max(1, cycles), 2),
    packing_limit: minimumQueryCount(
      watches.map((w) => clausesOf(w.watch)),
      PACK,
    ),
    spend_usd: round(reads * PRICE_PER_READ, 2),
    busiest_day_vs_even: round(Math.max(...days.map((d) => d.tweetsRead)) / (budget / MONTH_DAYS), 2),
    paused_watch_days: pausedWatchDays,
    elapsed_s: round((performance.now() - began) / 1000, 1),
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
