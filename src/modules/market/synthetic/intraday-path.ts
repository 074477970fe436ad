/**
 * One session's 1-minute path: a Brownian bridge in log price from the day's open to its close,
 * with the U-shaped intraday profile of real markets — volatile and busy after the opening bell,
 * quiet at lunch, busy again into the closing auction.
 *
 * The bridge is pinned at both ends, so the minutes always agree with the daily walk: the first
 * minute opens at the session's open and the last closes at its close, exactly.
 *
 * The path is kept in log prices and only turned into prices where a bar is emitted (see
 * bar-series.ts): three months of hourly bars need every minute simulated but only one price
 * per hour, and skipping ~25 000 exponentials per stock is most of the generator's speed.
 */
import type { DayNumber } from '../calendar/index.js';
import { normalFromBits } from './normal-table.js';
import { combineKeys, fillRandomBits, RANDOM_STREAM } from './random.js';
import { roundShares } from './round-shares.js';
import { FULL_SESSION_MINUTES } from './session-shocks.js';

/** Reusable buffers for one session's minutes (allocated once, refilled per session). */
export interface MinutePath {
  /** Minutes in the session: 390, or 210 on early-close days. */
  count: number;
  /** The session's exact open and close prices (the path's pinned ends). */
  open: number;
  close: number;
  /** Per minute: log price at the minute's end, and the log of its high and low. */
  logClose: Float64Array;
  logHigh: Float64Array;
  logLow: Float64Array;
  /** Per minute: shares traded, whole numbers. */
  volume: Float64Array;
  /** Over the whole session: the highest log high, the lowest log low, the total volume. */
  sessionLogHigh: number;
  sessionLogLow: number;
  sessionVolume: number;
}

export function createMinutePath(capacity = FULL_SESSION_MINUTES): MinutePath {
  return {
    count: 0,
    open: 0,
    close: 0,
    logClose: new Float64Array(capacity),
    logHigh: new Float64Array(capacity),
    logLow: new Float64Array(capacity),
    volume: new Float64Array(capacity),
    sessionLogHigh: 0,
    sessionLogLow: 0,
    sessionVolume: 0,
  };
}

interface IntradayProfile {
  /** √(share of the session's variance) of each minute; the squares sum to 1. */
  minuteVolatility: Float64Array;
  /** Share of the session's variance elapsed at each minute boundary 0…n (0 and 1 at the ends). */
  elapsedVariance: Float64Array;
  /** Share of the session's volume traded in each minute; sums to 1. */
  volumeShare: Float64Array;
}

const BITS_10_SCALE = 1 / 1024;
const BITS_12_SCALE = 1 / 4096;

const profileCache = new Map<number, IntradayProfile>();

/** U-shaped curves over the session, with position x in [0, 1): spikes decay within ~20–30 minutes. */
function intradayProfile(minuteCount: number): IntradayProfile {
  let profile = profileCache.get(minuteCount);
  if (profile) return profile;
  const variance = new Float64Array(minuteCount);
  const volume = new Float64Array(minuteCount);
  let varianceTotal = 0;
  let volumeTotal = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    const x = (minute + 0.5) / minuteCount;
    const fromClose = 1 - x;
    const volatility = 1 + 1.6 * Math.exp(-x / 0.06) + 0.6 * Math.exp(-fromClose / 0.05);
    variance[minute] = volatility * volatility;
    volume[minute] = 1 + 2.5 * Math.exp(-x / 0.07) + 2.2 * Math.exp(-fromClose / 0.04);
    varianceTotal += variance[minute]!;
    volumeTotal += volume[minute]!;
  }
  const minuteVolatility = new Float64Array(minuteCount);
  const elapsedVariance = new Float64Array(minuteCount + 1);
  for (let minute = 0; minute < minuteCount; minute++) {
    minuteVolatility[minute] = Math.sqrt(variance[minute]! / varianceTotal);
    elapsedVariance[minute + 1] = elapsedVariance[minute]! + variance[minute]! / varianceTotal;
    volume[minute] = volume[minute]! / volumeTotal;
  }
  elapsedVariance[minuteCount] = 1;
  profile = { minuteVolatility, elapsedVariance, volumeShare: volume };
  profileCache.set(minuteCount, profile);
  return profile;
}

