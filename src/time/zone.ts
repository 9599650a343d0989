/**
 * Wall clocks in IANA timezones, DST included: what local time an instant shows, and which instant shows
 * a given local time. One place for this arithmetic (schedules, quiet hours, chart days and buckets).
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** hour × 60 + minute. */
  minuteOfDay: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The local date and time the wall clock in `zone` shows at instant `ms`. */
export function wallClock(ms: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatOf(zone).formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
  const hour = parts.hour ?? 0;
  const minute = parts.minute ?? 0;
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour,
    minute,
    second: parts.second ?? 0,
    minuteOfDay: hour * 60 + minute,
  };
}

/** How far the zone's wall clock is ahead of UTC at instant `ms`, in ms (Moscow: +3 h). */
export function zoneOffset(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (ms % 1000));
}

/**
 * The instant at which the wall clock in `zone` shows the given local time (day may overflow the month).
 * A local time shown twice (autumn) is its first occurrence; one skipped in spring falls an hour later,
 * after the jump (02:30 → 03:30), as cron does.
 */
export function instantOfWallTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force a day either side bracket any change, so one of these is the instant.
  const candidates = [wall - 86_400_000, wall, wall + 86_400_000]
    .map((probe) => wall - zoneOffset(probe, zone))
    .sort((a, b) => a - b);
  const target = hour * 60 + minute;
  const shown = candidates.find((at) => wallClock(at, zone).minuteOfDay === target);
  return shown ?? (candidates.at(-1) as number);
}

/** The first instant after `after` when the wall clock in `zone` shows `hour:minute`. */
export function nextWallTime(after: number, hour: number, minute: number, zone: string): number {
  const today = wallClock(after, zone);
  for (let day = 0; day <= 2; day++) {
    const at = instantOfWallTime(today.year, today.month, today.day + day, hour, minute, zone);
    if (at > after) return at;
  }
  return after + 24 * 3_600_000;
}
