import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  civilFromDayNumber,
  dayNumberFromCivil,
  dayOfWeek,
  formatIsoDate,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  parseIsoDate,
  WEEKDAY,
} from './civil-date.js';

describe('civil dates as day numbers', () => {
  it('counts days from 1970-01-01, a Thursday', () => {
    expect(dayNumberFromCivil(1970, 1, 1)).toBe(0);
    expect(dayNumberFromCivil(2026, 11, 27)).toBe(Date.UTC(2026, 10, 27) / 86_400_000);
    expect(dayOfWeek(0)).toBe(WEEKDAY.THURSDAY);
    expect(dayOfWeek(-1)).toBe(WEEKDAY.WEDNESDAY);
  });

  it('round-trips every day from 1900 to 2200 through civil dates and ISO strings', () => {
    const bad: number[] = [];
    for (let day = dayNumberFromCivil(1900, 1, 1); day <= dayNumberFromCivil(2200, 12, 31); day++) {
      const { year, month, day: dayOfMonth } = civilFromDayNumber(day);
      if (dayNumberFromCivil(year, month, dayOfMonth) !== day || parseIsoDate(formatIsoDate(day)) !== day) bad.push(day);
    }
    expect(bad).toEqual([]);
  });

  it('rejects dates that do not exist', () => {
    expect(() => parseIsoDate('2025-02-29')).toThrow(RangeError);
    expect(parseIsoDate('2024-02-29')).toBe(dayNumberFromCivil(2024, 2, 29));
    expect(() => parseIsoDate('2026-13-01')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-1-01')).toThrow(RangeError);
  });

  it('finds the nth and the last weekday of a month', () => {
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 11, WEEKDAY.THURSDAY, 4))).toBe('2026-11-26');
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 3, WEEKDAY.SUNDAY, 2))).toBe('2026-03-08');
    expect(formatIsoDate(lastWeekdayOfMonth(2026, 5, WEEKDAY.MONDAY))).toBe('2026-05-25');
    expect(formatIsoDate(lastWeekdayOfMonth(2027, 5, WEEKDAY.MONDAY))).toBe('2027-05-31');
  });

  it('moves by calendar months, clamping to the end of shorter months', () => {
    expect(formatIsoDate(addCalendarMonths(parseIsoDate('2026-05-31'), -3))).toBe('2026-02-28');
    expect(formatIsoDate(addCalendarMonths(parseIsoDate('2026-11-27'), -60))).toBe('2021-11-27');
    expect(formatIsoDate(addCalendarMonths(parseIsoDate('2024-02-29'), -12))).toBe('2023-02-28');
    expect(formatIsoDate(addCalendarMonths(parseIsoDate('2026-01-15'), 1))).toBe('2026-02-15');
  });
});
