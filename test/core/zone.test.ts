import { describe, expect, it } from 'vitest';
import { canonicalTimezone, timezoneOr } from '../../src/time/timezone.js';
import { instantOfWallTime, nextWallTime, wallClock, zoneOffset } from '../../src/time/zone.js';

describe('wall clocks in timezones', () => {
  it('reads local time and offsets, half-hour zones included', () => {
    const at = Date.UTC(2026, 10, 26, 6, 0);
    expect(wallClock(at, 'Europe/Moscow')).toMatchObject({
      year: 2026,
      month: 11,
      day: 26,
      hour: 9,
      minuteOfDay: 540,
    });
    expect(zoneOffset(at, 'Asia/Kathmandu')).toBe((5 * 60 + 45) * 60_000);
    expect(zoneOffset(at, 'UTC')).toBe(0);
  });

  it('finds the instant of a local time across daylight saving changes', () => {
    // Berlin springs forward at 02:00 on 29 Mar 2026: 02:30 does not exist and falls at 03:30 CEST.
    expect(instantOfWallTime(2026, 3, 29, 2, 30, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(instantOfWallTime(2026, 3, 28, 9, 0, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 8, 0));
    expect(instantOfWallTime(2026, 3, 30, 9, 0, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 30, 7, 0));
    // Berlin falls back at 03:00 on 25 Oct 2026: 02:30 happens twice; the first is 00:30 UTC.
    expect(instantOfWallTime(2026, 10, 25, 2, 30, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    // Day overflow is normalised: 32 November is 2 December.
    expect(instantOfWallTime(2026, 11, 32, 0, 0, 'UTC')).toBe(Date.UTC(2026, 11, 2));
  });

  it('gives the next time the wall clock shows HH:MM', () => {
    const at = Date.UTC(2026, 10, 26, 7, 0); // 10:00 in Moscow
    expect(nextWallTime(at, 9, 0, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 27, 6, 0));
    expect(nextWallTime(at, 11, 0, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 26, 8, 0));
    expect(nextWallTime(at, 10, 0, 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 27, 7, 0));
  });
});

describe('the one timezone check', () => {
  it('spells known zones as Intl does and refuses the rest', () => {
    expect(canonicalTimezone('europe/moscow')).toBe('Europe/Moscow');
    expect(canonicalTimezone('UTC')).toBe('UTC');
    expect(canonicalTimezone('Mars/Olympus')).toBeNull();
    expect(canonicalTimezone('+03:00')).toBeNull();
    expect(canonicalTimezone('')).toBeNull();
  });

  it('falls back for a bad stored name instead of throwing', () => {
    expect(timezoneOr('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(timezoneOr('nowhere')).toBe('UTC');
    expect(timezoneOr(null, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(timezoneOr(undefined)).toBe('UTC');
  });
});
