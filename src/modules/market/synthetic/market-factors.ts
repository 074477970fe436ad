/**
 * The draws every stock of a seed shares: the market's daily shock, each sector's daily shock and
 * the market's volatility regime. They are pure functions of (seed, sector, day), so a stock never
 * depends on which other stocks exist; and because ~500 stocks are generated over the same
 * sessions, {@link marketTapeFor} computes them once per run of sessions instead of per stock.
 */
import { sessionDayNumber, type DayNumber, type TradingSession } from '../calendar/index.js';
import { combineKeys, normalAt, RANDOM_STREAM, uniformAt } from './random.js';

const MARKET_TAIL_PROBABILITY = 0.015; // a crash or rally day every few months
const MARKET_TAIL_SCALE = 3;
/** Volatility regimes change smoothly between knots this many calendar days apart. */
const REGIME_KNOT_DAYS = 30;
const REGIME_LOG_VOLATILITY = 0.3;

/** A fat-tailed draw with unit variance: a normal, scaled up when `uniform` < tailProbability. */
export function fatTailed(normal: number, uniform: number, tailProbability: number, tailScale: number): number {
  const scale = uniform < tailProbability ? tailScale : 1;
  return (normal * scale) / Math.sqrt(1 - tailProbability + tailProbability * tailScale * tailScale);
}

/** The market's standardised shock on a day (unit variance, fat-tailed). */
export function marketShockOn(marketKey: number, day: DayNumber): number {
  const key = combineKeys(combineKeys(marketKey, RANDOM_STREAM.MARKET), day);
  return fatTailed(normalAt(key, 0), uniformAt(key, 1), MARKET_TAIL_PROBABILITY, MARKET_TAIL_SCALE);
}

/** A sector's standardised shock on a day (unit variance). */
export function sectorShockOn(sectorKey: number, day: DayNumber): number {
  return normalAt(combineKeys(combineKeys(sectorKey, RANDOM_STREAM.SECTOR), day), 0);
}

/**
 * The market-wide volatility multiplier on a day: log-normal knots every 30 days, interpolated
 * in between, so calm and stormy stretches last weeks to months. Mean square ≈ 1.
 */
export function volatilityRegimeOn(marketKey: number, day: DayNumber): number {
  const regimeKey = combineKeys(marketKey, RANDOM_STREAM.REGIME);
  const knot = Math.floor(day / REGIME_KNOT_DAYS);
  const weight = (day - knot * REGIME_KNOT_DAYS) / REGIME_KNOT_DAYS;
  const logLevel = REGIME_LOG_VOLATILITY * ((1 - weight) * normalAt(regimeKey, knot) + weight * normalAt(regimeKey, knot + 1));
  return Math.exp(logLevel - REGIME_LOG_VOLATILITY * REGIME_LOG_VOLATILITY);
}

/** Shared draws for a run of sessions, index-aligned with it. */
export class MarketTape {
  readonly regime: Float64Array;
  readonly marketShock: Float64Array;
  private readonly days: Int32Array;
  private readonly sectorShocks = new Map<number | null, Float64Array>();

  constructor(
    readonly marketKey: number,
    readonly sessions: readonly TradingSession[],
  ) {
    this.days = Int32Array.from(sessions, sessionDayNumber);
    this.regime = Float64Array.from(this.days, (day) => volatilityRegimeOn(marketKey, day));
    this.marketShock = Float64Array.from(this.days, (day) => marketShockOn(marketKey, day));
  }

  /** The sector's shocks over the run; zeros for a stock without a known sector. */
  sectorShock(sectorKey: number | null): Float64Array {
    let shocks = this.sectorShocks.get(sectorKey);
    if (!shocks) {
      shocks = sectorKey === null ? new Float64Array(this.days.length) : Float64Array.from(this.days, (day) => sectorShockOn(sectorKey, day));
      this.sectorShocks.set(sectorKey, shocks);
    }
    return shocks;
  }
}

// Seeding walks ~500 stocks over the same sessions in a row; keep the latest tape.
let latestTape: MarketTape | null = null;

/** The shared draws of `marketKey` over `sessions` (memoised on the array's identity). */
export function marketTapeFor(marketKey: number, sessions: readonly TradingSession[]): MarketTape {
  if (latestTape?.marketKey !== marketKey || latestTape.sessions !== sessions) latestTape = new MarketTape(marketKey, sessions);
  return latestTape;
}
