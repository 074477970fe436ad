/**
 * NYSE regular sessions (09:30–16:00 ET, 13:00 on early-close days) as plain, frozen objects.
 *
 * Sessions are built a whole year at a time and cached (a year costs ~0.2 ms to build), so
 * enumerating decades is one pass over each year's cached array, and every lookup by day is an
 * index into a typed array. The cached objects are frozen because they are shared by every caller.
 */
import {
  type DayNumber,
  civilFromDayNumber,
  dayNumberFromCivil,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  isLeapYear,
  parseIsoDate,
  WEEKDAY,
} from './civil-date.js';
import { daylightSavingDays, unixToEasternWallTime } from './eastern-time.js';
import { nyseYearRules } from './nyse-holidays.js';

export interface TradingSession {
  /** The session's calendar date in New York, `YYYY-MM-DD`. */
  readonly date: string;
  /** Opening bell, unix seconds (UTC). */
  readonly open: number;
  /** Closing bell, unix seconds (UTC): 16:00 ET, or 13:00 ET on early-close days. */
  readonly close: number;
}

/** Minutes after midnight, New York time. */
export const REGULAR_OPEN_MINUTE = 9 * 60 + 30;
export const REGULAR_CLOSE_MINUTE = 16 * 60;
export const EARLY_CLOSE_MINUTE = 13 * 60;

/**
 * Years the calendar answers for. The holiday rules are modern ones, so dates before about 1998
 * are approximations; the bounds mostly stop a runaway request (a huge `count`) from looping.
 */
export const CALENDAR_FIRST_YEAR = 1970;
export const CALENDAR_LAST_YEAR = 2199;

interface YearSessions {
  readonly sessions: readonly TradingSession[];
  /** Parallel to `sessions`: each session's day number. */
  readonly sessionDays: Int32Array;
  /** Day number of January 1st. */
  readonly firstDay: DayNumber;
  /** Per day of the year: index of the latest session on or before that day, −1 if none yet this year. */
  readonly latestSessionIndexByDayOfYear: Int16Array;
}

const yearSessionsCache = new Map<number, YearSessions>();

function assertSupportedYear(year: number): void {
  if (!(year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR)) {
    throw new RangeError(`The trading calendar covers ${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR}, got a date in ${year}`);
  }
}

