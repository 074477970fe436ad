/**
 * US Eastern time (America/New_York) without the host's time-zone database.
 *
 * The exchange clock is all this project needs, and computing it from the statutory rules keeps
 * results identical on every machine (containers often ship without full ICU/tzdata) and lets the
 * calendar convert thousands of sessions per millisecond.
 *
 * Rules: EST = UTC−5, EDT = UTC−4. Since 2007 (Energy Policy Act of 2005) daylight time runs from
 * the second Sunday of March 02:00 local to the first Sunday of November 02:00 local. 1987–2006 used
 * the first Sunday of April to the last Sunday of October; that rule is also applied to earlier
 * years, which is approximate (1974–75 and pre-1987 deviations are not modelled).
 */
import { type DayNumber, WEEKDAY, lastWeekdayOfMonth, nthWeekdayOfMonth, civilFromDayNumber } from './civil-date.js';

const SECONDS_PER_DAY = 86_400;
const MINUTES_PER_DAY = 1_440;
const STANDARD_OFFSET_MINUTES = -5 * 60;
const DAYLIGHT_OFFSET_MINUTES = -4 * 60;
/** Both transitions happen at 02:00 local wall-clock time. */
const TRANSITION_MINUTE_OF_DAY = 2 * 60;

export interface DaylightSavingDays {
  /** The local day on which clocks spring forward. */
  start: DayNumber;
  /** The local day on which clocks fall back. */
  end: DayNumber;
}

const daylightSavingDaysCache = new Map<number, DaylightSavingDays>();

/** The local days on which New York springs forward and falls back in `year` (cached). */
export function daylightSavingDays(year: number): DaylightSavingDays {
  let days = daylightSavingDaysCache.get(year);
  if (!days) {
    days =
      year >= 2007
        ? { start: nthWeekdayOfMonth(year, 3, WEEKDAY.SUNDAY, 2), end: nthWeekdayOfMonth(year, 11, WEEKDAY.SUNDAY, 1) }
        : { start: nthWeekdayOfMonth(year, 4, WEEKDAY.SUNDAY, 1), end: lastWeekdayOfMonth(year, 10, WEEKDAY.SUNDAY) };
    daylightSavingDaysCache.set(year, days);
  }
  return days;
}

/**
 * UTC offset in minutes (−240 or −300) of an Eastern wall-clock time.
 *
 * The repeated hour in November (01:00–01:59) resolves to daylight time, the first occurrence;
 * the skipped hour in March (02:00–02:59) is read as daylight time too. No session touches either.
 */
export function easternOffsetMinutesAtWallTime(localDay: DayNumber, minuteOfDay: number): number {
  const { start, end } = daylightSavingDays(civilFromDayNumber(localDay).year);
  const localMinute = localDay * MINUTES_PER_DAY + minuteOfDay;
  const isDaylight = localMinute >= start * MINUTES_PER_DAY + TRANSITION_MINUTE_OF_DAY && localMinute < end * MINUTES_PER_DAY + TRANSITION_MINUTE_OF_DAY;
  return isDaylight ? DAYLIGHT_OFFSET_MINUTES : STANDARD_OFFSET_MINUTES;
}

/** UTC offset in minutes (−240 or −300) in force in New York at a UTC instant. */
export function easternOffsetMinutesAtUnix(unixSeconds: number): number {
  const utcDay = Math.floor(unixSeconds / SECONDS_PER_DAY);
  const { start, end } = daylightSavingDays(civilFromDayNumber(utcDay).year);
  // 02:00 EST is 07:00 UTC (spring forward); 02:00 EDT is 06:00 UTC (fall back).
  const daylightStartsAt = start * SECONDS_PER_DAY + (TRANSITION_MINUTE_OF_DAY - STANDARD_OFFSET_MINUTES) * 60;
  const daylightEndsAt = end * SECONDS_PER_DAY + (TRANSITION_MINUTE_OF_DAY - DAYLIGHT_OFFSET_MINUTES) * 60;
  return unixSeconds >= daylightStartsAt && unixSeconds < daylightEndsAt ? DAYLIGHT_OFFSET_MINUTES : STANDARD_OFFSET_MINUTES;
}

/** Unix seconds (UTC) of an Eastern wall-clock time given as a local day and minutes after midnight. */
export function easternWallTimeToUnix(localDay: DayNumber, minuteOfDay: number): number {
  const offsetMinutes = easternOffsetMinutesAtWallTime(localDay, minuteOfDay);
  return localDay * SECONDS_PER_DAY + (minuteOfDay - offsetMinutes) * 60;
}

export interface EasternWallTime {
  /** The New York calendar day. */
  day: DayNumber;
  /** Seconds after local midnight, 0 ≤ x < 86 400. */
  secondOfDay: number;
}

/** The New York calendar day and time of day at a UTC instant. */
export function unixToEasternWallTime(unixSeconds: number): EasternWallTime {
  const localSeconds = unixSeconds + easternOffsetMinutesAtUnix(unixSeconds) * 60;
  const day = Math.floor(localSeconds / SECONDS_PER_DAY);
  return { day, secondOfDay: localSeconds - day * SECONDS_PER_DAY };
}
