import type { Clock } from '../clock.js';
import type { KestrelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Ingestor } from '../pipeline/ingest.js';
import { clausesOf } from '../planner/atoms.js';
import { type PackUnit, watchUnits } from '../planner/pack.js';
import { createRouter } from '../planner/router.js';
import type { UnitState } from '../store/cursor-store.js';
import type { RecordedSkip } from '../store/skip-store.js';
import type { Watch } from '../watch/types.js';
import { snowflakeAt } from '../x/snowflake.js';
import type { TweetSource } from '../x/source.js';
import {
  type BudgetOptions,
  type DayBudget,
  dayBudget,
  describePause,
  describeSkip,
  MIN_PAGE,
  type Pause,
  pauseOf,
} from './budget.js';
import type { IdRange } from './coverage.js';
import { planRound, type RoundQuery, unitName } from './poll-plan.js';
import { readQuery } from './query-read.js';
import { createQueryStore } from './query-store.js';
import type { RetryPolicy } from './retry.js';
import type { PollStores } from './stores.js';

export interface PollOptions extends BudgetOptions {
  queryMaxLength: number;
  excludeRetweets: boolean;
  /** How far back a new watch reads, in days (config `x.backfillDays`, at most 7). */
  backfillDays: number;
  retry: RetryPolicy;
}

export interface PollDeps {
  source: TweetSource;
  stores: PollStores;
  ingestor: Ingestor;
  clock: Clock;
  logger: Logger;
  options: PollOptions;
  random?: () => number;
  /** Runs after every cycle that stored something (spike alerts, waking the outbox sender). Errors are logged. */
  afterCycle?: (report: PollReport) => void;
}

/** What one cycle did. */
export interface PollReport {
  /** `partial`: some queries failed, the others were stored. */
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  reason?: string;
  queries: number;
  requests: number;
  /** Posts billed. */
  tweetsRead: number;
  /** Posts X returned again the same UTC day (not billed). */
  reReads: number;
  tweetsNew: number;
  matchesNew: number;
  perWatch: Map<number, number>;
  /** Watches not read (fully) this cycle, and why. */
  paused: Map<number, string>;
  /** Ids that fell out of X's 7-day window before they could be read (the budget was short), per watch. */
  expired: { watchId: number; range: IdRange }[];
  /** What watches the budget stopped on an earlier day gave up of that day (over-budget gaps, recorded). */
  skipped: RecordedSkip[];
  failedQueries: number;
}

export interface Poller {
  /** Runs one cycle now, unless one is already running (then it reports `skipped`). Never throws. */
  runOnce(): Promise<PollReport>;
  readonly running: boolean;
}

/** X recent search reaches back 7 days; stay a little inside. */
const WINDOW_MS = 7 * 24 * 3_600_000 - 10 * 60_000;
/** Tweets reach search with a small delay (X wants end_time ≥ 10 s old): read up to 15 s ago. */
const END_TIME_LAG_MS = 15_000;
/** After X refused a since_id as too old, stay this far inside its window (its clock may run ahead). */
const FALLBACK_MARGIN_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
/** Rounds of a cycle that read at most: each reads what the one before left (a watch at its cap leaves the others). */
const MAX_ROUNDS = 20;

/**
 * One poll cycle. The budget plans it: today's allowance is what the month has left spread over its days,
 * and each watch may bill `maxReadsPerWatchPerDay`. In rounds, each watch's units (see `planRound`) read
 * what they have not read, packed into as few queries as fit; each query is stored with its units' new
 * cursors in its own transaction as soon as it is read, so one failing query keeps the others' tweets.
 * Usage is counted per response as it arrives.
 */
