/**
 * The random part of one session of one stock: how far it gaps at the open, how far it travels to
 * the close, how wild the day is and how much trades. The stock's own draws are keyed by
 * (seed, symbol, day), the shared ones by (seed, day) and (seed, sector, day) (market-factors.ts),
 * so the same session always gets the same shocks however the history around it is generated.
 *
 * A day's standardised shock mixes a market factor (35% of the variance), a sector factor (15%)
 * and the stock's own news (the rest), so stocks move together the way real ones do and sector
 * statistics look like a market rather than noise. The stock has occasional fat-tailed days
 * ("earnings"), on top of the market's crash/rally days and volatility regimes.
 */
import { REGULAR_CLOSE_MINUTE, REGULAR_OPEN_MINUTE, type DayNumber } from '../calendar/index.js';
import { fatTailed, marketShockOn, sectorShockOn, volatilityRegimeOn } from './market-factors.js';
import { combineKeys, normalAt, RANDOM_STREAM, uniformAt } from './random.js';
import type { StockProfile } from './stock-profile.js';

const MARKET_VARIANCE_SHARE = 0.35;
const SECTOR_VARIANCE_SHARE = 0.15;
/** Share of a session's variance realised overnight (previous close → open). */
const OVERNIGHT_VARIANCE_SHARE = 0.2;

const STOCK_TAIL_PROBABILITY = 0.02; // about five "earnings days" a year
const STOCK_TAIL_SCALE = 4;

const SQRT_MARKET_SHARE = Math.sqrt(MARKET_VARIANCE_SHARE);
const SQRT_INTRADAY_SHARE = Math.sqrt(1 - OVERNIGHT_VARIANCE_SHARE);
/** E|Z| = √(2/π) for a standard normal Z; this scales |Z| to mean 1. */
const HALF_NORMAL_TO_MEAN_ONE = Math.sqrt(Math.PI / 2);
const OVERNIGHT_SPLIT_SCALE = Math.sqrt(OVERNIGHT_VARIANCE_SHARE * (1 - OVERNIGHT_VARIANCE_SHARE));

/** Minutes from 09:30 to 16:00; early-close sessions have 210. */
export const FULL_SESSION_MINUTES = REGULAR_CLOSE_MINUTE - REGULAR_OPEN_MINUTE;

export interface SessionShocks {
  /** log(open / previous close). */
  gapLogReturn: number;
  /** log(close / open). */
  intradayLogReturn: number;
  /** Standard deviation of log price over the whole session (open → close), for intraday noise. */
  intradayVolatility: number;
  /** Fraction of the shares outstanding that trades this session. */
  turnover: number;
  /** Half-normal draws with mean 1: how far the high and low reach beyond the open/close, in intraday volatilities. */
  highExcursion: number;
  lowExcursion: number;
}

export function createSessionShocks(): SessionShocks {
  return { gapLogReturn: 0, intradayLogReturn: 0, intradayVolatility: 0, turnover: 0, highExcursion: 0, lowExcursion: 0 };
}

/** What the whole market (and the stock's sector) did on a day; see market-factors.ts. */
export interface SharedDayFactors {
  /** Market-wide volatility multiplier. */
  regime: number;
  /** Standardised market shock. */
  marketShock: number;
  /** Standardised sector shock (0 when the sector is unknown). */
  sectorShock: number;
}

/** Draws sessions' shocks for one stock (holds its stream key so each day costs one key mix). */
export class SessionShockDrawer {
  private readonly stockStreamKey: number;
  private readonly sqrtSectorShare: number;
  private readonly sqrtOwnShare: number;

  constructor(private readonly profile: StockProfile) {
    this.stockStreamKey = combineKeys(profile.stockKey, RANDOM_STREAM.SESSION);
    // A stock without a known sector has no sector factor; its own news carries that variance.
    const sectorShare = profile.sectorKey === null ? 0 : SECTOR_VARIANCE_SHARE;
    this.sqrtSectorShare = Math.sqrt(sectorShare);
    this.sqrtOwnShare = Math.sqrt(1 - MARKET_VARIANCE_SHARE - sectorShare);
  }

  /**
   * Draws the shocks of the stock on `day` into `out` (reused to keep walks allocation-free).
   * `sessionMinutes` is 390, or 210 on early-close days, which move and trade less.
   */
  draw(day: DayNumber, sessionMinutes: number, shared: SharedDayFactors, out: SessionShocks): void {
    const { profile } = this;
    // The stock's own draws; indices are part of the output: add new ones, never renumber.
    const ownKey = combineKeys(this.stockStreamKey, day);
    const ownShock = fatTailed(normalAt(ownKey, 0), uniformAt(ownKey, 1), STOCK_TAIL_PROBABILITY, STOCK_TAIL_SCALE);
    const overnightSplit = normalAt(ownKey, 2);
    const volumeNoise = normalAt(ownKey, 3);
    out.highExcursion = HALF_NORMAL_TO_MEAN_ONE * Math.abs(normalAt(ownKey, 4));
    out.lowExcursion = HALF_NORMAL_TO_MEAN_ONE * Math.abs(normalAt(ownKey, 5));

    const shock = SQRT_MARKET_SHARE * shared.marketShock + this.sqrtSectorShare * shared.sectorShock + this.sqrtOwnShare * ownShock;
    const volatility = profile.sessionVolatility * shared.regime;
    const logReturn = profile.sessionLogDrift + volatility * shock;
    // Split the day's move into overnight and intraday parts that are uncorrelated and carry
    // OVERNIGHT_VARIANCE_SHARE and the rest of the variance respectively.
    const gap = OVERNIGHT_VARIANCE_SHARE * logReturn + volatility * OVERNIGHT_SPLIT_SCALE * overnightSplit;
    const sessionFraction = sessionMinutes / FULL_SESSION_MINUTES;
    const shortDayScale = sessionMinutes === FULL_SESSION_MINUTES ? 1 : Math.sqrt(sessionFraction);

    out.gapLogReturn = gap;
    out.intradayLogReturn = (logReturn - gap) * shortDayScale;
    out.intradayVolatility = volatility * SQRT_INTRADAY_SHARE * shortDayScale;
    // Log-normal day-to-day noise with mean 1 (e^(σ²/2) = e^0.045), and busy days are the ones that
    // move (|shock| averages ≈ 0.8, so activity averages ≈ 1) and the stormy regimes.
    const noise = Math.exp(0.3 * volumeNoise - 0.045);
    const activity = (0.76 + 0.3 * Math.abs(shock)) * Math.sqrt(shared.regime);
    out.turnover = profile.typicalTurnover * noise * activity * sessionFraction;
  }
}

/** The shared factors of one day computed directly (for a single session; walks use a MarketTape). */
export function sharedDayFactorsOn(profile: StockProfile, day: DayNumber): SharedDayFactors {
  return {
    regime: volatilityRegimeOn(profile.marketKey, day),
    marketShock: marketShockOn(profile.marketKey, day),
    sectorShock: profile.sectorKey === null ? 0 : sectorShockOn(profile.sectorKey, day),
  };
}
