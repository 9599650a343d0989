/** At most `count` calls in any `windowMs`. Telegram: 1 per second in a chat, 30 per second overall. */
export interface RateLimit {
  count: number;
  windowMs: number;
}

/** The fake's flood control for sending methods; scale `windowMs` down to make tests fast. */
export interface FloodLimits {
  perChat: RateLimit;
  global: RateLimit;
}

export const TELEGRAM_LIMITS: FloodLimits = {
  perChat: { count: 1, windowMs: 1000 },
  global: { count: 30, windowMs: 1000 },
};

/** Sliding windows of recent accepted calls per key; `admit` says how long to wait when over the limit. */
export function createWindows(limit: RateLimit) {
  const recent = new Map<string, number[]>();
  return {
    /** Records the call and returns 0, or returns the ms until a call would be admitted. */
    admit(key: string, now: number): number {
      const times = recent.get(key) ?? [];
      while (times.length > 0 && (times[0] as number) <= now - limit.windowMs) times.shift();
      if (times.length >= limit.count) return (times[0] as number) + limit.windowMs - now;
      times.push(now);
      recent.set(key, times);
      return 0;
    },
    /** Undoes the last admitted call of a key (when another limit refused it after all). */
    release(key: string): void {
      recent.get(key)?.pop();
    },
  };
}