export function createPoller(deps: PollDeps): Poller {
  const { stores, clock, logger, options } = deps;
  let running = false;
  const storeQuery = createQueryStore({ stores, ingestor: deps.ingestor, clock, logger });
  const pack = { maxLength: options.queryMaxLength, suffix: options.excludeRetweets ? '-is:retweet' : '' };
  // A watch's units change only with its terms: computed once per spec, not every round.
  const unitCache = new Map<string, PackUnit[]>();
  const unitsOf = (watch: Watch): PackUnit[] => {
    const key = `${watch.id}:${watch.specHash}`;
    let units = unitCache.get(key);
    if (!units) {
      units = watchUnits(clausesOf(watch), pack);
      unitCache.set(key, units);
    }
    return units;
  };

  async function cycle(report: PollReport, started: number): Promise<void> {
    const day = dayBudget(started, options, stores.usage);
    const watches = stores.watches.list();
    if (watches.length === 0) {
      report.status = 'skipped';
      report.reason = 'no watches';
      return;
    }
    if (options.monthlyReadBudget - day.monthSpent < MIN_PAGE) {
      // Nothing is read, but the plan still runs: it records what the watches give up of the days gone by.
      report.status = 'skipped';
      report.reason = `monthly read budget spent: ${day.monthSpent} of ${options.monthlyReadBudget} tweets this UTC month; polling resumes next month or when x.monthlyReadBudget is raised`;
      logger.warn({ spent: day.monthSpent, budget: options.monthlyReadBudget }, report.reason);
    }
    const router = createRouter(watches);
    const untilId = snowflakeAt(started - END_TIME_LAG_MS);
    const floorId = snowflakeAt(started - WINDOW_MS);
    const backfill = Math.max(started - options.backfillDays * DAY_MS, started - WINDOW_MS);
    let billedNow = 0;
    const live = (): DayBudget => {
      const spentToday = day.spentToday + billedNow;
      const monthSpent = day.monthSpent + billedNow;
      const leftToday = Math.max(
        0,
        Math.min(day.allowance - spentToday, options.monthlyReadBudget - monthSpent),
      );
      return { ...day, spentToday, monthSpent, leftToday };
    };
    const watchReads = stores.usage.watchReads(started);
    const capLeft = (id: number) => options.maxReadsPerWatchPerDay - (watchReads.get(id) ?? 0);
    const failed = new Set<string>();
    let states = new Map<number, UnitState[]>();
    const failures: string[] = [];
    let stored = 0;
    let paused = new Map<number, Pause | { kind: 'unfit'; message: string }>();

    for (let round = 0; ; round++) {
      states = stores.cursors.all();
      const plan = planRound({
        watches,
        states,
        unitsOf,
        pack,
        now: started,
        untilId,
        floorId,
        backfillId: snowflakeAt(backfill),
        legacyCursor: (w) => stores.watches.cursor(w),
        pauseOf: (w) => pauseOf(live(), options, watchReads.get(w.id) ?? 0),
        failedThisCycle: failed,
      });
      stores.transaction(() => {
        for (const state of plan.changed) stores.cursors.save(state, started);
        for (const skip of plan.skipped) {
          const recorded = stores.skips.record(skip, started);
          report.skipped.push(recorded);
          logger.info({ watchId: skip.watchId, day: skip.day }, describeSkip(recorded));
        }
      });
      // New and moved units count in their watch's cursor from now on.
      if (plan.changed.length > 0) states = stores.cursors.all();
      for (const lost of plan.lost) {
        report.expired.push(lost);
        logger.warn(
          { watchId: lost.watchId, ...lost.range },
          'tweets older than X keeps (7 days) were never read; the cursor moves on',
        );
      }
      paused = plan.paused;
      // The last round only plans: it marks the watches the reads before it left over budget.
      if (plan.queries.length === 0 || round === MAX_ROUNDS) break;
      if (round === 0) report.queries = plan.queries.length;
      for (const query of plan.queries) {
        const read = await readQuery(query, untilId, {
          source: deps.source,
          usage: stores.usage,
          router,
          clock,
          logger,
          retry: options.retry,
          ...(deps.random ? { random: deps.random } : {}),
          safeStartId: snowflakeAt(clock.now() - 7 * DAY_MS + FALLBACK_MARGIN_MS),
          pageLimit: (ids) => Math.min(live().leftToday, ...ids.map(capLeft)),
          onBilled: (billed, perWatch) => {
            billedNow += billed;
            for (const [id, n] of perWatch) watchReads.set(id, (watchReads.get(id) ?? 0) + n);
            stores.usage.recordWatchReads(clock.now(), perWatch);
          },
        });
        report.requests += read.requests;
        report.tweetsRead += read.billed;
        report.reReads += read.reReads;
        for (const range of read.lost)
          for (const watchId of query.watchIds) report.expired.push({ watchId, range });
        const saved = await storeQuery(query, read, watches, states);
        report.tweetsNew += saved.tweetsNew;
        report.matchesNew += saved.matchesNew;
        for (const [id, n] of saved.perWatch) report.perWatch.set(id, (report.perWatch.get(id) ?? 0) + n);
        const error = saved.failure;
        if (error) {
          for (const unit of query.units) failed.add(unitName(unit));
          failures.push(`${describeQuery(query, watches)}: ${error.code}: ${error.message}`);
          report.failedQueries++;
        } else if (read.tweets.length > 0 || read.stop === 'complete') stored++;
      }
    }
    for (const [id, pause] of paused)
      report.paused.set(id, pause.kind === 'unfit' ? pause.message : describePause(pause));
    if (failures.length > 0) {
      report.status = stored > 0 ? 'partial' : 'failed';
      report.reason = failures.join('; ');
    }
  }

  async function guarded(): Promise<PollReport> {
    const started = clock.now();
    const report = emptyReport();
    try {
      await cycle(report, started);
    } catch (error) {
      logger.error({ err: error }, 'poll cycle crashed');
      report.status = 'failed';
      report.reason = `${(error as KestrelError).code ?? 'CRASHED'}: ${(error as Error).message}`;
    }
    try {
      stores.runs.record({
        startedAt: started,
        finishedAt: clock.now(),
        status: report.status,
        ...(report.reason && report.status !== 'ok' ? { message: report.reason } : {}),
        requests: report.requests,
        tweetsRead: report.tweetsRead,
        tweetsNew: report.tweetsNew,
        failedQueries: report.failedQueries,
      });
    } catch (error) {
      logger.error({ err: error }, 'could not record the poll run');
    }
    logger.info(
      {
        status: report.status,
        queries: report.queries,
        requests: report.requests,
        read: report.tweetsRead,
        new: report.tweetsNew,
      },
      'poll cycle done',
    );
    return report;
  }

  return {
    get running() {
      return running;
    },
    async runOnce() {
      if (running) return { ...emptyReport(), status: 'skipped', reason: 'a poll cycle is already running' };
      running = true;
      try {
        const report = await guarded();
        if ((report.status === 'ok' || report.status === 'partial') && deps.afterCycle) {
          try {
            deps.afterCycle(report);
          } catch (error) {
            logger.error({ err: error }, 'after-poll work failed');
          }
        }
        return report;
      } finally {
        running = false;
      }
    },
  };
}

/** `query 'vacancy OR …' (watches Backend, TypeScript)`, for failure messages. */
function describeQuery(query: RoundQuery, watches: readonly Watch[]): string {
  const names = query.watchIds.map((id) => watches.find((w) => w.id === id)?.spec.name ?? `#${id}`);
  const text = query.query.length > 60 ? `${query.query.slice(0, 59)}…` : query.query;
  return `query '${text}' (${names.join(', ')})`;
}

function emptyReport(): PollReport {
  return {
    status: 'ok',
    queries: 0,
    requests: 0,
    tweetsRead: 0,
    reReads: 0,
    tweetsNew: 0,
    matchesNew: 0,
    perWatch: new Map(),
    paused: new Map(),
    expired: [],
    skipped: [],
    failedQueries: 0,
  };
}
