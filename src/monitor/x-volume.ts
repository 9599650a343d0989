/**
 * X-wide volume of a `/mentions` query: posts per day (per hour over 24 hours) on all of X, from one
 * `GET /2/tweets/counts/recent` request (the last 7 days are all X counts there), remembered for an hour and
 * counted in the usage and cost of polling like every counts request. In demo mode the corpus counts it.
 */
import type { BrandSpec } from '../classify/brands.js';
import type { Clock } from '../clock.js';
import { isKestrelError } from '../errors.js';
import type { QueryNode } from '../query/ast.js';
import { renderXQuery, xLocalMatch } from '../query/x-query.js';
import type { UsageStore } from '../store/usage-store.js';
import type { TweetSource } from '../x/source.js';

/** What X counted for a query, or why it could not. */
export type XVolumeResult =
  | {
      ok: true;
      query: string;
      granularity: 'day' | 'hour';
      buckets: { start: number; count: number }[];
      total: number;
      from: 'x' | 'corpus';
      /** True when this answer was remembered from an earlier request (no new request, no cost). */
      cached: boolean;
    }
  | { ok: false; query: string; reason: 'too_long' | 'failed'; message: string };

export interface XVolume {
  /** Posts per hour over the last 24 hours (`hour`) or per day over the last 7 days (`day`). */
  volume(root: QueryNode, granularity: 'day' | 'hour'): Promise<XVolumeResult>;
}

export interface XVolumeDeps {
  source: TweetSource;
  usage: UsageStore;
  clock: Clock;
  /** The configured brands, for a brand's clauses. */
  brands: () => readonly BrandSpec[];
  queryMaxLength: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_REMEMBERED = 200;

export function createXVolume(deps: XVolumeDeps): XVolume {
  const remembered = new Map<string, { at: number; result: Extract<XVolumeResult, { ok: true }> }>();
  return {
    async volume(root, granularity) {
      const now = deps.clock.now();
      const brands = deps.brands();
      const query = renderXQuery(root, brands);
      if (query.length > deps.queryMaxLength) {
        return {
          ok: false,
          query,
          reason: 'too_long',
          message: `${query.length} characters, over the ${deps.queryMaxLength} of one X query`,
        };
      }
      const key = `${granularity}\u0000${query}`;
      const known = remembered.get(key);
      if (known && now - known.at < HOUR_MS) return { ...known.result, cached: true };
      const span = granularity === 'hour' ? DAY_MS : 7 * DAY_MS;
      try {
        const counts = await deps.source.counts({
          query,
          startTime: Math.ceil((now - span + 60_000) / 1000) * 1000,
          endTime: Math.floor((now - 30_000) / 1000) * 1000,
          granularity,
          localMatch: xLocalMatch(root, brands),
        });
        if (counts.from === 'x') deps.usage.recordCounts(deps.clock.now(), 1);
        const result = {
          ok: true as const,
          query,
          granularity,
          buckets: counts.buckets.map((b) => ({ start: b.start, count: b.count })),
          total: counts.total,
          from: counts.from,
          cached: false,
        };
        for (const [k, v] of remembered)
          if (now - v.at >= HOUR_MS || remembered.size >= MAX_REMEMBERED) remembered.delete(k);
        remembered.set(key, { at: now, result });
        return result;
      } catch (error) {
        if (!isKestrelError(error)) throw error;
        return { ok: false, query, reason: 'failed', message: error.message };
      }
    },
  };
}
