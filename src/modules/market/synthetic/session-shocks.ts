/**
 * The random part of one session of one stock: how far it gaps at the open, how far it travels to
 * the close, how wild the day is and how much trades. Drawn from keys of (seed, day) for the
 * market, (seed, sector, day) for the sector and (seed, symbol, day) for the stock, so the same
 * session always gets the same shocks however the history around it is generated.
 *
 * A day's standardised shock mixes a market factor (35% of the variance), a sector factor (15%)
 * and the stock's own news (the rest), so stocks move together the way real ones do and sector
 * statistics look like a market rather than noise. Both the market and the stock have occasional
 * fat-tailed days (crashes/rallies, earnings), and a slowly varying market-wide volatility regime
 * makes calm and stormy months.
 */
import type { DayNumber } from '../calendar/index.js';
import { combineKeys, normalAt, uniformAt } from './random.js';
import { RANDOM_STREAM, type StockProfile } from './stock-profile.js';

const MARKET_VARIANCE_SHARE = 0.35;
const SECTOR_VARIANCE_SHARE = 0.15;
/** Share of a session's variance realised overnight (previous close → open). */
const OVERNIGHT_VARIANCE_SHARE = 0.2;

const MARKET_TAIL_PROBABILITY = 0.015;
const MARKET_TAIL_SCALE = 3;
const STOCK_TAIL_PROBABILITY = 0.02; // about five "earnings days" a year
const STOCK_TAIL_SCALE = 4;

const SQRT_MARKET_SHARE = Math.sqrt(MARKET_VARIANCE_SHARE);
const SQRT_SECTOR_SHARE = Math.sqrt(SECTOR_VARIANCE_SHARE);
const SQRT_INTRADAY_SHARE = Math.sqrt(1 - OVERNIGHT_VARIANCE_SHARE);
const OVERNIGHT_SPLIT_SCALE = Math.sqrt(OVERNIGHT_VARIANCE_SHARE * (1 - OVERNIGHT_VARIANCE_SHARE));

/** Volatility regimes change smoothly between knots this many calendar days apart. */
const REGIME_KNOT_DAYS = 30;
const REGIME_LOG_VOLATILITY = 0.3;

export const FULL_SESSION_MINUTES = 390;

export interface SessionShocks {
  /** log(open / previous close). */
  gapLogReturn: number;
  /** log(close / open). */
  intradayLogReturn: number;
  /** Standard deviation of log price over the whole session (open → close), for intraday noise. */
  intradayVolatility: number;
  /** Fraction of the shares outstanding that trades this session. */
  turnover: number;
  /** Exponential(1) draws: how far the high and low reach beyond the open/close, in intraday volatilities. */
  highExcursion: number;
  lowExcursion: number;
}

export function createSessionShocks(): SessionShocks {
  return { gapLogReturn: 0, intradayLogReturn: 0, intradayVolatility: 0, turnover: 0, highExcursion: 0, lowExcursion: 0 };
}

/** A fat-tailed draw with unit variance: a normal, scaled up when `uniform` < tailProbability. */
function fatTailed(normal: number, uniform: number, tailProbability: number, tailScale: number): number {
  const scale = uniform < tailProbability ? tailScale : 1;
  return (normal * scale) / Math.sqrt(1 - tailProbability + tailProbability * tailScale * tailScale);
}

/**
 * Draws sessions' shocks for one stock. Holds the stock's stream keys and remembers the last two
 * volatility-regime knots, since consecutive sessions almost always share them.
 */
export class SessionShockDrawer {
  private readonly marketStreamKey: number;
  private readonly sectorStreamKey: number | null;
  private readonly stockStreamKey: number;
  private readonly regimeStreamKey: number;
  private readonly ownVarianceShare: number;
  private knot = Number.NaN;
  private knotLogLevel = 0;
  private nextKnotLogLevel = 0;

