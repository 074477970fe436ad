/**
 * Annualised volatility of a typical stock in each GICS sector, roughly what the sectors' members
 * have shown over the last decades: defensive sectors move least, Energy and Technology most.
 * Sector names are matched loosely, so GICS names ("Information Technology") and Yahoo's
 * ("Technology", "Consumer Cyclical") land on the same sector.
 */

export type SectorName =
  | 'Utilities'
  | 'Consumer Staples'
  | 'Real Estate'
  | 'Health Care'
  | 'Financials'
  | 'Industrials'
  | 'Materials'
  | 'Communication Services'
  | 'Consumer Discretionary'
  | 'Information Technology'
  | 'Energy';

export const SECTOR_ANNUAL_VOLATILITY: Readonly<Record<SectorName, number>> = {
  Utilities: 0.18,
  'Consumer Staples': 0.18,
  'Real Estate': 0.22,
  'Health Care': 0.22,
  Financials: 0.24,
  Industrials: 0.24,
  Materials: 0.26,
  'Communication Services': 0.28,
  'Consumer Discretionary': 0.3,
  'Information Technology': 0.32,
  Energy: 0.34,
};

/** A stock with no (or an unrecognised) sector gets the volatility of a typical small growth stock. */
export const UNKNOWN_SECTOR_ANNUAL_VOLATILITY = 0.3;

// Keys are names lower-cased with everything but letters removed.
const SECTOR_ALIASES: Readonly<Record<string, SectorName>> = {
  utilities: 'Utilities',
  consumerstaples: 'Consumer Staples',
  consumerdefensive: 'Consumer Staples',
  realestate: 'Real Estate',
  healthcare: 'Health Care',
  financials: 'Financials',
  financial: 'Financials',
  financialservices: 'Financials',
  industrials: 'Industrials',
  materials: 'Materials',
  basicmaterials: 'Materials',
  communicationservices: 'Communication Services',
  communication: 'Communication Services',
  telecommunicationservices: 'Communication Services',
  consumerdiscretionary: 'Consumer Discretionary',
  consumercyclical: 'Consumer Discretionary',
  informationtechnology: 'Information Technology',
  technology: 'Information Technology',
  energy: 'Energy',
};

/** The GICS sector a free-form sector name refers to, or null when unknown. */
export function recogniseSector(sector: string | null | undefined): SectorName | null {
  if (!sector) return null;
  return SECTOR_ALIASES[sector.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}

/** Annualised volatility for a sector name (see {@link SECTOR_ANNUAL_VOLATILITY}). */
export function sectorAnnualVolatility(sector: string | null | undefined): number {
  const recognised = recogniseSector(sector);
  return recognised ? SECTOR_ANNUAL_VOLATILITY[recognised] : UNKNOWN_SECTOR_ANNUAL_VOLATILITY;
}
