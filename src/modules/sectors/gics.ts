/**
 * The 11 GICS sectors. Sector names are stored canonically, so input is matched case-insensitively here.
 */
export const GICS_SECTORS = [
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Energy',
  'Financials',
  'Health Care',
  'Industrials',
  'Information Technology',
  'Materials',
  'Real Estate',
  'Utilities',
] as const;
export type GicsSector = (typeof GICS_SECTORS)[number];

const byLowerCase = new Map<string, GicsSector>(GICS_SECTORS.map((s) => [s.toLowerCase(), s]));

/** The canonical GICS sector for `name` (case and surrounding space ignored), or null when it is none. */
export function canonicalSector(name: string): GicsSector | null {
  return byLowerCase.get(name.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null;
}
