/**
 * Quiet hours: a daily stretch of local time (`23:00`–`08:00` in the person's timezone) when alerts are
 * held. A stretch whose start is later than its end runs across midnight. Times are wall-clock times of
 * the timezone, so the stretch follows daylight-saving changes.
 */

import { timezoneOr } from '../time/timezone.js';
import { nextWallTime, wallClock } from '../time/zone.js';

/** A person's quiet hours, `HH:MM` local times; `start` is inside the stretch, `end` is not. */
export interface QuietHours {
  start: string;
  end: string;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/u;
const RANGE = /^([01]?\d|2[0-3]):([0-5]\d)\s*[-–—]\s*([01]?\d|2[0-3]):([0-5]\d)$/u;

const pad = (n: string): string => n.padStart(2, '0');

/** Quiet hours as read from a command, or why they could not be: not `HH:MM-HH:MM`, or empty (same times). */
export type QuietHoursParse = { ok: true; hours: QuietHours } | { ok: false; problem: 'format' | 'same' };

/**
 * Reads `HH:MM-HH:MM` (`23:00-08:00`, `7:30–9:00`; a hyphen or a dash, spaces allowed around it) into
 * canonical `HH:MM` times, 00:00 to 23:59. Anything else is a `format` problem; a stretch that starts
 * where it ends is a `same` problem.
 */
export function parseQuietHours(text: string): QuietHoursParse {
  const m = RANGE.exec(text.trim());
  if (!m) return { ok: false, problem: 'format' };
  const start = `${pad(m[1] as string)}:${m[2]}`;
  const end = `${pad(m[3] as string)}:${m[4]}`;
  return start === end ? { ok: false, problem: 'same' } : { ok: true, hours: { start, end } };
}

/** Minutes since midnight of an `HH:MM` time; null when it is not one. */
function minuteOfDay(time: string): number | null {
  const m = TIME.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** True when `at` falls inside the quiet hours in the timezone (unknown or empty zones count as UTC). */
export function isQuietAt(at: number, timeZone: string | null, quiet: QuietHours): boolean {
  const start = minuteOfDay(quiet.start);
  const end = minuteOfDay(quiet.end);
  if (start === null || end === null || start === end) return false;
  const now = wallClock(at, timezoneOr(timeZone)).minuteOfDay;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * When the quiet stretch that holds `at` ends: the first instant after `at` when the wall clock of the
 * timezone shows `quiet.end`. Null when `at` is not in quiet hours. If the end time does not exist that
 * day (a spring-forward gap) it falls at the shifted instant, as wall clocks do.
 */
export function quietEndAfter(at: number, timeZone: string | null, quiet: QuietHours): number | null {
  if (!isQuietAt(at, timeZone, quiet)) return null;
  const end = minuteOfDay(quiet.end) as number;
  return nextWallTime(at, Math.floor(end / 60), end % 60, timezoneOr(timeZone));
}

/**
 * When an alert decided at `at` may be sent: at once, or when the person's quiet hours end. No quiet
 * hours (either time missing) means at once.
 */
export function releaseTime(
  at: number,
  timeZone: string | null,
  quiet: { start: string | null; end: string | null },
): number {
  if (quiet.start === null || quiet.end === null) return at;
  return quietEndAfter(at, timeZone, { start: quiet.start, end: quiet.end }) ?? at;
}
