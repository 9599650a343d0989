import type { Lang } from '../chat/i18n.js';
import type { CursorStore } from '../store/cursor-store.js';
import type { Usage, UsageStore } from '../store/usage-store.js';
import { type BudgetOptions, dayBudget, describePause, pauseOf } from './budget.js';
import type { Prices } from './estimate.js';

/** Reads, requests and dollars of a day or a month. */
export interface Spend extends Usage {
  cost: number;
}

/** What polling costs and who waits, for `/stats`, `/watch list` and `kestrel db stats`. */
export interface PollStatus {
  /** Why the watch is not read now (paused by the budget or its cap, backing off after failures), or null. */
  watchStatus(watchId: number, now: number, lang?: Lang): string | null;
  today(now: number): Spend;
  month(now: number): Spend;
  /** The month's cost by its end at the pace so far, never past what the budget lets it read. */
  projectedMonthCost(now: number): number;
  /** Today's allowance of posts (the month's budget spread over its days left). */
  allowance(now: number): number;
}

export function createPollStatus(deps: {
  usage: UsageStore;
  cursors: CursorStore;
  options: BudgetOptions & Prices;
}): PollStatus {
  const { usage, options } = deps;
  const spend = (u: Usage): Spend => ({
    ...u,
    cost: u.tweetsRead * options.pricePerRead + u.countsRequests * options.pricePerCountsRequest,
  });
  return {
    watchStatus(watchId, now, lang = 'en') {
      const day = dayBudget(now, options, usage);
      const pause = pauseOf(day, options, usage.watchReads(now).get(watchId) ?? 0);
      if (pause) return describePause(pause, lang);
      const units = deps.cursors.all().get(watchId) ?? [];
      const waiting = units.find((u) => u.retryAt !== null && u.retryAt > now);
      if (waiting)
        return describePause(
          { kind: 'backoff', error: waiting.lastError ?? 'failed', retryAt: waiting.retryAt as number },
          lang,
        );
      const failing = units.find((u) => u.failures > 0);
      if (failing)
        return lang === 'en'
          ? `its last query failed (${failing.lastError}); it is read alone next cycle`
          : `последний запрос не удался (${failing.lastError}); в следующем цикле читается отдельно`;
      return null;
    },
    today: (now) => spend(usage.day(now)),
    month: (now) => spend(usage.month(now)),
    projectedMonthCost(now) {
      const d = new Date(now);
      const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      const month = usage.month(now);
      const pace = (end - start) / Math.max(60_000, now - start);
      const reads = Math.min(options.monthlyReadBudget, Math.max(month.tweetsRead, month.tweetsRead * pace));
      return reads * options.pricePerRead + month.countsRequests * pace * options.pricePerCountsRequest;
    },
    allowance: (now) => dayBudget(now, options, usage).allowance,
  };
}
