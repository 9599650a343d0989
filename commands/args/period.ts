/**
 * The periods of `/mentions` (`24h`, `7d`, `30d`, `90d`, or days typed as dates; the query parser reads them),
 * and the calendar buckets of a period in a chat's timezone (hours for a day, days for longer periods).
 */
import type { Localized } from '../../src/chat/i18n.js';
import { zoneOffset } from '../../src/time/zone.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A reporting period: the last `ms` milliseconds before "now" (or the days `range` names), compared with the
 * `ms` before that.
 */
export interface Period {
  /** Canonical spelling: `24h`, `7d`, `30d`, `90d`, or `range` for days typed as dates. */
  key: '24h' | '7d' | '30d' | '90d' | 'range';
  /** For `range`: the period's own `[from, to)`, epoch ms. */
  range?: { from: number; to: number };
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

export const PERIODS: Readonly<Record<Exclude<Period['key'], 'range'>, Period>> = {
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
  '90d': {
    key: '90d',
    ms: 90 * DAY_MS,
    bucket: 'day',
    label: { en: '90 days', ru: '90 дней' },
    previousLabel: { en: 'the previous 90 days', ru: 'предыдущие 90 дней' },
    versusPrevious: { en: 'vs the previous 90 days', ru: 'к предыдущим 90 дням' },
  },
};

/**
 * The UTC days `from` to `to` (YYYY-MM-DD, both inclusive) as a period, cut at `now` when it reaches past it;
 * null when it starts after `now`.
 */
export function rangePeriod(from: string, to: string, now: number): Period | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Math.min(Date.parse(`${to}T00:00:00Z`) + DAY_MS, now);
  if (!(start < end)) return null;
  const days = Math.max(1, Math.round((end - start) / DAY_MS));
  const text = from === to ? from : `${from} – ${to}`;
  return {
    key: 'range',
    range: { from: start, to: end },
    ms: end - start,
    bucket: end - start <= 2 * DAY_MS ? 'hour' : 'day',
    label: { en: text, ru: text },
    previousLabel: { en: `the ${days} days before`, ru: `${days} дн. до этого` },
    versusPrevious: { en: `vs the ${days} days before`, ru: `к ${days} дн. до этого` },
  };
}

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