  constructor(private readonly profile: StockProfile) {
    this.marketStreamKey = combineKeys(profile.marketKey, RANDOM_STREAM.MARKET);
    this.regimeStreamKey = combineKeys(profile.marketKey, RANDOM_STREAM.REGIME);
    this.sectorStreamKey = profile.sectorKey === null ? null : combineKeys(profile.sectorKey, RANDOM_STREAM.SECTOR);
    this.stockStreamKey = combineKeys(profile.stockKey, RANDOM_STREAM.SESSION);
    // A stock without a known sector has no sector factor; its own news carries that variance.
    this.ownVarianceShare = 1 - MARKET_VARIANCE_SHARE - (profile.sectorKey === null ? 0 : SECTOR_VARIANCE_SHARE);
  }

  /**
   * Draws the shocks of the stock on `day` into `out` (reused to keep walks allocation-free).
   * `sessionMinutes` is 390, or 210 on early-close days, which move and trade less.
   */
  draw(day: DayNumber, sessionMinutes: number, out: SessionShocks): void {
    const { profile } = this;
    const regime = this.volatilityRegime(day);
    const marketKey = combineKeys(this.marketStreamKey, day);
    const marketShock = fatTailed(normalAt(marketKey, 0), uniformAt(marketKey, 1), MARKET_TAIL_PROBABILITY, MARKET_TAIL_SCALE);
    const sectorShock = this.sectorStreamKey === null ? 0 : normalAt(combineKeys(this.sectorStreamKey, day), 0);
    // The stock's own draws; indices are part of the output: add new ones, never renumber.
    const ownKey = combineKeys(this.stockStreamKey, day);
    const ownShock = fatTailed(normalAt(ownKey, 0), uniformAt(ownKey, 1), STOCK_TAIL_PROBABILITY, STOCK_TAIL_SCALE);
    const overnightSplit = normalAt(ownKey, 2);
    const volumeNoise = normalAt(ownKey, 3);
    out.highExcursion = -Math.log(uniformAt(ownKey, 4));
    out.lowExcursion = -Math.log(uniformAt(ownKey, 5));

    const shock = SQRT_MARKET_SHARE * marketShock + SQRT_SECTOR_SHARE * sectorShock + Math.sqrt(this.ownVarianceShare) * ownShock;
    const volatility = profile.sessionVolatility * regime;
    const logReturn = profile.sessionLogDrift + volatility * shock;
    // Split the day's move into overnight and intraday parts that are uncorrelated and carry
    // OVERNIGHT_VARIANCE_SHARE and the rest of the variance respectively.
    const gap = OVERNIGHT_VARIANCE_SHARE * logReturn + volatility * OVERNIGHT_SPLIT_SCALE * overnightSplit;
    const sessionFraction = sessionMinutes / FULL_SESSION_MINUTES;
    const shortDayScale = Math.sqrt(sessionFraction);

    out.gapLogReturn = gap;
    out.intradayLogReturn = (logReturn - gap) * shortDayScale;
    out.intradayVolatility = volatility * SQRT_INTRADAY_SHARE * shortDayScale;
    // Busy days are the ones that move (|shock| averages ≈ 0.8) and the stormy regimes.
    out.turnover = profile.typicalTurnover * Math.exp(0.3 * volumeNoise - 0.045) * (0.76 + 0.3 * Math.abs(shock)) * Math.sqrt(regime) * sessionFraction;
  }

  /** Market-wide volatility multiplier for a day, mean square ≈ 1, interpolated between knots. */
  private volatilityRegime(day: DayNumber): number {
    const knot = Math.floor(day / REGIME_KNOT_DAYS);
    if (knot !== this.knot) {
      this.knotLogLevel = knot === this.knot + 1 ? this.nextKnotLogLevel : REGIME_LOG_VOLATILITY * normalAt(this.regimeStreamKey, knot);
      this.nextKnotLogLevel = REGIME_LOG_VOLATILITY * normalAt(this.regimeStreamKey, knot + 1);
      this.knot = knot;
    }
    const weight = (day - knot * REGIME_KNOT_DAYS) / REGIME_KNOT_DAYS;
    const logLevel = (1 - weight) * this.knotLogLevel + weight * this.nextKnotLogLevel;
    return Math.exp(logLevel - REGIME_LOG_VOLATILITY * REGIME_LOG_VOLATILITY);
  }
}
