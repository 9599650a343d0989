import type { Clock } from '../clock.js';
import { KestrelError, RateLimitError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts for transient failures (5xx, network, timeouts), the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How many rate-limit waits one call may sit through before giving up until the next cycle. */
  maxRateLimitWaits: number;
  /** Longest single rate-limit wait; X resets windows every 15 minutes. */
  maxRateLimitWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRateLimitWaits: 3,
  maxRateLimitWaitMs: 16 * 60_000,
};

export interface RetryHooks {
  clock: Clock;
  random?: () => number;
  onWait?: (info: {
    reason: 'rate_limit' | 'transient';
    waitMs: number;
    attempt: number;
    error: KestrelError;
  }) => void;
  signal?: AbortSignal;
}

/**
 * Runs `fn`, waiting out rate limits until their reset and retrying transient failures with capped
 * exponential backoff and full jitter. Anything else (malformed answers, rejected requests) is thrown
 * at once: retrying would not change it.
 */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks): Promise<T> {
  const random = hooks.random ?? Math.random;
  let transient = 0;
  let rateLimited = 0;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof RateLimitError && rateLimited < policy.maxRateLimitWaits) {
        rateLimited++;
        const waitMs = Math.min(policy.maxRateLimitWaitMs, Math.max(0, error.retryAfterMs) + 1_000);
        hooks.onWait?.({ reason: 'rate_limit', waitMs, attempt: rateLimited, error });
        await hooks.clock.sleep(waitMs, hooks.signal);
        continue;
      }
      if (
        error instanceof KestrelError &&
        error.code === 'UPSTREAM_UNAVAILABLE' &&
        transient + 1 < policy.maxAttempts
      ) {
        transient++;
        const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (transient - 1));
        const waitMs = Math.round(cap / 2 + (random() * cap) / 2);
        hooks.onWait?.({ reason: 'transient', waitMs, attempt: transient, error });
        await hooks.clock.sleep(waitMs, hooks.signal);
        continue;
      }
      throw error;
    }
  }
}
