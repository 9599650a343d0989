import type { Author, Tweet } from '../domain.js';
import type { Page } from './wire.js';

/** One `search/recent` request. Times are epoch ms. */
export interface SearchRequest {
  query: string;
  /** Exclusive lower bound. X refuses since_id/until_id together with start_time/end_time. */
  sinceId?: string | null;
  /** Exclusive upper bound. */
  untilId?: string | null;
  startTime?: number | null;
  endTime?: number | null;
  nextToken?: string | null;
  /** 10..100, default 100. */
  maxResults?: number;
}

/** One `counts/recent` request: posts per day (or hour) matching a query. Times are epoch ms. */
export interface CountsRequest {
  query: string;
  startTime: number;
  endTime: number;
  granularity: 'day' | 'hour';
  /**
   * For a source that cannot evaluate X queries (the demo corpus): which of its tweets the query finds, by
   * the local router's test of the same clauses. The X API ignores it.
   */
  localMatch?: (tweet: Tweet, author: Author | undefined) => boolean;
}

/** Posts per bucket, oldest first, and where the figures come from. */
export interface Counts {
  buckets: { start: number; end: number; count: number }[];
  total: number;
  /** `x`: X's counts endpoint (one billed request); `corpus`: the demo corpus, counted here for free. */
  from: 'x' | 'corpus';
}

/**
 * Where tweets come from: the X API v2, or a replay of recorded pages. Errors are KestrelErrors:
 * RATE_LIMITED (a RateLimitError with retryAfterMs), UPSTREAM_UNAVAILABLE (5xx, network, timeout),
 * UPSTREAM_MALFORMED, SINCE_ID_TOO_OLD, UPSTREAM_REJECTED (other 4xx). Sources do not retry: the poll
 * cycle decides.
 */
export interface TweetSource {
  readonly kind: 'x' | 'replay';
  search(request: SearchRequest): Promise<Page>;
  /** `GET /2/tweets/counts/recent` (billed once per request, whatever it counts), or the corpus's own. */
  counts(request: CountsRequest): Promise<Counts>;
  userByUsername(username: string): Promise<Author | null>;
  timeline(userId: string, options?: { sinceId?: string | null; nextToken?: string | null }): Promise<Page>;
  /** Current versions of up to 100 tweets (to refresh metrics); unknown ids are left out. */
  tweetsByIds(ids: readonly string[]): Promise<Page>;
}
