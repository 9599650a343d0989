import { type Lang, t } from '../../src/chat/i18n.js';
import { KestrelError } from '../../src/errors.js';

/** The periods `/engagement` reports on, in days. */
export const ENGAGEMENT_PERIOD_DAYS = [7, 30, 90] as const;

/** One of {@link ENGAGEMENT_PERIOD_DAYS}. */
export type EngagementDays = (typeof ENGAGEMENT_PERIOD_DAYS)[number];

/** The period used when none is given. */
export const DEFAULT_ENGAGEMENT_DAYS: EngagementDays = 30;

const DAY_UNITS = new Set(['d', 'day', 'days', 'д', 'дн', 'день', 'дня', 'дней']);
const PERIOD_LIKE = /^(\d+)\s*([\p{L}]*)$/u;

/** Whether a token looks like a period (a number with an optional unit), valid or not: "7d", "14д", "30". */
export function isPeriodLike(token: string): boolean {
  return PERIOD_LIKE.test(token.trim());
}

/**
 * Reads a period token: `7d`, `30d`, `90d` (also `7д`, `30 дней`, `90days`, a bare `30`).
 * Anything else throws INPUT_INVALID with a message in the chat's language.
 */
export function parseEngagementPeriod(token: string, lang: Lang): EngagementDays {
  const match = PERIOD_LIKE.exec(token.trim().toLowerCase());
  const days = match ? Number(match[1]) : Number.NaN;
  const unit = match?.[2] ?? '';
  const known = (ENGAGEMENT_PERIOD_DAYS as readonly number[]).includes(days);
  if (!match || (unit !== '' && !DAY_UNITS.has(unit)) || !known) {
    throw new KestrelError(
      'INPUT_INVALID',
      t(lang, {
        en: `“${token}” is not a period I know: use 7d, 30d or 90d (30d when left out).`,
        ru: `«${token}» — непонятный период: можно 7d, 30d или 90d (без периода — 30d).`,
      }),
    );
  }
  return days as EngagementDays;
}

/** "last 30 days" / "за 30 дней" (7, 30 and 90 all take «дней»). */
export function periodPhrase(days: EngagementDays, lang: Lang): string {
  return t(lang, { en: `last ${days} days`, ru: `за ${days} дней` });
}
