/**
 * One session's 1-minute bars: a Brownian bridge in log price from the day's open to its close,
 * with the U-shaped intraday profile of real markets — volatile and busy after the opening bell,
 * quiet at lunch, busy again into the closing auction.
 *
 * The bridge is pinned at both ends, so the minutes always agree with the daily walk: the first
 * minute opens at the session's open and the last closes at its close, exactly.
 */
import type { DayNumber } from '../calendar/index.js';
import { normalFromUint32 } from './normal-table.js';
import { combineKeys, fillRandomBits } from './random.js';
import { FULL_SESSION_MINUTES } from './session-shocks.js';
import { RANDOM_STREAM } from './stock-profile.js';

/** Reusable buffers for one session's minute bars (allocated once, refilled per session). */
export interface MinuteBars {
  count: number;
  /** The session as a whole: highest high, lowest low and total volume of its minutes. */
  sessionHigh: number;
  sessionLow: number;
  sessionVolume: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function createMinuteBars(capacity = FULL_SESSION_MINUTES): MinuteBars {
  return {
    count: 0,
    sessionHigh: 0,
    sessionLow: 0,
    sessionVolume: 0,
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
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

/** Fills `out` with the session's minute bars; draws come from (stock, day) alone. */
export function simulateSessionMinutes(input: SessionPathInput, out: MinuteBars): void {
  const { minuteCount, open, close, intradayVolatility, expectedVolume } = input;
  const { minuteVolatility, elapsedVariance, volumeShare } = intradayProfile(minuteCount);
  const { open: opens, high: highs, low: lows, close: closes, volume: volumes } = out;
  fillRandomBits(combineKeys(combineKeys(input.stockKey, RANDOM_STREAM.INTRADAY), input.day), randomBits, 2 * minuteCount);

  // Pass 1: an unconstrained walk W in unit-variance time, kept in `closes` as scratch space.
  let walk = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    walk += minuteVolatility[minute]! * normalFromUint32(randomBits[minute]! >>> 0);
    closes[minute] = walk;
  }
  const walkEnd = walk;

  // Pass 2: pin it (bridge = W − t·W_end) and add the straight line from open to close, in log
  // price relative to the open. Prices follow multiplicatively with a 4th-order Taylor exp(d):
  // minute steps are ~1e-3, so the error per step (~d⁵/120) stays below 1e-15, and the last
  // minute closes exactly at `close` anyway.
  const logMove = Math.log(close / open);
  let previous = open;
  let previousLog = 0;
  let sessionHigh = 0;
  let sessionLow = Number.POSITIVE_INFINITY;
  let sessionVolume = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    const elapsed = elapsedVariance[minute + 1]!;
    const log = elapsed * logMove + intradayVolatility * (closes[minute]! - elapsed * walkEnd);
    const step = log - previousLog;
    const next = minute === minuteCount - 1 ? close : previous * (1 + step * (1 + step * (0.5 + step * (1 / 6 + step * (1 / 24)))));
    previousLog = log;
    // One draw, three uses (10 + 10 + 12 bits): how far the minute strays above and below its
    // open/close, and how busy it is (0.5–1.5× its share of the day's volume).
    const bits = randomBits[minuteCount + minute]!;
    const wiggle = 0.5 * intradayVolatility * minuteVolatility[minute]!;
    const high = Math.max(previous, next) * (1 + wiggle * (bits & 0x3ff) * BITS_10_SCALE);
    const low = Math.min(previous, next) * (1 - wiggle * ((bits >>> 10) & 0x3ff) * BITS_10_SCALE);
    const volume = Math.round(expectedVolume * volumeShare[minute]! * (0.5 + (bits >>> 20) * BITS_12_SCALE));
    opens[minute] = previous;
    closes[minute] = next;
    highs[minute] = high;
    lows[minute] = low;
    volumes[minute] = volume;
    if (high > sessionHigh) sessionHigh = high;
    if (low < sessionLow) sessionLow = low;
    sessionVolume += volume;
    previous = next;
  }
  out.count = minuteCount;
  out.sessionHigh = sessionHigh;
  out.sessionLow = sessionLow;
  out.sessionVolume = sessionVolume;
}
