import { describe, expect, it } from 'vitest';
import { dayNumberFromCivil } from './civil-date.js';
import { easternOffsetMinutesAtUnix, easternWallTimeToUnix, unixToEasternWallTime } from './eastern-time.js';

const utc = (iso: string): number => Date.parse(iso) / 1000;
const wallTime = (year: number, month: number, day: number, hour: number, minute: number): number =>
  easternWallTimeToUnix(dayNumberFromCivil(year, month, day), hour * 60 + minute);

describe('US Eastern time', () => {
  it('springs forward at 02:00 on the second Sunday of March (since 2007)', () => {
    expect(wallTime(2026, 3, 8, 1, 59)).toBe(utc('2026-03-08T06:59:00Z'));
    expect(wallTime(2026, 3, 8, 3, 0)).toBe(utc('2026-03-08T07:00:00Z'));
    expect(easternOffsetMinutesAtUnix(utc('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(easternOffsetMinutesAtUnix(utc('2026-03-08T07:00:00Z'))).toBe(-240);
  });

  it('falls back at 02:00 on the first Sunday of November, reading the repeated hour as daylight time', () => {
    expect(wallTime(2026, 11, 1, 0, 30)).toBe(utc('2026-11-01T04:30:00Z'));
    expect(wallTime(2026, 11, 1, 1, 30)).toBe(utc('2026-11-01T05:30:00Z'));
    expect(wallTime(2026, 11, 1, 2, 0)).toBe(utc('2026-11-01T07:00:00Z'));
    expect(easternOffsetMinutesAtUnix(utc('2026-11-01T05:59:59Z'))).toBe(-240);
    expect(easternOffsetMinutesAtUnix(utc('2026-11-01T06:00:00Z'))).toBe(-300);
  });

  it('uses the 1987–2006 rule before 2007: first Sunday of April to last Sunday of October', () => {
    expect(wallTime(2006, 4, 2, 12, 0)).toBe(utc('2006-04-02T16:00:00Z'));
    expect(wallTime(2006, 3, 31, 12, 0)).toBe(utc('2006-03-31T17:00:00Z'));
    expect(wallTime(2006, 10, 28, 12, 0)).toBe(utc('2006-10-28T16:00:00Z'));
    expect(wallTime(2006, 10, 30, 12, 0)).toBe(utc('2006-10-30T17:00:00Z'));
  });

  it('gives the New York date and time of a UTC instant, which may still be the previous day', () => {
    expect(unixToEasternWallTime(utc('2026-06-11T03:00:00Z'))).toEqual({ day: dayNumberFromCivil(2026, 6, 10), secondOfDay: 23 * 3600 });
    expect(unixToEasternWallTime(utc('2026-01-15T14:30:00Z'))).toEqual({ day: dayNumberFromCivil(2026, 1, 15), secondOfDay: 9.5 * 3600 });
  });

  it('agrees with the IANA time zone database at every hour of 2025 and 2026', () => {
    const offsetOf = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' });
    const mismatches: string[] = [];
    for (let t = utc('2025-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 3600) {
      const expected = offsetOf.formatToParts(new Date(t * 1000)).find((part) => part.type === 'timeZoneName')?.value;
      const actual = `GMT-${-easternOffsetMinutesAtUnix(t) / 60}`;
      if (actual !== expected) mismatches.push(`${new Date(t * 1000).toISOString()}: ${actual} vs ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });
});
