import {
  isGroupTarget,
  type Platform,
  type PlatformLimits,
  platformOf,
  type RateWindow,
} from './platform-limits.js';

/** A token bucket's shape: `burst` tokens at most, refilled at `ratePerMs`. */
export interface BucketSpec {
  ratePerMs: number;
  burst: number;
}

/**
 * The bucket that keeps a sender under a published window ("at most N per W ms") even where the platform
 * counts in a sliding window: it refills at `headroom` of the limit and bursts at most half of what that
 * headroom leaves (at least one token), so any window of W ms sees at most burst + headroom × N ≤ N
 * messages, with a margin for network jitter.
 */
export function bucketFor(window: RateWindow, headroom = 0.95): BucketSpec {
  return {
    ratePerMs: (window.limit * headroom) / window.windowMs,
    burst: Math.max(1, Math.floor((window.limit * (1 - headroom)) / 2)),
  };
}

/** A token bucket over caller-supplied time (epoch ms), so it runs on an injected clock. */
export interface TokenBucket {
  /** Tokens available at `now` (fractional). */
  available(now: number): number;
  /** The earliest time (epoch ms, rounded up) a token is available: `now` when one is. */
  readyAt(now: number): number;
  /** Takes one token; false (and nothing taken) when none is available at `now`. */
  take(now: number): boolean;
  /** No token before `until` (a platform's retry_after); exactly one then, refilling from there. */
  holdUntil(until: number): void;
  /** Whether the bucket is full at `now` and not held: an idle bucket that can be forgotten. */
  idle(now: number): boolean;
}

const EPSILON = 1e-9;

/** Creates a full token bucket at `now`. */
export function createTokenBucket(spec: BucketSpec, now: number): TokenBucket {
  let tokens = spec.burst;
  let last = now;
  let heldUntil = Number.NEGATIVE_INFINITY;
  const refill = (at: number): number => {
    if (!Number.isFinite(spec.ratePerMs)) tokens = spec.burst;
    else if (at > last) {
      tokens = Math.min(spec.burst, tokens + (at - last) * spec.ratePerMs);
      last = at;
    }
    return at < heldUntil ? 0 : tokens;
  };
  return {
    available: refill,
    readyAt(at) {
      if (at < heldUntil) return heldUntil;
      const have = refill(at);
      return have >= 1 - EPSILON ? at : Math.ceil(at + (1 - have) / spec.ratePerMs);
    },
    take(at) {
      if (refill(at) < 1 - EPSILON) return false;
      tokens -= 1;
      return true;
    },
    holdUntil(until) {
      if (until <= heldUntil) return;
      heldUntil = until;
      last = Math.max(last, until);
      tokens = Math.min(spec.burst, 1);
    },
    idle: (at) => at >= heldUntil && refill(at) >= spec.burst - EPSILON,
  };
}

/** Paces messages per platform (overall) and per target, at the platforms' limits. */
export interface Pacer {
  /** The earliest time the platform's overall bucket allows a message: `now` when it does. */
  platformReadyAt(platform: Platform, now: number): number;
  /** The earliest time the target's own buckets (and any hold on it) allow a message. */
  targetReadyAt(target: string, now: number): number;
  /** Takes a token from the platform's and the target's buckets: call when both are ready. */
  take(target: string, now: number): void;
  /** Holds the target until `until` (the platform said retry_after). */
  hold(target: string, until: number): void;
  /** Forgets targets whose buckets are full again, so memory stays bounded by the recently active ones. */
  prune(now: number): void;
  /** Targets with buckets in memory (for tests). */
  readonly size: number;
}