export interface SessionPathInput {
  stockKey: number;
  day: DayNumber;
  minuteCount: number;
  open: number;
  close: number;
  /** Standard deviation of log price over the session; sets how far the path wanders. */
  intradayVolatility: number;
  /** Shares expected to trade in the session; minute volumes are noisy shares of it. */
  expectedVolume: number;
}

// Two 32-bit draws per minute: one for the path, one for the minute's range and volume.
const randomBits = new Int32Array(2 * FULL_SESSION_MINUTES);

/** Fills `out` with the session's minute path; draws come from (stock, day) alone. */
export function simulateSessionMinutes(input: SessionPathInput, out: MinutePath): void {
  const { minuteCount, open, close, intradayVolatility, expectedVolume } = input;
  const { minuteVolatility, elapsedVariance, volumeShare } = intradayProfile(minuteCount);
  const { logClose, logHigh, logLow, volume } = out;
  fillRandomBits(combineKeys(combineKeys(input.stockKey, RANDOM_STREAM.INTRADAY), input.day), randomBits, 2 * minuteCount);

  // Pass 1: an unconstrained walk W in unit-variance time, kept in `logClose` as scratch space.
  let walk = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    walk += minuteVolatility[minute]! * normalFromBits(randomBits[minute]!);
    logClose[minute] = walk;
  }
  const walkEnd = walk;

  // Pass 2: pin it (bridge = W − t·W_end) and add the straight line from log open to log close:
  // log price = logOpen + t·(logMove − σ·W_end) + σ·W, with t the elapsed share of the variance.
  const logOpen = Math.log(open);
  const driftPerElapsed = Math.log(close) - logOpen - intradayVolatility * walkEnd;
  const halfVolatility = 0.5 * intradayVolatility * BITS_10_SCALE;
  let previous = logOpen;
  let sessionLogHigh = Number.NEGATIVE_INFINITY;
  let sessionLogLow = Number.POSITIVE_INFINITY;
  let sessionVolume = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    const next = logOpen + elapsedVariance[minute + 1]! * driftPerElapsed + intradayVolatility * logClose[minute]!;
    // One draw, three uses (10 + 10 + 12 bits): how far the minute strays above and below its
    // open/close, and how busy it is (0.5–1.5× its share of the day's volume).
    const bits = randomBits[minuteCount + minute]!;
    const wiggle = halfVolatility * minuteVolatility[minute]!;
    // max/min of the minute's open and close, without branches: whether a minute goes up or down
    // is a coin flip the CPU cannot predict, and mispredictions cost a third of this loop.
    const midpoint = 0.5 * (previous + next);
    const halfRange = 0.5 * Math.abs(next - previous);
    const high = midpoint + halfRange + wiggle * (bits & 0x3ff);
    const low = midpoint - halfRange - wiggle * ((bits >>> 10) & 0x3ff);
    const shares = roundShares(expectedVolume * volumeShare[minute]! * (0.5 + (bits >>> 20) * BITS_12_SCALE));
    logClose[minute] = next;
    logHigh[minute] = high;
    logLow[minute] = low;
    volume[minute] = shares;
    if (high > sessionLogHigh) sessionLogHigh = high;
    if (low < sessionLogLow) sessionLogLow = low;
    sessionVolume += shares;
    previous = next;
  }
  out.count = minuteCount;
  out.open = open;
  out.close = close;
  out.sessionLogHigh = sessionLogHigh;
  out.sessionLogLow = sessionLogLow;
  out.sessionVolume = sessionVolume;
}
