import { formatNumber, type Lang } from '../chat/i18n.js';
import type { CursorStore } from '../store/cursor-store.js';
import type { SkipStore } from '../store/skip-store.js';
import { type Usage, type UsageStore, utcDay } from '../store/usage-store.js';
import { type BudgetOptions, dayBudget, describePause, describeSkip, pauseOf } from './budget.js';
import type { Prices } from './estimate.js';

/** Reads, requests and dollars of a day or a month. */
export interface Spend extends Usage {
  cost: number;
}

/** What polling costs and who waits, for `/stats`, `/watch list` and `kestrel db stats`. */
export interface PollStatus {
  /** Why the watch is not read now (paused by the budget or its cap, backing off after failures), or null. */
  watchStatus(watchId: number, now: number, lang?: Lang): string | null;
  /**
   * What the watch gave up over the budget in the last 7 days (recorded over-budget gaps), the newest day in
   * full, or null when it gave up nothing.
   */
  skipsOf(watchId: number, now: number, lang?: Lang): string | null;
  today(now: number): Spend;
  month(now: number): Spend;
  /** The month's cost by its end at the pace so far, never past what the budget lets it read. */
  projectedMonthCost(now: number): number;
  /** Today's allowance of posts (the month's budget spread over its days left). */
  allowance(now: number): number;
}

const DAY_MS = 86_400_000;
/** `/stats` and `/watch list` show the over-budget gaps of this many days back. */
const SKIPS_SHOWN_DAYS = 7;

export function createPollStatus(deps: {
  usage: UsageStore;
  cursors: CursorStore;
  skips: SkipStore;
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
    skipsOf(watchId, now, lang = 'en') {
      const skips = deps.skips
        .since(utcDay(now - SKIPS_SHOWN_DAYS * DAY_MS))
        .filter((s) => s.watchId === watchId);
      const [newest, ...earlier] = skips;
      if (!newest) return null;
      const line = describeSkip(newest, lang);
      if (earlier.length === 0) return line;
      const posts = earlier.reduce((n, s) => n + (s.postsEstimate ?? s.postsReached), 0);
      const days = new Set(earlier.map((s) => s.day)).size;
      return lang === 'en'
        ? `${line}; and ≈${formatNumber(lang, posts)} more on ${days} earlier day${days === 1 ? '' : 's'} this week`
        : `${line}; и ещё ≈${formatNumber(lang, posts)} за предыдущие дни недели (дней: ${days})`;
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
