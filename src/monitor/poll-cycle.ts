import type { Clock } from '../clock.js';
import type { Author, Tweet } from '../domain.js';
import { KestrelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Ingestor } from '../pipeline/ingest.js';
import { clausesOf } from '../planner/atoms.js';
import { type PackedQuery, packQueries } from '../planner/pack.js';
import type { Watch } from '../watch/types.js';
import { snowflakeAt, snowflakeTime } from '../x/snowflake.js';
import type { SearchRequest, TweetSource } from '../x/source.js';
import { type RetryPolicy, withRetry } from './retry.js';
import type { PollStores } from './stores.js';

export interface PollOptions {
  queryMaxLength: number;
  excludeRetweets: boolean;
  monthlyReadBudget: number;
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
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  queries: number;
  requests: number;
  tweetsRead: number;
  tweetsNew: number;
  matchesNew: number;
  perWatch: Map<number, number>;
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
const FALLBACK_MARGIN_MS = 60 * 60_000;

/**
 * One poll cycle: plan packed queries from the active watches, read every page, then store tweets,
 * matches, usage and the advanced cursors in one transaction. A failure changes no tweet or cursor.
 */
export function createPoller(deps: PollDeps): Poller {
  const { stores, clock, logger, options } = deps;
  let running = false;

  async function cycle(): Promise<PollReport> {
    const started = clock.now();
    const report: PollReport = {
      status: 'ok',
      queries: 0,
      requests: 0,
      tweetsRead: 0,
      tweetsNew: 0,
      matchesNew: 0,
      perWatch: new Map(),
    };
    const spent = stores.usage.month(started).tweetsRead;
    if (spent >= options.monthlyReadBudget) {
      const reason = `monthly read budget spent: ${spent} of ${options.monthlyReadBudget} tweets this UTC month; polling resumes next month or when x.monthlyReadBudget is raised`;
      logger.warn({ spent, budget: options.monthlyReadBudget }, reason);
      stores.runs.record({
        startedAt: started,
        status: 'skipped',
        message: reason,
        requests: 0,
        tweetsRead: 0,
        tweetsNew: 0,
      });
      return { ...report, status: 'skipped', reason };
    }
    const watches = stores.watches.list();
    if (watches.length === 0) return { ...report, status: 'skipped', reason: 'no watches' };

    // Every query of the cycle reads the same id range, so all watches end the cycle at one cursor and
    // re-packing later never re-reads: (cursor or window start, until_id), ids made from times.
    const untilId = snowflakeAt(started - END_TIME_LAG_MS);
    const windowStart = started - WINDOW_MS;
    const windowStartId = snowflakeAt(windowStart);
    // After X refused a since_id as too old, stay well inside its window (its clock may run ahead).
    const safeStartId = snowflakeAt(started - WINDOW_MS + FALLBACK_MARGIN_MS);
    const plan = planQueries(watches, windowStart);
    report.queries = plan.length;

    const fetched = { tweets: [] as Tweet[], authors: [] as Author[] };
    const completed = new Set<number>();
    let budgetLeft = options.monthlyReadBudget - spent;
    let failure: KestrelError | null = null;
    try {
      for (const query of plan) {
        if (budgetLeft <= 0) break;
        let request: SearchRequest = {
          query: query.query,
          sinceId: query.sinceId ?? windowStartId,
          untilId,
          maxResults: 100,
        };
        for (;;) {
          const page = await withRetry(
            async () => {
              try {
                return await deps.source.search(request);
              } catch (error) {
                if (error instanceof KestrelError && error.code === 'SINCE_ID_TOO_OLD' && request.sinceId) {
                  logger.warn(
                    { query: query.query },
                    'since_id older than 7 days; searching from the window start',
                  );
                  request = { ...request, sinceId: safeStartId, nextToken: null };
                  return await deps.source.search(request);
                }
                throw error;
              }
            },
            options.retry,
            {
              clock,
              ...(deps.random ? { random: deps.random } : {}),
              onWait: ({ reason, waitMs, error }) =>
                logger.warn(
                  { reason, waitMs, code: error.code },
                  `X API: ${error.message}; waiting ${Math.ceil(waitMs / 1000)} s`,
                ),
            },
          );
          report.requests++;
          report.tweetsRead += page.tweets.length;
          budgetLeft -= page.tweets.length;
          fetched.tweets.push(...page.tweets);
          fetched.authors.push(...page.authors);
          if (!page.nextToken) {
            for (const id of query.watchIds) completed.add(id);
            break;
          }
          if (budgetLeft <= 0) {
            logger.warn(
              { budget: options.monthlyReadBudget },
              'monthly read budget reached mid-cycle; stopping',
            );
            break;
          }
          request = { ...request, nextToken: page.nextToken };
        }
      }
    } catch (error) {
      failure =
        error instanceof KestrelError
          ? error
          : new KestrelError('UPSTREAM_UNAVAILABLE', (error as Error).message, { cause: error });
    }

    const finished = clock.now();
    if (failure) {
      stores.usage.record(finished, report.requests, report.tweetsRead);
      stores.runs.record({
        startedAt: started,
        finishedAt: finished,
        status: 'failed',
        message: `${failure.code}: ${failure.message}`,
        requests: report.requests,
        tweetsRead: report.tweetsRead,
        tweetsNew: 0,
      });
      logger.error({ code: failure.code }, `poll cycle failed, nothing stored: ${failure.message}`);
      return { ...report, status: 'failed', reason: failure.message };
    }

    const cursor = (BigInt(untilId) - 1n).toString();
    const prepared = await deps.ingestor.prepare(fetched.tweets);
    stores.transaction(() => {
      const result = deps.ingestor.ingest(fetched.tweets, fetched.authors, watches, finished, prepared);
      report.tweetsNew = result.tweetsNew;
      report.matchesNew = result.matchesNew;
      report.perWatch = result.perWatch;
      for (const watch of watches)
        if (completed.has(watch.id)) stores.watches.setCursor(watch, cursor, finished);
      stores.usage.record(finished, report.requests, report.tweetsRead);
      stores.runs.record({
        startedAt: started,
        finishedAt: finished,
        status: 'ok',
        requests: report.requests,
        tweetsRead: report.tweetsRead,
        tweetsNew: report.tweetsNew,
      });
    });
    logger.info(
      { queries: report.queries, requests: report.requests, read: report.tweetsRead, new: report.tweetsNew },
      'poll cycle done',
    );
    return report;
  }

  function planQueries(watches: Watch[], windowStart: number): (PackedQuery & { sinceId: string | null })[] {
    const fresh: Watch[] = [];
    const established: Watch[] = [];
    const cursors = new Map<number, string>();
    for (const watch of watches) {
      const cursor = stores.watches.cursor(watch);
      if (cursor && snowflakeTime(cursor) > windowStart) {
        cursors.set(watch.id, cursor);
        established.push(watch);
      } else {
        fresh.push(watch);
      }
    }
    const pack = (group: Watch[]) =>
      packQueries(group.map(clausesOf), {
        maxLength: options.queryMaxLength,
        suffix: options.excludeRetweets ? '-is:retweet' : '',
      });
    return [
      ...pack(established).map((q) => ({ ...q, sinceId: lowestCursor(q.watchIds, cursors) })),
      ...pack(fresh).map((q) => ({ ...q, sinceId: null })),
    ];
  }

  return {
    get running() {
      return running;
    },
    async runOnce() {
      if (running) {
        return { ...emptyReport(), status: 'skipped', reason: 'a poll cycle is already running' };
      }
      running = true;
      try {
        const report = await cycle();
        if (report.status === 'ok' && deps.afterCycle) {
          try {
            deps.afterCycle(report);
          } catch (error) {
            logger.error({ err: error }, 'after-poll work failed');
          }
        }
        return report;
      } catch (error) {
        logger.error({ err: error }, 'poll cycle crashed');
        return { ...emptyReport(), status: 'failed', reason: (error as Error).message };
      } finally {
        running = false;
      }
    },
  };
}

function lowestCursor(ids: number[], cursors: Map<number, string>): string | null {
  let lowest: string | null = null;
  for (const id of ids) {
    const c = cursors.get(id);
    if (c && (lowest === null || c.length < lowest.length || (c.length === lowest.length && c < lowest)))
      lowest = c;
  }
  return lowest;
}

function emptyReport(): PollReport {
  return {
    status: 'ok',
    queries: 0,
    requests: 0,
    tweetsRead: 0,
    tweetsNew: 0,
    matchesNew: 0,
    perWatch: new Map(),
  };
}
