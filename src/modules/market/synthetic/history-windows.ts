/** Which sessions a {@link HistoryPlan} covers at each interval. */
import { addCalendarMonths, formatIsoDate, parseIsoDate, sessionOn, sessionsBetween, sessionsEndingWith, type TradingSession } from '../calendar/index.js';
import type { HistoryPlan } from './history-types.js';

export const DEFAULT_DAILY_YEARS = 5;
export const DEFAULT_HOURLY_MONTHS = 3;
export const DEFAULT_FIVE_MINUTE_SESSIONS = 5;
export const DEFAULT_ONE_MINUTE_SESSIONS = 1;

export interface HistoryWindows {
  /** Every session the walk covers, ascending, ending with the plan's last session; at least two, so the quote has a previous close. */
  readonly walkSessions: readonly TradingSession[];
  /** How many of the latest walk sessions get bars at each interval. */
  readonly dailySessions: number;
  readonly hourlySessions: number;
  readonly fiveMinuteSessions: number;
  readonly oneMinuteSessions: number;
  /** How many of the latest walk sessions need a minute path (the widest intraday window). */
  readonly intradaySessions: number;
}

function windowOption(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 0) throw new RangeError(`Expected ${name} to be an integer ≥ 0, got ${value}`);
  return resolved;
}

/** Sessions after the same calendar date `months` months before `last` (e.g. the last 3 months). */
function sessionCountInLastMonths(last: TradingSession, months: number): number {
  if (months === 0) return 0;
  const firstDay = addCalendarMonths(parseIsoDate(last.date), -months) + 1;
  return sessionsBetween(formatIsoDate(firstDay), last.date).length;
}

// Seeding asks for the same windows ~500 times in a row; remember the latest answer.
let memoKey = '';
let memoWindows: HistoryWindows | null = null;

export function planHistoryWindows(plan: HistoryPlan): HistoryWindows {
  const dailyYears = windowOption(plan.dailyYears, DEFAULT_DAILY_YEARS, 'dailyYears');
  const hourlyMonths = windowOption(plan.hourlyMonths, DEFAULT_HOURLY_MONTHS, 'hourlyMonths');
  const fiveMinuteSessions = windowOption(plan.fiveMinuteSessions, DEFAULT_FIVE_MINUTE_SESSIONS, 'fiveMinuteSessions');
  const oneMinuteSessions = windowOption(plan.oneMinuteSessions, DEFAULT_ONE_MINUTE_SESSIONS, 'oneMinuteSessions');
  const key = `${plan.lastSession.date}|${dailyYears}|${hourlyMonths}|${fiveMinuteSessions}|${oneMinuteSessions}`;
  if (key === memoKey && memoWindows) return memoWindows;

  // Trust the calendar, not the caller's copy: a stale or hand-made session would misplace every bar.
  const last = sessionOn(plan.lastSession.date);
  if (!last) throw new RangeError(`Expected lastSession to be a trading session, but ${plan.lastSession.date} is not an NYSE trading day`);
  const dailySessions = sessionCountInLastMonths(last, dailyYears * 12);
  const hourlySessions = sessionCountInLastMonths(last, hourlyMonths);
  const intradaySessions = Math.max(hourlySessions, fiveMinuteSessions, oneMinuteSessions);
  const windows: HistoryWindows = {
    walkSessions: sessionsEndingWith(last, Math.max(dailySessions, intradaySessions, 2)),
    dailySessions,
    hourlySessions,
    fiveMinuteSessions,
    oneMinuteSessions,
    intradaySessions,
  };
  memoKey = key;
  memoWindows = windows;
  return windows;
}
