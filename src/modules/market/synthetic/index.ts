/**
 * The embedded synthetic market: deterministic, plausible price histories for listings without
 * (or before) real data. See generate-history.ts for the determinism contract.
 */
export {
  INTERVAL_SECONDS,
  type IntervalSeconds,
  type SyntheticListing,
  type HistoryPlan,
  type BarSeries,
  type SyntheticQuote,
  type SyntheticHistory,
} from './history-types.js';
export { generateHistory, seriesOf } from './generate-history.js';
export { simulateSession, type SessionSimulationInput, type SimulatedSession } from './simulate-session.js';
export { DEFAULT_DAILY_YEARS, DEFAULT_HOURLY_MONTHS, DEFAULT_FIVE_MINUTE_SESSIONS, DEFAULT_ONE_MINUTE_SESSIONS } from './history-windows.js';
export { SECTOR_ANNUAL_VOLATILITY, UNKNOWN_SECTOR_ANNUAL_VOLATILITY, recogniseSector, type SectorName } from './sector-volatility.js';
