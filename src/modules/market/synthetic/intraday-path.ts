/**
 * One session's 1-minute bars: a Brownian bridge in log price from the day's open to its close,
 * with the U-shaped intraday profile of real markets — volatile and busy after the opening bell,
 * quiet at lunch, busy again into the closing auction.
 *
 * The bridge is pinned at both ends, so the minutes always agree with the daily walk: the first
 * minute opens at the session's open and the last closes at its close, exactly.
 */
import type { DayNumber } from '../calendar/index.js';
import { combineKeys, type SeededRandom } from './random.js';
import { FULL_SESSION_MINUTES } from './session-shocks.js';
import { RANDOM_STREAM } from './stock-profile.js';

/** Reusable buffers for one session's minute bars (allocated once, refilled per session). */
export interface MinuteBars {
  count: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function createMinuteBars(capacity = FULL_SESSION_MINUTES): MinuteBars {
  return {
    count: 0,
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

/** Fills `out` with the session's minute bars; draws come from (stock, day) alone. */
export function simulateSessionMinutes(input: SessionPathInput, random: SeededRandom, out: MinuteBars): void {
  const { minuteCount, open, close, intradayVolatility, expectedVolume } = input;
  const { minuteVolatility, elapsedVariance, volumeShare } = intradayProfile(minuteCount);
  random.reseed(combineKeys(combineKeys(input.stockKey, RANDOM_STREAM.INTRADAY), input.day));

  // Pass 1: an unconstrained walk W in unit-variance time, kept in `close` as scratch space.
  let walk = 0;
  for (let minute = 0; minute < minuteCount; minute++) {
    walk += minuteVolatility[minute]! * random.nextNormal();
    out.close[minute] = walk;
  }
  const walkEnd = walk;

  // Pass 2: pin it (bridge = W − t·W_end), add the straight line from open to close, exponentiate.
  const logOpen = Math.log(open);
  const logMove = Math.log(close) - logOpen;
  let previous = open;
  for (let minute = 0; minute < minuteCount; minute++) {
    const elapsed = elapsedVariance[minute + 1]!;
    const next =
      minute === minuteCount - 1 ? close : Math.exp(logOpen + elapsed * logMove + intradayVolatility * (out.close[minute]! - elapsed * walkEnd));
    // Within the minute, price also strays a little beyond its open and close.
    const wiggle = 0.5 * intradayVolatility * minuteVolatility[minute]!;
    out.open[minute] = previous;
    out.close[minute] = next;
    out.high[minute] = Math.max(previous, next) * (1 + wiggle * random.nextUniform());
    out.low[minute] = Math.min(previous, next) / (1 + wiggle * random.nextUniform());
    out.volume[minute] = Math.round(expectedVolume * volumeShare[minute]! * (0.5 + random.nextUniform()));
    previous = next;
  }
  out.count = minuteCount;
}
