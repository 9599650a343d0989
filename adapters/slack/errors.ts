import { webApi } from '@slack/bolt';
import { KestrelError, RateLimitError } from '../../src/errors.js';

/**
 * Web API errors that mean the target is gone for good: the delivery engine stops sending there instead of
 * retrying. Everything else is transient (or a bug, surfaced as an error).
 */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'team_access_not_granted',
]);

/** What a failed Web API call means to Kestrel. */
export type SlackFailure =
  | { kind: 'permanent'; reason: string }
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'other'; error: KestrelError };

/** The Slack error code of a platform error (`channel_not_found`), or null for other failures. */
export function slackErrorCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && error.code === webApi.ErrorCode.PlatformError) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === 'string' ? data.error : null;
  }
  return null;
}

/**
 * Classifies an error thrown by the WebClient (configured with `rejectRateLimitedCalls`, so a 429 arrives
 * here at once with its Retry-After in seconds) or by a response_url post.
 */
export function classifySlackError(error: unknown): SlackFailure {
  if (error instanceof Error && 'code' in error && error.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
    return {
      kind: 'rate-limited',
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
    };
  }
  const code = slackErrorCode(error);
  if (code === 'ratelimited') return { kind: 'rate-limited', retryAfterMs: 1000 };
  if (code && PERMANENT_ERRORS.has(code)) return { kind: 'permanent', reason: code };
  const message = error instanceof Error ? error.message : String(error);
  const rejected = code !== null;
  return {
    kind: 'other',
    error: new KestrelError(rejected ? 'UPSTREAM_REJECTED' : 'UPSTREAM_UNAVAILABLE', `Slack: ${message}`, {
      cause: error,
      details: code ? { slackError: code } : {},
    }),
  };
}

/** Throws the Kestrel form of a failure that is not permanent (RateLimitError or KestrelError). */
export function rethrow(failure: Exclude<SlackFailure, { kind: 'permanent' }>): never {
  if (failure.kind === 'rate-limited') {
    throw new RateLimitError(`Slack asked to wait ${failure.retryAfterMs} ms`, failure.retryAfterMs);
  }
  throw failure.error;
}
