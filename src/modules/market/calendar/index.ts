/**
 * The NYSE regular-session calendar: which days trade, when they open and close (in UTC), and how
 * to walk between sessions. Pure functions, no time-zone database, no I/O.
 */
export {
  type TradingSession,
  sessionOn,
  lastClosedSession,
  sessionsEndingWith,
  sessionsBetween,
  nextSession,
  previousSession,
  sessionDayNumber,
  isEarlyClose,
  marketHolidaysIn,
  REGULAR_OPEN_MINUTE,
  REGULAR_CLOSE_MINUTE,
  EARLY_CLOSE_MINUTE,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
} from './trading-calendar.js';
export { easternWallTimeToUnix, unixToEasternWallTime, easternOffsetMinutesAtUnix, type EasternWallTime } from './eastern-time.js';
export { type DayNumber, parseIsoDate, formatIsoDate, addCalendarMonths, dayOfWeek } from './civil-date.js';
