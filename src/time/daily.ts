import { nextWallTime } from './zone.js';

/**
 * Daily local times (`HH:MM` in a timezone): what digest schedules are made of. The core's schedule
 * module: `/schedule` writes these times, the digest cron and scheduler read them.
 */

const DAY = 86_400_000;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/u;

/** `9:05` → `09:05`; null when not a time of day from 00:00 to 23:59. */
export function parseTime(text: string): string | null {
  const m = TIME.exec(text);
  return m ? `${(m[1] as string).padStart(2, '0')}:${m[2]}` : null;
}

/**
 * The first instant after `now` when the wall clock in `timeZone` shows `time` (`HH:MM`). On a day when
 * that time does not exist (spring forward) the run falls at the shifted instant, as wall clocks do.
 */
export function nextRunAt(time: string, timeZone: string, now: number): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return nextWallTime(now, hour, minute, timeZone);
}

/** The latest instant at or before `now` when the wall clock in `timeZone` showed `time` (`HH:MM`). */
export function lastRunAt(time: string, timeZone: string, now: number): number {
  let run = nextRunAt(time, timeZone, now - 2 * DAY);
  for (let next = nextRunAt(time, timeZone, run); next <= now; next = nextRunAt(time, timeZone, run))
    run = next;
  return run;
}

/** The wall-clock date `YYYY-MM-DD` of an instant in a timezone. */
export function localDate(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `09:05` → `5 9 * * *`: the node-cron expression of a daily time. */
export function cronOfTime(time: string): string {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return `${minute} ${hour} * * *`;
}