/** Creates the pacer for `limits` (per platform); `headroom` is the share of each limit actually used. */
export function createPacer(
  limits: Readonly<Record<Platform, PlatformLimits>>,
  now: number,
  headroom = 0.95,
): Pacer {
  const platforms = new Map<Platform, TokenBucket>();
  for (const [platform, platformLimits] of Object.entries(limits) as [Platform, PlatformLimits][]) {
    if (platformLimits.global)
      platforms.set(platform, createTokenBucket(bucketFor(platformLimits.global, headroom), now));
  }
  const targets = new Map<string, TokenBucket[]>();
  const bucketsOf = (target: string, at: number): TokenBucket[] => {
    let buckets = targets.get(target);
    if (!buckets) {
      const platform = platformOf(target);
      const own = platform ? limits[platform] : null;
      const windows = [own?.perTarget ?? null, isGroupTarget(target) ? (own?.perGroup ?? null) : null];
      // A hold needs a bucket even on unlimited platforms: an unbounded one holds without pacing.
      buckets = windows.map((window) =>
        createTokenBucket(
          window ? bucketFor(window, headroom) : { ratePerMs: Number.POSITIVE_INFINITY, burst: 1 },
          at,
        ),
      );
      targets.set(target, buckets);
    }
    return buckets;
  };
  return {
    platformReadyAt: (platform, at) => platforms.get(platform)?.readyAt(at) ?? at,
    targetReadyAt(target, at) {
      const buckets = targets.get(target);
      return buckets ? Math.max(...buckets.map((bucket) => bucket.readyAt(at))) : at;
    },
    take(target, at) {
      const platform = platformOf(target);
      if (platform) platforms.get(platform)?.take(at);
      for (const bucket of bucketsOf(target, at)) bucket.take(at);
    },
    hold(target, until) {
      for (const bucket of bucketsOf(target, until)) bucket.holdUntil(until);
    },
    prune(at) {
      for (const [target, buckets] of targets) {
        if (buckets.every((bucket) => bucket.idle(at))) targets.delete(target);
      }
    },
    get size() {
      return targets.size;
    },
  };
}

/** Targets waiting their turn: each platform's line, earliest allowed first, then oldest message first. */
export interface ReadyLine {
  /** Puts a target in line (or moves it) for its oldest message `headId`, due at `notBefore`. */
  put(target: string, headId: number, notBefore: number, now: number): void;
  /** Takes a target out of line: it is sending, or has nothing left. */
  remove(target: string): void;
  /**
   * Takes up to `max` targets that may send now, taking their tokens, and says when the next one may
   * (null: nothing waits on time).
   */
  next(now: number, max: number): { ready: string[]; wakeAt: number | null };
}

interface LineEntry {
  target: string;
  at: number;
  headId: number;
  version: number;
}

/** Creates the ready line over a pacer: a target's place is when its own buckets and message allow it. */
export function createReadyLine(pacer: Pacer): ReadyLine {
  const heaps = new Map<Platform, MinHeap<LineEntry>>();
  // Each put gets a fresh number; an entry whose number is no longer its target's is stale and skipped.
  const versions = new Map<string, number>();
  let counter = 0;
  const bump = (target: string): number => {
    versions.set(target, ++counter);
    return counter;
  };
  return {
    put(target, headId, notBefore, now) {
      const platform = platformOf(target);
      if (!platform) return;
      let heap = heaps.get(platform);
      if (!heap) {
        heap = createMinHeap<LineEntry>((a, b) => a.at < b.at || (a.at === b.at && a.headId < b.headId));
        heaps.set(platform, heap);
      }
      const at = Math.max(notBefore, pacer.targetReadyAt(target, now));
      heap.push({ target, at, headId, version: bump(target) });
    },
    remove(target) {
      versions.delete(target);
    },
    next(now, max) {
      const ready: string[] = [];
      let wakeAt: number | null = null;
      for (const [platform, heap] of heaps) {
        while (heap.size > 0 && ready.length < max) {
          const top = heap.peek() as LineEntry;
          if (versions.get(top.target) !== top.version) {
            heap.pop();
            continue;
          }
          const at = top.at > now ? top.at : pacer.platformReadyAt(platform, now);
          if (at > now) {
            wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
            break;
          }
          heap.pop();
          versions.delete(top.target);
          pacer.take(top.target, now);
          ready.push(top.target);
        }
      }
      return { ready, wakeAt };
    },
  };
}

/** A binary min-heap, for the targets waiting their turn (earliest ready first, then oldest message). */
export interface MinHeap<T> {
  push(item: T): void;
  peek(): T | undefined;
  pop(): T | undefined;
  readonly size: number;
}

export function createMinHeap<T>(less: (a: T, b: T) => boolean): MinHeap<T> {
  const items: T[] = [];
  const swap = (i: number, j: number): void => {
    const item = items[i] as T;
    items[i] = items[j] as T;
    items[j] = item;
  };
  return {
    push(item) {
      items.push(item);
      for (let i = items.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(items[i] as T, items[parent] as T)) break;
        swap(i, parent);
        i = parent;
      }
    },
    peek: () => items[0],
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < items.length && less(items[left] as T, items[smallest] as T)) smallest = left;
          if (right < items.length && less(items[right] as T, items[smallest] as T)) smallest = right;
          if (smallest === i) break;
          swap(i, smallest);
          i = smallest;
        }
      }
      return top;
    },
    get size() {
      return items.length;
    },
  };
}
