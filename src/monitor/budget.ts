import { formatNumber } from '../chat/i18n.js';
import type { OverBudgetReason } from '../store/cursor-store.js';
import type { RecordedSkip } from '../store/skip-store.js';
import { type UsageStore, utcDay } from '../store/usage-store.js';

/** X serves pages of 10 to 100 posts: a query needs room for 10 to ask for one more page. */
export const MIN_PAGE = 10;
/** The most posts one page brings. */
export const MAX_PAGE = 100;

/** The read budget's settings (config `x.*`). */
export interface BudgetOptions {
  monthlyReadBudget: number;
  maxReadsPerWatchPerDay: number;
  /**
   * Spread the month's budget over its days (the default). Off, a day may spend all that is left of the
   * month: the behaviour before budgets were planned, kept as the cost benchmark's baseline.
   */
  dailyAllowance?: boolean;
}

/** Today's share of the budget. Posts are the billed reads: each post once per UTC day. */
export interface DayBudget {
  /** Posts today may bill: what the month has left at the start of the UTC day over its days left. */
  allowance: number;
  spentToday: number;
  /** What today may still bill (never past the month's budget). */
  leftToday: number;
  monthSpent: number;
  daysLeft: number;
}

/** Days of the UTC month of `at` not over yet, today included. */
export function daysLeftInMonth(at: number): number {
  const d = new Date(at);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  return last - d.getUTCDate() + 1;
}

/** The plan's allowance for the UTC day of `now`. */
export function dayBudget(
  now: number,
  options: BudgetOptions,
  usage: Pick<UsageStore, 'day' | 'month'>,
): DayBudget {
  const monthSpent = usage.month(now).tweetsRead;
  const spentToday = usage.day(now).tweetsRead;
  const daysLeft = daysLeftInMonth(now);
  const atDayStart = Math.max(0, options.monthlyReadBudget - (monthSpent - spentToday));
  const allowance = options.dailyAllowance === false ? atDayStart : Math.floor(atDayStart / daysLeft);
  const leftToday = Math.max(0, Math.min(allowance - spentToday, options.monthlyReadBudget - monthSpent));
  return { allowance, spentToday, leftToday, monthSpent, daysLeft };
}

/** Why a watch is not read now. */
export type Pause =
  | { kind: 'month'; budget: number }
  | { kind: 'allowance'; allowance: number }
  | { kind: 'cap'; reads: number; cap: number }
  | { kind: 'backoff'; error: string; retryAt: number };

/** The pause of a watch that read `reads` posts today, if any (the budget's pauses come first). */
export function pauseOf(day: DayBudget, options: BudgetOptions, reads: number): Pause | null {
  if (options.monthlyReadBudget - day.monthSpent < MIN_PAGE)
    return { kind: 'month', budget: options.monthlyReadBudget };
  if (day.leftToday < MIN_PAGE) return { kind: 'allowance', allowance: day.allowance };
  if (options.maxReadsPerWatchPerDay - reads < MIN_PAGE)
    return { kind: 'cap', reads, cap: options.maxReadsPerWatchPerDay };
  return null;
}

/** A pause in a line, for logs, `kestrel db stats` and the chats. */
export function describePause(pause: Pause, lang: 'en' | 'ru' = 'en'): string {
  const en = lang === 'en';
  switch (pause.kind) {
    case 'month':
      return en
        ? `paused: this month's read budget (${pause.budget} posts, x.monthlyReadBudget) is spent; resumes on the 1st (UTC)`
        : `на паузе: бюджет чтения на месяц (${pause.budget} постов, x.monthlyReadBudget) исчерпан; продолжу 1-го числа (UTC)`;
    case 'allowance':
      return en
        ? `paused: today's allowance of ${pause.allowance} posts (the month's budget spread over its days) is spent; the rest of today's posts are skipped, and at 00:00 UTC it goes on with the new day's`
        : `на паузе: дневная норма в ${pause.allowance} постов (бюджет месяца, разделённый на его дни) исчерпана; остальные посты этого дня пропускаются, в 00:00 UTC продолжу с постов нового дня`;
    case 'cap':
      return en
        ? `paused: read ${pause.reads} of its ${pause.cap} posts today (x.maxReadsPerWatchPerDay); the rest of today's posts are skipped, and at 00:00 UTC it goes on with the new day's`
        : `на паузе: сегодня прочитано ${pause.reads} из ${pause.cap} постов (x.maxReadsPerWatchPerDay); остальные посты этого дня пропускаются, в 00:00 UTC продолжу с постов нового дня`;
    case 'backoff':
      return en
        ? `backing off: its query failed (${pause.error}); next try ${new Date(pause.retryAt).toISOString().slice(0, 16)}Z`
        : `пауза после ошибки запроса (${pause.error}); следующая попытка ${new Date(pause.retryAt).toISOString().slice(0, 16)}Z`;
  }
}

const OVER: Record<OverBudgetReason, { en: string; ru: string }> = {
  cap: { en: 'over its cap', ru: 'сверх его лимита' },
  allowance: { en: "over the day's allowance", ru: 'сверх дневной нормы' },
  month: { en: "over the month's budget", ru: 'сверх бюджета месяца' },
};

/**
 * A skip in a line: "skipped ≈1,700 posts over its cap on 2026-11-03 (04:10–24:00 UTC; 120 of them reached it
 * through other watches)".
 */
export function describeSkip(skip: RecordedSkip, lang: 'en' | 'ru' = 'en'): string {
  const en = lang === 'en';
  const dayStart = Date.parse(`${skip.day}T00:00:00Z`);
  const time = (at: number) => {
    if (at === dayStart + 86_400_000) return '24:00';
    const iso = new Date(at).toISOString();
    return utcDay(at) === skip.day ? iso.slice(11, 16) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  };
  const span = `${time(skip.fromAt)}–${time(skip.toAt)} UTC`;
  const reached =
    skip.postsReached > 0
      ? en
        ? `; ${formatNumber(lang, skip.postsReached)} of them reached it through other watches`
        : `; ${formatNumber(lang, skip.postsReached)} из них пришли через другие отслеживания`
      : '';
  const over = OVER[skip.reason][lang];
  if (skip.postsEstimate === null)
    return en
      ? `skipped its posts ${over} on ${skip.day} (${span}${reached})`
      : `пропущены посты ${over} за ${skip.day} (${span}${reached})`;
  const posts = `≈${formatNumber(lang, skip.postsEstimate)}`;
  return en
    ? `skipped ${posts} posts ${over} on ${skip.day} (${span}${reached})`
    : `пропущено ${posts} постов ${over} за ${skip.day} (${span}${reached})`;
}
