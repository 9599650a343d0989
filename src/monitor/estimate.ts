import type { Clock } from '../clock.js';
import { clausesOf } from '../planner/atoms.js';
import { packQueries } from '../planner/pack.js';
import { createRouter } from '../planner/router.js';
import type { UsageStore } from '../store/usage-store.js';
import type { Watch, WatchSpec } from '../watch/types.js';
import type { TweetSource } from '../x/source.js';
import { type BudgetOptions, dayBudget } from './budget.js';

/** Prices of X's pay-per-use offer (config `x.pricePerRead`, `x.pricePerCountsRequest`), US dollars. */
export interface Prices {
  pricePerRead: number;
  pricePerCountsRequest: number;
}

/** What a watch would cost, from X's counts of the last 7 days (or the demo corpus's). */
export interface Estimate {
  /** The queries the watch would send (one counts request each). */
  queries: string[];
  /** Posts over the last 7 days, by UTC day, oldest first. */
  days: { start: number; count: number }[];
  total: number;
  postsPerDay: number;
  /** Posts and dollars over a 30-day month at this rate, before any cap. */
  monthlyPosts: number;
  monthlyCost: number;
  /** What the watch may read a day: its cap, or today's allowance if smaller. */
  share: number;
  /** True when the watch would read more a day than its share: adding it asks for confirmation. */
  overShare: boolean;
  from: 'x' | 'corpus';
  /** What this estimate itself cost (X bills each counts request). */
  countsRequests: number;
  cost: number;
}

export interface EstimatorDeps {
  source: TweetSource;
  usage: UsageStore;
  clock: Clock;
  options: BudgetOptions & Prices & { queryMaxLength: number; excludeRetweets: boolean };
}

/** Asks how much a watch would read before it starts reading, one counts request per query it needs. */
export interface Estimator {
  /** The same spec asked again within an hour is answered from memory (a confirmation costs nothing). */
  estimate(spec: WatchSpec): Promise<Estimate>;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const REMEMBER_MS = 3_600_000;

export function createEstimator(deps: EstimatorDeps): Estimator {
  const { options } = deps;
  const remembered = new Map<string, { at: number; estimate: Estimate }>();
  return {
    async estimate(spec) {
      const now = deps.clock.now();
      const key = JSON.stringify(spec);
      const known = remembered.get(key);
      if (known && now - known.at < REMEMBER_MS) return known.estimate;
      const watch: Watch = { id: 0, chatId: '', origin: 'chat', spec, specHash: '' };
      const queries = packQueries([clausesOf(watch)], {
        maxLength: options.queryMaxLength,
        suffix: options.excludeRetweets ? '-is:retweet' : '',
      }).map((q) => q.query);
      const router = createRouter([watch]);
      const localMatch = (t: Parameters<typeof router.route>[0], a: Parameters<typeof router.route>[1]) =>
        router.route(t, a).length > 0;
      const startTime = Math.ceil((now - WEEK_MS + 60_000) / 1000) * 1000;
      const endTime = Math.floor((now - 30_000) / 1000) * 1000;
      const days = new Map<number, number>();
      let total = 0;
      let requests = 0;
      let from: Estimate['from'] = 'x';
      // A split watch needs one request per query; posts matching two of its parts count twice (an upper bound).
      for (const query of queries) {
        const counts = await deps.source.counts({
          query,
          startTime,
          endTime,
          granularity: 'day',
          localMatch,
        });
        from = counts.from;
        if (counts.from === 'x') {
          requests++;
          deps.usage.recordCounts(deps.clock.now(), 1);
        }
        for (const b of counts.buckets) days.set(b.start, (days.get(b.start) ?? 0) + b.count);
        total += counts.total;
        if (counts.from === 'corpus') break; // the corpus is counted for the whole watch at once
      }
      const postsPerDay = total / ((endTime - startTime) / DAY_MS);
      const share = Math.min(options.maxReadsPerWatchPerDay, dayBudget(now, options, deps.usage).allowance);
      const estimate: Estimate = {
        queries,
        days: [...days].map(([start, count]) => ({ start, count })).sort((a, b) => a.start - b.start),
        total,
        postsPerDay,
        monthlyPosts: Math.round(postsPerDay * 30),
        monthlyCost: postsPerDay * 30 * options.pricePerRead,
        share,
        overShare: postsPerDay > share,
        from,
        countsRequests: requests,
        cost: requests * options.pricePerCountsRequest,
      };
      remembered.set(key, { at: now, estimate });
      return estimate;
    },
  };
}

/** Dollars as people read them: `$0.005`, `$26.40`, `$1,234`. */
export function formatUsd(amount: number): string {
  if (amount !== 0 && Math.abs(amount) < 0.1) return `$${Number(amount.toPrecision(2))}`;
  if (Math.abs(amount) >= 1000) return `$${Math.round(amount).toLocaleString('en-US')}`;
  return `$${amount.toFixed(2)}`;
}
