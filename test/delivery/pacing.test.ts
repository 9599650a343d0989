import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import {
  bucketFor,
  createMinHeap,
  createPacer,
  createReadyLine,
  createTokenBucket,
} from '../../src/delivery/pacing.js';
import {
  isGroupTarget,
  PUBLISHED_LIMITS,
  platformOf,
  type RateWindow,
  scaleLimits,
} from '../../src/delivery/platform-limits.js';

const T0 = Date.UTC(2026, 0, 1);

/** The most events in any window of `windowMs` (sliding, half-open like the fake platform's). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[start] as number) <= (times[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('token bucket', () => {
  it('starts full, empties, and refills at its rate up to the burst', () => {
    const bucket = createTokenBucket({ ratePerMs: 0.01, burst: 3 }, T0);
    expect(bucket.available(T0)).toBe(3);
    expect([bucket.take(T0), bucket.take(T0), bucket.take(T0), bucket.take(T0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.readyAt(T0)).toBe(T0 + 100);
    expect(bucket.available(T0 + 50)).toBeCloseTo(0.5);
    expect(bucket.take(T0 + 99)).toBe(false);
    expect(bucket.take(T0 + 100)).toBe(true);
    expect(bucket.available(T0 + 10_000)).toBe(3);
    expect(bucket.idle(T0 + 10_000)).toBe(true);
  });

  it('rounds the ready time up so a waiter never wakes a fraction early', () => {
    const bucket = createTokenBucket(bucketFor({ limit: 1, windowMs: 1000 }), T0);
    bucket.take(T0);
    const at = bucket.readyAt(T0);
    expect(at).toBe(T0 + 1053);
    expect(bucket.take(at - 1)).toBe(false);
    expect(bucket.take(at)).toBe(true);
  });

  it('holds: nothing before the hold ends, exactly one token then, refilling from there', () => {
    const bucket = createTokenBucket({ ratePerMs: 0.001, burst: 5 }, T0);
    bucket.holdUntil(T0 + 3000);
    expect(bucket.available(T0 + 2999)).toBe(0);
    expect(bucket.readyAt(T0)).toBe(T0 + 3000);
    expect(bucket.idle(T0 + 2999)).toBe(false);
    expect(bucket.take(T0 + 3000)).toBe(true);
    expect(bucket.take(T0 + 3000)).toBe(false);
    expect(bucket.readyAt(T0 + 3000)).toBe(T0 + 4000);
  });

  it('an unbounded bucket only ever waits for a hold', () => {
    const bucket = createTokenBucket({ ratePerMs: Number.POSITIVE_INFINITY, burst: 1 }, T0);
    for (let i = 0; i < 100; i++) expect(bucket.take(T0)).toBe(true);
    bucket.holdUntil(T0 + 500);
    expect(bucket.readyAt(T0)).toBe(T0 + 500);
  });

  it('keeps a greedy sender within "N per W" in every sliding window', () => {
    const windows: RateWindow[] = [
      { limit: 30, windowMs: 1000 },
      { limit: 1, windowMs: 1000 },
      { limit: 20, windowMs: 60_000 },
      { limit: 1000, windowMs: 1000 },
    ];
    for (const window of windows) {
      const bucket = createTokenBucket(bucketFor(window), T0);
      const times: number[] = [];
      for (let now = T0; times.length < window.limit * 5; ) {
        if (bucket.take(now)) times.push(now);
        else now = bucket.readyAt(now);
      }
      expect(maxInWindow(times, window.windowMs)).toBeLessThanOrEqual(window.limit);
      const span = (times[times.length - 1] as number) - T0;
      // At least 90% of the limit is used over the run.
      expect((times.length - 1) / (span / window.windowMs)).toBeGreaterThanOrEqual(window.limit * 0.9);
    }
  });
});

describe('platform limits', () => {
  it('knows platforms and groups by target id', () => {
    expect(platformOf('telegram:-1001')).toBe('telegram');
    expect(platformOf('slack:T1:C1')).toBe('slack');
    expect(platformOf('irc:#x')).toBeNull();
    expect(isGroupTarget('telegram:-1001')).toBe(true);
    expect(isGroupTarget('telegram:42')).toBe(false);
    expect(isGroupTarget('slack:T1:C0123')).toBe(true);
    expect(isGroupTarget('slack:T1:U0123')).toBe(false);
  });

  it('scales limits for short benchmarks', () => {
    expect(scaleLimits(PUBLISHED_LIMITS.telegram, 10).global).toEqual({ limit: 300, windowMs: 1000 });
  });
});

describe('pacer', () => {
  it('paces Telegram: 1 per second per chat, 30 per second overall, 20 per minute per group', () => {
    const clock = createManualClock(T0);
    const pacer = createPacer(PUBLISHED_LIMITS, clock.now());
    pacer.take('telegram:1', T0);
    expect(pacer.targetReadyAt('telegram:1', T0)).toBe(T0 + 1053);
    expect(pacer.targetReadyAt('telegram:2', T0)).toBe(T0);

    // 30 per second overall: a greedy sender over many chats stays under it in every window.
    const times: number[] = [];
    for (let i = 0, now = T0 + 5000; i < 200; i++) {
      now = pacer.platformReadyAt('telegram', now);
      pacer.take(`telegram:${1000 + i}`, now);
      times.push(now);
    }
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);

    // A group: 1 per second and 20 per minute.
    const group: number[] = [];
    for (let now = T0; group.length < 60; ) {
      now = pacer.targetReadyAt('telegram:-7', now);
      pacer.take('telegram:-7', now);
      group.push(now);
    }
    expect(maxInWindow(group, 60_000)).toBeLessThanOrEqual(20);
    expect(maxInWindow(group, 1000)).toBe(1);
  });

  it('leaves the console unlimited but still holds a target', () => {
    const pacer = createPacer(PUBLISHED_LIMITS, T0);
    for (let i = 0; i < 50; i++) pacer.take('console:kate', T0);
    expect(pacer.platformReadyAt('console', T0)).toBe(T0);
    expect(pacer.targetReadyAt('console:kate', T0)).toBe(T0);
    pacer.hold('console:kate', T0 + 2000);
    expect(pacer.targetReadyAt('console:kate', T0)).toBe(T0 + 2000);
  });

  it('forgets targets whose buckets are full again', () => {
    const pacer = createPacer(PUBLISHED_LIMITS, T0);
    pacer.take('telegram:1', T0);
    pacer.take('slack:T:C1', T0);
    pacer.prune(T0 + 500);
    expect(pacer.size).toBe(2);
    pacer.prune(T0 + 5000);
    expect(pacer.size).toBe(0);
  });
});

describe('ready line', () => {
  it('orders targets by when they may send, then by their oldest message, and takes tokens', () => {
    // Without the overall limit, so only the targets' own buckets and messages order the line.
    const limits = { ...PUBLISHED_LIMITS, telegram: { ...PUBLISHED_LIMITS.telegram, global: null } };
    const line = createReadyLine(createPacer(limits, T0));
    line.put('telegram:3', 30, T0, T0);
    line.put('telegram:1', 10, T0 + 500, T0);
    line.put('telegram:2', 20, T0, T0);
    line.put('telegram:3', 30, T0, T0); // moved: only one entry counts
    expect(line.next(T0, 10)).toEqual({ ready: ['telegram:2', 'telegram:3'], wakeAt: T0 + 500 });
    expect(line.next(T0 + 500, 10)).toEqual({ ready: ['telegram:1'], wakeAt: null });
    line.put('telegram:2', 21, T0, T0 + 600);
    expect(line.next(T0 + 600, 10)).toEqual({ ready: [], wakeAt: T0 + 1053 });
    line.remove('telegram:2');
    expect(line.next(T0 + 2000, 10)).toEqual({ ready: [], wakeAt: null });
  });

  it('stops at the platform limit and at the number asked for', () => {
    const limits = {
      ...PUBLISHED_LIMITS,
      telegram: { ...PUBLISHED_LIMITS.telegram, global: { limit: 2, windowMs: 1000 } },
    };
    const line = createReadyLine(createPacer(limits, T0));
    for (let i = 1; i <= 5; i++) line.put(`telegram:${i}`, i, T0, T0);
    line.put('console:a', 9, T0, T0);
    const first = line.next(T0, 10);
    expect(first.ready).toEqual(['telegram:1', 'console:a']);
    expect(first.wakeAt).toBe(T0 + 527);
    expect(line.next(T0 + 527, 10).ready).toEqual(['telegram:2']);
    expect(line.next(T0 + 5000, 1).ready).toEqual(['telegram:3']);
  });
});

describe('min heap', () => {
  it('pops in order', () => {
    const heap = createMinHeap<number>((a, b) => a < b);
    const values = [5, 3, 9, 1, 7, 3, 8, 2, 6, 4, 0];
    for (const value of values) heap.push(value);
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop() as number);
    expect(out).toEqual([...values].sort((a, b) => a - b));
  });
});
