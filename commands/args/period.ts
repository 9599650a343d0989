/**
 * The period argument of reporting commands (`24h`, `7d`, `30d` and their word forms), and the calendar
 * buckets of a period in a chat's timezone (hours for a day, days for longer periods).
 */
import type { Localized } from '../../src/chat/i18n.js';
import { zoneOffset } from '../../src/time/zone.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A reporting period: the last `ms` milliseconds before "now", compared with the `ms` before that. */
export interface Period {
  /** Canonical spelling: `24h`, `7d` or `30d`. */
  key: '24h' | '7d' | '30d';
  ms: number;
  /** How its chart is cut: hours for `24h`, days otherwise. */
  bucket: 'hour' | 'day';
  /** "7 days" / "7 дней". */
  label: Localized;
  /** "the previous 7 days" / "предыдущие 7 дней". */
  previousLabel: Localized;
  /** "vs the previous 7 days" / "к предыдущим 7 дням". */
  versusPrevious: Localized;
}

export const PERIODS: Readonly<Record<Period['key'], Period>> = {
  '24h': {
    key: '24h',
    ms: DAY_MS,
    bucket: 'hour',
    label: { en: '24 hours', ru: '24 часа' },
    previousLabel: { en: 'the previous 24 hours', ru: 'предыдущие 24 часа' },
    versusPrevious: { en: 'vs the previous 24 hours', ru: 'к предыдущим 24 часам' },
  },
  '7d': {
    key: '7d',
    ms: 7 * DAY_MS,
    bucket: 'day',
    label: { en: '7 days', ru: '7 дней' },
    previousLabel: { en: 'the previous 7 days', ru: 'предыдущие 7 дней' },
    versusPrevious: { en: 'vs the previous 7 days', ru: 'к предыдущим 7 дням' },
  },
  '30d': {
    key: '30d',
    ms: 30 * DAY_MS,
    bucket: 'day',
    label: { en: '30 days', ru: '30 дней' },
    previousLabel: { en: 'the previous 30 days', ru: 'предыдущие 30 дней' },
    versusPrevious: { en: 'vs the previous 30 days', ru: 'к предыдущим 30 дням' },
  },
};

/** Every accepted spelling (lower case) of each period. */
const SPELLINGS: Record<string, Period['key']> = {
  '24h': '24h',
  '24ч': '24h',
  '1d': '24h',
  '1д': '24h',
  day: '24h',
  today: '24h',
  день: '24h',
  сутки: '24h',
  '7d': '7d',
  '7д': '7d',
  '1w': '7d',
  week: '7d',
  неделя: '7d',
  неделю: '7d',
  '30d': '30d',
  '30д': '30d',
  '1m': '30d',
  month: '30d',
  месяц: '30d',
};

/** The period a token names (case-insensitive), or null if it names none. */
export function parsePeriod(token: string): Period | null {
  const key = SPELLINGS[token.trim().toLowerCase()];
  return key === undefined ? null : PERIODS[key];
}

/** True for tokens that look like an attempt at a period (`14d`, `2w`, `48h`, `3дня`), valid or not. */
export function looksLikePeriod(token: string): boolean {
  return parsePeriod(token) !== null || /^\d+\s*\p{L}{1,7}\.?$/u.test(token.trim());
}

/** "24h, 7d or 30d" — what a refusal lists. */
export const PERIOD_CHOICES = '24h, 7d, 30d';

/** The first instant of the local day (or hour) after the one containing `ms`. */
function nextBoundary(ms: number, unit: 'hour' | 'day', zone: string): number {
  const step = unit === 'day' ? DAY_MS : HOUR_MS;
  const offset = zoneOffset(ms, zone);
  const localStart = Math.floor((ms + offset) / step) * step;
  // The next local boundary; re-read the offset there in case it changed (DST) in between.
  let next = localStart + step - offset;
  const offsetThere = zoneOffset(next, zone);
  if (offsetThere !== offset) next = localStart + step - offsetThere;
  return next > ms ? next : ms + step;
}

/**
 * Cuts `[from, to)` at local hour or day boundaries in `zone`: returns the edges, first `from`, last `to`
 * (so the first and last buckets may be partial).
 */
export function bucketEdges(from: number, to: number, unit: 'hour' | 'day', zone: string): number[] {
  const edges = [from];
  let at = from;
  while (true) {
    at = nextBoundary(at, unit, zone);
    if (at >= to) break;
    edges.push(at);
  }
  edges.push(to);
  return edges;
}
