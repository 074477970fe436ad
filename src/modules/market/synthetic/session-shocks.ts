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
import { combineKeys, SeededRandom } from './random.js';
import { RANDOM_STREAM, type StockProfile } from './stock-profile.js';

const MARKET_VARIANCE_SHARE = 0.35;
const SECTOR_VARIANCE_SHARE = 0.15;
/** Share of a session's variance realised overnight (previous close → open). */
const OVERNIGHT_VARIANCE_SHARE = 0.2;

const MARKET_TAIL_PROBABILITY = 0.015;
const MARKET_TAIL_SCALE = 3;
const STOCK_TAIL_PROBABILITY = 0.02; // about five "earnings days" a year
const STOCK_TAIL_SCALE = 4;

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

/** A fat-tailed draw with unit variance: normal, scaled up on a small fraction of days. */
function fatTailedNormal(random: SeededRandom, tailProbability: number, tailScale: number): number {
  const normal = random.nextNormal();
  const scale = random.nextUniform() < tailProbability ? tailScale : 1;
  return (normal * scale) / Math.sqrt(1 - tailProbability + tailProbability * tailScale * tailScale);
}

/**
 * Draws sessions' shocks for one stock. Holds the reusable generator and remembers the last two
 * volatility-regime knots, since consecutive sessions almost always share them.
 */
export class SessionShockDrawer {
  private readonly random = new SeededRandom();
  private knot = Number.NaN;
  private knotLogLevel = 0;
  private nextKnotLogLevel = 0;

  constructor(private readonly profile: StockProfile) {}

  /**
   * Draws the shocks of the stock on `day` into `out` (reused to keep walks allocation-free).
   * `sessionMinutes` is 390, or 210 on early-close days, which move and trade less.
   */
  draw(day: DayNumber, sessionMinutes: number, out: SessionShocks): void {
    const { profile, random } = this;
    const regime = this.volatilityRegime(day);
    const marketShock = fatTailedNormal(random.reseed(combineKeys(combineKeys(profile.marketKey, RANDOM_STREAM.MARKET), day)), MARKET_TAIL_PROBABILITY, MARKET_TAIL_SCALE);
    const sectorShock = profile.sectorKey === null ? 0 : random.reseed(combineKeys(combineKeys(profile.sectorKey, RANDOM_STREAM.SECTOR), day)).nextNormal();
    const sectorShare = profile.sectorKey === null ? 0 : SECTOR_VARIANCE_SHARE;

    // Everything below is the stock's own; the draw order is part of the output.
    random.reseed(combineKeys(combineKeys(profile.stockKey, RANDOM_STREAM.SESSION), day));
    const ownShock = fatTailedNormal(random, STOCK_TAIL_PROBABILITY, STOCK_TAIL_SCALE);
    const overnightSplit = random.nextNormal();
    const volumeNoise = random.nextNormal();
    out.highExcursion = random.nextExponential();
    out.lowExcursion = random.nextExponential();

    const shock =
      Math.sqrt(MARKET_VARIANCE_SHARE) * marketShock + Math.sqrt(sectorShare) * sectorShock + Math.sqrt(1 - MARKET_VARIANCE_SHARE - sectorShare) * ownShock;
    const volatility = profile.sessionVolatility * regime;
    const logReturn = profile.sessionLogDrift + volatility * shock;
    // Split the day's move into overnight and intraday parts that are uncorrelated and carry
    // OVERNIGHT_VARIANCE_SHARE and the rest of the variance respectively.
    const gap = OVERNIGHT_VARIANCE_SHARE * logReturn + volatility * Math.sqrt(OVERNIGHT_VARIANCE_SHARE * (1 - OVERNIGHT_VARIANCE_SHARE)) * overnightSplit;
    const sessionFraction = sessionMinutes / FULL_SESSION_MINUTES;
    const shortDayScale = Math.sqrt(sessionFraction);

    out.gapLogReturn = gap;
    out.intradayLogReturn = (logReturn - gap) * shortDayScale;
    out.intradayVolatility = volatility * Math.sqrt(1 - OVERNIGHT_VARIANCE_SHARE) * shortDayScale;
    // Busy days are the ones that move (|shock| averages ≈ 0.8) and the stormy regimes.
    out.turnover = profile.typicalTurnover * Math.exp(0.3 * volumeNoise - 0.045) * (0.76 + 0.3 * Math.abs(shock)) * Math.sqrt(regime) * sessionFraction;
  }

  /** Market-wide volatility multiplier for a day, mean square ≈ 1, interpolated between knots. */
  private volatilityRegime(day: DayNumber): number {
    const knot = Math.floor(day / REGIME_KNOT_DAYS);
    if (knot !== this.knot) {
      this.knotLogLevel = knot === this.knot + 1 ? this.nextKnotLogLevel : this.regimeKnotLogLevel(knot);
      this.nextKnotLogLevel = this.regimeKnotLogLevel(knot + 1);
      this.knot = knot;
    }
    const weight = (day - knot * REGIME_KNOT_DAYS) / REGIME_KNOT_DAYS;
    const logLevel = (1 - weight) * this.knotLogLevel + weight * this.nextKnotLogLevel;
    return Math.exp(logLevel - REGIME_LOG_VOLATILITY * REGIME_LOG_VOLATILITY);
  }

  private regimeKnotLogLevel(knot: number): number {
    return REGIME_LOG_VOLATILITY * this.random.reseed(combineKeys(combineKeys(this.profile.marketKey, RANDOM_STREAM.REGIME), knot)).nextNormal();
  }
}
