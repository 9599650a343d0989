import type { Clock } from '../clock.js';
import { type Author, compareIds, type Tweet } from '../domain.js';
import { isKestrelError, KestrelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Router } from '../planner/router.js';
import type { UsageStore } from '../store/usage-store.js';
import { shiftSnowflake } from '../x/snowflake.js';
import type { SearchRequest, TweetSource } from '../x/source.js';
import type { Page } from '../x/wire.js';
import { MAX_PAGE, MIN_PAGE } from './budget.js';
import { afterRead, type Coverage, clampToWindow, type IdRange, rangesToRead } from './coverage.js';
import { type RetryPolicy, withRetry } from './retry.js';

/** One packed query of a round, with the coverage all its units share. */
export interface PlannedQuery {
  query: string;
  watchIds: number[];
  coverage: Coverage;
}

/** What reading one query brought. */
export interface QueryRead {
  tweets: Tweet[];
  authors: Author[];
  requests: number;
  /** Posts billed (new this UTC day). */
  billed: number;
  /** Posts X returned again the same UTC day (free). */
  reReads: number;
  /** The coverage after what was read: it moved only over what the pages hold. */
  coverage: Coverage;
  /** Ids that fell out of X's 7-day window unread. */
  lost: IdRange[];
  /** `complete`: read up to the cycle's end; `limit`: the budget or a watch's cap stopped it; `failed`. */
  stop: 'complete' | 'limit' | 'failed';
  error?: KestrelError;
}

export interface QueryReadDeps {
  source: TweetSource;
  usage: Pick<UsageStore, 'recordRead'>;
  router: Router;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  random?: () => number;
  /** Posts this query may still bill: today's allowance left, and each of its watches' caps left. */
  pageLimit(watchIds: readonly number[]): number;
  /** Called with the billed posts of each page, per watch of the query they belong to. */
  onBilled(billed: number, perWatch: ReadonlyMap<number, number>): void;
  /** The oldest id to fall back to when X refuses a since_id as older than its window. */
  safeStartId: string;
}

/**
 * Reads one packed query over what its units have not read, the open gap first, newest first page by
 * page, each page no larger than the budget allows. Every response is counted in usage as it arrives.
 * Never throws: a failure stops the query with what it read so far, and the coverage says how far that was.
 */
export async function readQuery(
  planned: PlannedQuery,
  untilId: string,
  deps: QueryReadDeps,
): Promise<QueryRead> {
  const read: QueryRead = {
    tweets: [],
    authors: [],
    requests: 0,
    billed: 0,
    reReads: 0,
    coverage: planned.coverage,
    lost: [],
    stop: 'complete',
  };
  let retriedSince = false;
  for (;;) {
    const range = rangesToRead(read.coverage, untilId)[0];
    if (!range) return read;
    let nextToken: string | null = null;
    let oldest: string | null = null;
    for (;;) {
      const limit = deps.pageLimit(planned.watchIds);
      if (limit < MIN_PAGE) {
        read.coverage = afterRead(read.coverage, range, false, oldest);
        read.stop = 'limit';
        return read;
      }
      const request: SearchRequest = {
        query: planned.query,
        sinceId: range.sinceId,
        untilId: range.untilId,
        nextToken,
        maxResults: Math.min(MAX_PAGE, limit),
      };
      let page: Page;
      try {
        page = await fetchPage(request, deps);
      } catch (error) {
        const failure = asKestrelError(error);
        if (failure.code === 'SINCE_ID_TOO_OLD' && nextToken === null && oldest === null && !retriedSince) {
          retriedSince = true;
          const floor = maxId(deps.safeStartId, floorInMessage(failure));
          if (compareIds(floor, range.sinceId) > 0) {
            deps.logger.warn(
              { query: planned.query },
              'since_id older than X keeps; reading from its window start',
            );
            const clamped = clampToWindow(read.coverage, floor);
            read.lost.push(...clamped.lost);
            read.coverage = clamped.coverage;
            break;
          }
          continue; // X's clock and ours disagree for a moment: once more as it was
        }
        read.coverage = afterRead(read.coverage, range, false, oldest);
        read.stop = 'failed';
        read.error = failure;
        return read;
      }
      read.requests++;
      account(page, planned.watchIds, read, deps);
      for (const t of page.tweets) if (oldest === null || compareIds(t.id, oldest) < 0) oldest = t.id;
      if (!page.nextToken) {
        read.coverage = afterRead(read.coverage, range, true, null);
        break;
      }
      nextToken = page.nextToken;
    }
  }
}

/** Counts a page in usage at once, bills its new posts to the query's watches they match, keeps them. */
function account(page: Page, watchIds: readonly number[], read: QueryRead, deps: QueryReadDeps): void {
  const billed = deps.usage.recordRead(
    deps.clock.now(),
    page.tweets.map((t) => t.id),
  );
  read.billed += billed.size;
  read.reReads += page.tweets.length - billed.size;
  const authors = new Map(page.authors.map((a) => [a.id, a]));
  const perWatch = new Map<number, number>();
  const own = new Set(watchIds);
  for (const tweet of page.tweets) {
    if (!billed.has(tweet.id)) continue;
    for (const id of deps.router.route(tweet, authors.get(tweet.authorId)))
      if (own.has(id)) perWatch.set(id, (perWatch.get(id) ?? 0) + 1);
  }
  deps.onBilled(billed.size, perWatch);
  read.tweets.push(...page.tweets);
  read.authors.push(...page.authors);
}

function fetchPage(request: SearchRequest, deps: QueryReadDeps): Promise<Page> {
  return withRetry(() => deps.source.search(request), deps.retry, {
    clock: deps.clock,
    ...(deps.random ? { random: deps.random } : {}),
    onWait: ({ reason, waitMs, error }) =>
      deps.logger.warn(
        { reason, waitMs, code: error.code },
        `X API: ${error.message}; waiting ${Math.ceil(waitMs / 1000)} s`,
      ),
  });
}

/**
 * X names the oldest since_id it takes ("Please use a 'since_id' that is larger than 1234…"); ten minutes
 * above it, so its window moving on while we ask again does not refuse it once more.
 */
function floorInMessage(error: KestrelError): string {
  const floor = /larger than (\d{1,20})/.exec(error.message)?.[1];
  return floor ? shiftSnowflake(floor, 10 * 60_000) : '0';
}

function maxId(a: string, b: string): string {
  return compareIds(a, b) >= 0 ? a : b;
}

function asKestrelError(error: unknown): KestrelError {
  if (isKestrelError(error)) return error;
  return new KestrelError('UPSTREAM_UNAVAILABLE', (error as Error)?.message ?? String(error), {
    cause: error,
  });
}
