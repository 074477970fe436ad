/**
 * Proleptic Gregorian calendar arithmetic on "day numbers" (days since 1970-01-01).
 *
 * The trading calendar works on plain integers rather than `Date` objects: integer days
 * cannot drift with the host time zone, are cheap to compare and index, and make
 * "the previous Friday" a subtraction.
 */

/** Days since 1970-01-01 (negative before it). */
export type DayNumber = number;

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Day-of-week numbers as returned by {@link dayOfWeek}. */
export const WEEKDAY = { SUNDAY: 0, MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6 } as const;

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date, no tables.
export function dayNumberFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDayNumber(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(dayNumber: DayNumber): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; throws a RangeError naming the input when it is not a real date. */
export function parseIsoDate(isoDate: string): DayNumber {
  const match = ISO_DATE.exec(isoDate);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return dayNumberFromCivil(year, month, day);
    }
  }
  throw new RangeError(`Expected a calendar date as YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
}

export function formatIsoDate(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The `nth` (1-based) given weekday of a month, e.g. the 3rd Monday of January. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): DayNumber {
  const first = dayNumberFromCivil(year, month, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return first + offset + (nth - 1) * 7;
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): DayNumber {
  const last = dayNumberFromCivil(year, month, daysInMonth(year, month));
  return last - ((dayOfWeek(last) - weekday + 7) % 7);
}

/**
 * The same day-of-month `months` months earlier or later, clamped to the month's length
 * (2026-05-31 minus 3 months is 2026-02-28), the way people count "the last 3 months".
 */
export function addCalendarMonths(dayNumber: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return dayNumberFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
