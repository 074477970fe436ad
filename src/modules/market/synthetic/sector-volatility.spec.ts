import { describe, expect, it } from 'vitest';
import { recogniseSector, sectorAnnualVolatility, UNKNOWN_SECTOR_ANNUAL_VOLATILITY } from './sector-volatility.js';

describe('sector volatility', () => {
  it('recognises GICS and Yahoo sector names alike', () => {
    expect(recogniseSector('Information Technology')).toBe('Information Technology');
    expect(recogniseSector('Technology')).toBe('Information Technology');
    expect(recogniseSector('Consumer Cyclical')).toBe('Consumer Discretionary');
    expect(recogniseSector('consumer defensive')).toBe('Consumer Staples');
    expect(recogniseSector('Healthcare')).toBe('Health Care');
    expect(recogniseSector('Basic Materials')).toBe('Materials');
  });

  it('ranks defensive sectors calmest and Energy wildest', () => {
    expect(sectorAnnualVolatility('Utilities')).toBeLessThan(sectorAnnualVolatility('Financials'));
    expect(sectorAnnualVolatility('Information Technology')).toBeLessThan(sectorAnnualVolatility('Energy'));
  });

  it('gives unknown and missing sectors a generic volatility', () => {
    expect(recogniseSector('Crypto')).toBeNull();
    expect(sectorAnnualVolatility(null)).toBe(UNKNOWN_SECTOR_ANNUAL_VOLATILITY);
    expect(sectorAnnualVolatility('')).toBe(UNKNOWN_SECTOR_ANNUAL_VOLATILITY);
  });
});
