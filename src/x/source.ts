import type { Author } from '../domain.js';
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

/**
 * Where tweets come from: the X API v2, or a replay of recorded pages. Errors are KestrelErrors:
 * RATE_LIMITED (a RateLimitError with retryAfterMs), UPSTREAM_UNAVAILABLE (5xx, network, timeout),
 * UPSTREAM_MALFORMED, SINCE_ID_TOO_OLD, UPSTREAM_REJECTED (other 4xx). Sources do not retry: the poll
 * cycle decides.
 */
export interface TweetSource {
  readonly kind: 'x' | 'replay';
  search(request: SearchRequest): Promise<Page>;
  userByUsername(username: string): Promise<Author | null>;
  timeline(userId: string, options?: { sinceId?: string | null; nextToken?: string | null }): Promise<Page>;
  /** Current versions of up to 100 tweets (to refresh metrics); unknown ids are left out. */
  tweetsByIds(ids: readonly string[]): Promise<Page>;
}
