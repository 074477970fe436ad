/**
 * The per-stock constants of the synthetic market, derived from (seed, symbol, sector) alone so
 * that a stock's character never depends on which other stocks exist.
 */
import { combineKeys, hashSeed, hashString, normalAt, RANDOM_STREAM, uniformAt } from './random.js';
import { recogniseSector, sectorAnnualVolatility } from './sector-volatility.js';

export const TRADING_SESSIONS_PER_YEAR = 252;

export interface StockProfile {
  /** Key of every draw that belongs to this stock alone. */
  stockKey: number;
  /** Key of draws shared by the whole market under this seed (market moves, volatility regimes). */
  marketKey: number;
  /** Key of draws shared by the stock's sector under this seed; null when the sector is unknown. */
  sectorKey: number | null;
  /** Standard deviation of one session's log return (close to close). */
  sessionVolatility: number;
  /** Expected log return per session. */
  sessionLogDrift: number;
  /** Fraction of the shares outstanding that trades on a typical full session. */
  typicalTurnover: number;
  /** Last close used when the listing brings no price: log-normal, median $60. */
  defaultPrice: number;
  /** Market cap used when the listing brings none: log-normal, median $5B. */
  defaultMarketCap: number;
}

/** `BRK-B`, `brk.b` and ` BRK.B ` are one stock, so they must share one history. */
function canonicalSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/-/g, '.');
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function stockProfile(listing: { symbol: string; sector: string | null }, seed: number): StockProfile {
  const marketKey = hashSeed(seed);
  const stockKey = combineKeys(marketKey, hashString(canonicalSymbol(listing.symbol)));
  const sector = recogniseSector(listing.sector);
  const sectorKey = sector ? combineKeys(marketKey, hashString(sector)) : null;

  // Draw indices are part of the output: add new draws at new indices, never renumber.
  const profileKey = combineKeys(stockKey, RANDOM_STREAM.PROFILE);
  // Stocks within a sector differ: 0.7–1.5× the sector's volatility, log-uniformly.
  const volatilityFactor = Math.exp(Math.log(0.7) + uniformAt(profileKey, 0) * Math.log(1.5 / 0.7));
  const annualVolatility = sectorAnnualVolatility(listing.sector) * volatilityFactor;
  // Expected yearly return of 7% ± 4%; the −σ²/2 term makes it the expected *arithmetic* return.
  const annualReturn = 0.07 + 0.04 * normalAt(profileKey, 1);
  const typicalTurnover = Math.exp(Math.log(0.003) + uniformAt(profileKey, 2) * Math.log(0.015 / 0.003));
  const defaultPrice = clamp(60 * Math.exp(0.85 * normalAt(profileKey, 3)), 2, 2_000);
  const defaultMarketCap = clamp(5e9 * Math.exp(1.1 * normalAt(profileKey, 4)), 5e7, 4e12);

  return {
    stockKey,
    marketKey,
    sectorKey,
    sessionVolatility: annualVolatility / Math.sqrt(TRADING_SESSIONS_PER_YEAR),
    sessionLogDrift: (annualReturn - (annualVolatility * annualVolatility) / 2) / TRADING_SESSIONS_PER_YEAR,
    typicalTurnover,
    defaultPrice,
    defaultMarketCap,
  };
}