// "-MM-DD" for every day of a common and of a leap year, so naming a session is one concatenation.
const monthDaySuffixes = (leap: boolean): string[] => {
  const suffixes: string[] = [];
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= daysInMonth(leap ? 2024 : 2023, month); day++) {
      suffixes.push(`-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    }
  }
  return suffixes;
};
const COMMON_YEAR_SUFFIXES = monthDaySuffixes(false);
const LEAP_YEAR_SUFFIXES = monthDaySuffixes(true);

const SECONDS_PER_DAY = 86_400;
const EDT_OFFSET_SECONDS = 4 * 3600;
const EST_OFFSET_SECONDS = 5 * 3600;

function buildYearSessions(year: number): YearSessions {
  const { holidays, earlyCloses } = nyseYearRules(year);
  // Sessions never touch the 02:00 transitions, so the offset is a function of the day alone.
  const daylight = daylightSavingDays(year);
  const firstDay = dayNumberFromCivil(year, 1, 1);
  const suffixes = isLeapYear(year) ? LEAP_YEAR_SUFFIXES : COMMON_YEAR_SUFFIXES;
  const yearPrefix = String(year).padStart(4, '0');
  const sessions: TradingSession[] = [];
  const sessionDays: number[] = [];
  const latestSessionIndexByDayOfYear = new Int16Array(suffixes.length);
  let weekday = dayOfWeek(firstDay);
  for (let dayOfYear = 0; dayOfYear < suffixes.length; dayOfYear++, weekday = (weekday + 1) % 7) {
    const day = firstDay + dayOfYear;
    if (weekday !== WEEKDAY.SATURDAY && weekday !== WEEKDAY.SUNDAY && !holidays.has(day)) {
      const closeMinute = earlyCloses.has(day) ? EARLY_CLOSE_MINUTE : REGULAR_CLOSE_MINUTE;
      const localMidnightInUtc = day * SECONDS_PER_DAY + (day >= daylight.start && day < daylight.end ? EDT_OFFSET_SECONDS : EST_OFFSET_SECONDS);
      sessions.push(
        Object.freeze({
          date: yearPrefix + suffixes[dayOfYear]!,
          open: localMidnightInUtc + REGULAR_OPEN_MINUTE * 60,
          close: localMidnightInUtc + closeMinute * 60,
        }),
      );
      sessionDays.push(day);
    }
    latestSessionIndexByDayOfYear[dayOfYear] = sessions.length - 1;
  }
  return { sessions: Object.freeze(sessions), sessionDays: Int32Array.from(sessionDays), firstDay, latestSessionIndexByDayOfYear };
}

function yearSessions(year: number): YearSessions {
  let cached = yearSessionsCache.get(year);
  if (!cached) {
    assertSupportedYear(year);
    cached = buildYearSessions(year);
    yearSessionsCache.set(year, cached);
  }
  return cached;
}

/** A position in the calendar: a year's sessions and an index into them (−1 = before the first). */
interface Cursor {
  year: number;
  index: number;
}

/** The latest session on or before `day`, as a cursor (its index may be −1: none yet that year). */
function cursorAtOrBefore(day: DayNumber): Cursor {
  const { year } = civilFromDayNumber(day);
  const { firstDay, latestSessionIndexByDayOfYear } = yearSessions(year);
  return { year, index: latestSessionIndexByDayOfYear[day - firstDay]! };
}

function sessionAt(cursor: Cursor): TradingSession {
  return yearSessions(cursor.year).sessions[cursor.index]!;
}

function stepBack(cursor: Cursor): Cursor {
  let { year, index } = cursor;
  index -= 1;
  while (index < 0) {
    year -= 1;
    index = yearSessions(year).sessions.length - 1;
  }
  return { year, index };
}

function stepForward(cursor: Cursor): Cursor {
  let { year, index } = cursor;
  index += 1;
  while (index >= yearSessions(year).sessions.length) {
    year += 1;
    index = 0;
  }
  return { year, index };
}

/** The cursor of an existing session; throws when `session.date` is not a trading day. */
function cursorOfSession(session: TradingSession): Cursor {
  const day = parseIsoDate(session.date);
  const cursor = cursorAtOrBefore(day);
  if (cursor.index < 0 || yearSessions(cursor.year).sessionDays[cursor.index] !== day) {
    throw new RangeError(`Expected a trading session, but ${session.date} is not an NYSE trading day`);
  }
  return cursor;
}

/** The session held on a New York date, or null on weekends and holidays. */
export function sessionOn(date: string): TradingSession | null {
  const day = parseIsoDate(date);
  const cursor = cursorAtOrBefore(day);
  if (cursor.index < 0 || yearSessions(cursor.year).sessionDays[cursor.index] !== day) return null;
  return sessionAt(cursor);
}

/** The latest session that has already closed at `nowUnixSeconds` (close ≤ now). */
export function lastClosedSession(nowUnixSeconds: number): TradingSession {
  if (!Number.isFinite(nowUnixSeconds)) throw new RangeError(`Expected unix seconds, got ${nowUnixSeconds}`);
  let cursor = cursorAtOrBefore(unixToEasternWallTime(nowUnixSeconds).day);
  if (cursor.index < 0) cursor = stepBack(cursor);
  // Today's session may still be open (or not yet open): then the previous one is the answer.
  if (sessionAt(cursor).close > nowUnixSeconds) cursor = stepBack(cursor);
  return sessionAt(cursor);
}

/** The session after `after`. */
export function nextSession(after: TradingSession): TradingSession {
  return sessionAt(stepForward(cursorOfSession(after)));
}

/** The session before `before`. */
export function previousSession(before: TradingSession): TradingSession {
  return sessionAt(stepBack(cursorOfSession(before)));
}

/** `count` consecutive sessions in ascending order, the last of which is `last`. */
export function sessionsEndingWith(last: TradingSession, count: number): TradingSession[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Expected a session count ≥ 0, got ${count}`);
  const result: TradingSession[] = new Array<TradingSession>(count);
  let { year, index } = cursorOfSession(last);
  let remaining = count;
  while (remaining > 0) {
    const { sessions } = yearSessions(year);
    const take = Math.min(remaining, index + 1);
    for (let i = 0; i < take; i++) result[remaining - take + i] = sessions[index + 1 - take + i]!;
    remaining -= take;
    year -= 1;
    if (remaining > 0) index = yearSessions(year).sessions.length - 1;
  }
  return result;
}

/** Every session from `fromDate` to `toDate` (both `YYYY-MM-DD`, inclusive), ascending; [] when from > to. */
export function sessionsBetween(fromDate: string, toDate: string): TradingSession[] {
  const fromDay = parseIsoDate(fromDate);
  const toDay = parseIsoDate(toDate);
  const result: TradingSession[] = [];
  if (fromDay > toDay) return result;
  const fromYear = civilFromDayNumber(fromDay).year;
  const toYear = civilFromDayNumber(toDay).year;
  for (let year = fromYear; year <= toYear; year++) {
    const { sessions, sessionDays } = yearSessions(year);
    for (let i = 0; i < sessions.length; i++) {
      const day = sessionDays[i]!;
      if (day >= fromDay && day <= toDay) result.push(sessions[i]!);
    }
  }
  return result;
}

/**
 * The New York day number of a session without parsing its date: 09:30 ET is 13:30 or 14:30 UTC,
 * always on the same UTC day. For loops over thousands of sessions.
 */
export function sessionDayNumber(session: TradingSession): DayNumber {
  return Math.floor(session.open / SECONDS_PER_DAY);
}

/** Whether a session ends at 13:00 ET instead of 16:00 ET. */
export function isEarlyClose(session: TradingSession): boolean {
  const day = parseIsoDate(session.date);
  return nyseYearRules(civilFromDayNumber(day).year).earlyCloses.has(day);
}

/** The full-day closures of a year (observed dates), ascending, with their names. */
export function marketHolidaysIn(year: number): Array<{ date: string; name: string }> {
  assertSupportedYear(year);
  return [...nyseYearRules(year).holidays]
    .sort(([a], [b]) => a - b)
    .map(([day, name]) => ({ date: formatIsoDate(day), name }));
}
