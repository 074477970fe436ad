/**
 * Which sessions the synthetic market has traded by a wall-clock instant, and how much of each.
 *
 * The provider reveals a session one minute at a time, so "how far has the market got" is a count of
 * ended minute bars: a minute starting at 10:31 counts once the clock reaches 10:32. A session with no
 * ended minute yet (before 09:31) has not started as far as anyone can see, so it is left out whole.
 */
import { formatIsoDate, lastClosedSession, nextSession, sessionOn, unixToEasternWallTime, type TradingSession } from '../../calendar/index.js';

const MINUTE_MS = 60_000;

export interface RevealedSession {
  session: TradingSession;
  /** Minute bars that have ended by now: between 1 and the session's length (all of them once it closed). */
  revealedMinutes: number;
}

/** Minutes in a session: 390, or 210 on an early-close day. */
export function minutesIn(session: TradingSession): number {
  return (session.close - session.open) / 60;
}

/** Minute bars of `session` that have ended at `nowMs` (0 before 09:31, all of them from the close on). */
export function minutesRevealedAt(session: TradingSession, nowMs: number): number {
  const ended = Math.floor((nowMs - session.open * 1000) / MINUTE_MS);
  return Math.max(0, Math.min(minutesIn(session), ended));
}

/**
 * The NYSE session on the New York date of an instant, or null. Anchors are found this way (by date,
 * not by exact open time) so that a daily bar stamped at another hour of its session's day still anchors.
 */
export function sessionOnDateOf(timeSeconds: number): TradingSession | null {
  if (!Number.isFinite(timeSeconds)) return null;
  return sessionOn(formatIsoDate(unixToEasternWallTime(timeSeconds).day));
}

/** Every session after `after` that has revealed at least one minute at `nowMs`, ascending. */
export function sessionsRevealedAfter(after: TradingSession, nowMs: number): RevealedSession[] {
  const revealed: RevealedSession[] = [];
  for (let session = nextSession(after); minutesRevealedAt(session, nowMs) > 0; session = nextSession(session)) {
    revealed.push({ session, revealedMinutes: minutesRevealedAt(session, nowMs) });
  }
  return revealed;
}

/**
 * Unix seconds the anchor's daily bar must start before: the open of the latest session that has
 * revealed a minute at `nowMs`. That session is always simulated afresh from the close before it, so a
 * partial daily bar the ingester stored for it (at 10:45, or at 15:59 before a crash) is never taken
 * for a finished session's close, which would freeze the price or lose the session's last minutes.
 */
export function anchorCutoffAt(nowMs: number): number {
  const nowSeconds = Math.floor(nowMs / 1000);
  const today = sessionOnDateOf(nowSeconds);
  const latest = today && minutesRevealedAt(today, nowMs) > 0 ? today : lastClosedSession(nowSeconds);
  return latest.open;
}
