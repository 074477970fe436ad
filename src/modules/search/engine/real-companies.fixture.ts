/**
 * Test fixture for the engine's specs: real companies chosen for the hard cases (one-letter tickers inside
 * many names, class shares, punctuation, accents, shared words, near-miss spellings). Names are written as
 * listed, market caps rounded.
 */
import { buildSearchIndex } from './build-index.js';
import { search } from './search.js';
import type { SearchDocument, SearchOptions } from './types.js';

const B = 1e9;

const company = (symbol: string, name: string, sector: string | null, industry: string | null, marketCap: number): SearchDocument => ({ symbol, name, sector, industry, marketCap });

export const REAL_COMPANIES: readonly SearchDocument[] = [
  company('F', 'Ford Motor Company', 'Consumer Discretionary', 'Automobile Manufacturers', 50 * B),
  company('GM', 'General Motors', 'Consumer Discretionary', 'Automobile Manufacturers', 70 * B),
  company('TSLA', 'Tesla, Inc.', 'Consumer Discretionary', 'Automobile Manufacturers', 1400 * B),
  company('T', 'AT&T', 'Communication Services', 'Integrated Telecommunication Services', 180 * B),
  company('TMUS', 'T-Mobile US', 'Communication Services', 'Wireless Telecommunication Services', 260 * B),
  company('VZ', 'Verizon', 'Communication Services', 'Integrated Telecommunication Services', 170 * B),
  company('V', 'Visa Inc.', 'Financials', 'Transaction & Payment Processing Services', 650 * B),
  company('MA', 'Mastercard', 'Financials', 'Transaction & Payment Processing Services', 520 * B),
  company('GE', 'General Electric', 'Industrials', 'Aerospace & Defense', 320 * B),
  company('GEHC', 'GE HealthCare', 'Health Care', 'Health Care Equipment', 37 * B),
  company('GEV', 'GE Vernova', 'Industrials', 'Heavy Electrical Equipment', 170 * B),
  company('BRK.B', 'Berkshire Hathaway', 'Financials', 'Multi-Sector Holdings', 1070 * B),
  company('BF.B', 'Brown–Forman', 'Consumer Staples', 'Distillers & Vintners', 13 * B),
  company('BRO', 'Brown & Brown', 'Financials', 'Insurance Brokers', 30 * B),
  company('KO', 'Coca-Cola Company (The)', 'Consumer Staples', 'Soft Drinks & Non-alcoholic Beverages', 300 * B),
  company('PEP', 'PepsiCo', 'Consumer Staples', 'Soft Drinks & Non-alcoholic Beverages', 200 * B),
  company('PG', 'Procter & Gamble', 'Consumer Staples', 'Household Products', 350 * B),
  company('EL', 'Estée Lauder Companies (The)', 'Consumer Staples', 'Personal Care Products', 38 * B),
  company('MMM', '3M', 'Industrials', 'Industrial Conglomerates', 90 * B),
  company('NVDA', 'Nvidia', 'Information Technology', 'Semiconductors', 4400 * B),
  company('MSFT', 'Microsoft', 'Information Technology', 'Systems Software', 3600 * B),
  company('MU', 'Micron Technology', 'Information Technology', 'Semiconductors', 240 * B),
  company('MCHP', 'Microchip Technology', 'Information Technology', 'Semiconductors', 35 * B),
  company('AMD', 'Advanced Micro Devices', 'Information Technology', 'Semiconductors', 350 * B),
  company('JNJ', 'Johnson & Johnson', 'Health Care', 'Pharmaceuticals', 490 * B),
  company('JCI', 'Johnson Controls', 'Industrials', 'Building Products', 75 * B),
  company('BAC', 'Bank of America', 'Financials', 'Diversified Banks', 390 * B),
  company('JPM', 'JPMorgan Chase', 'Financials', 'Diversified Banks', 830 * B),
  company('WFC', 'Wells Fargo', 'Financials', 'Diversified Banks', 280 * B),
  company('META', 'Meta Platforms', 'Communication Services', 'Interactive Media & Services', 1650 * B),
  company('GOOGL', 'Alphabet Inc. (Class A)', 'Communication Services', 'Interactive Media & Services', 1830 * B),
  company('GOOG', 'Alphabet Inc. (Class C)', 'Communication Services', 'Interactive Media & Services', 1720 * B),
  company('AAPL', 'Apple Inc.', 'Information Technology', 'Technology Hardware, Storage & Peripherals', 4000 * B),
  company('AMAT', 'Applied Materials', 'Information Technology', 'Semiconductor Materials & Equipment', 180 * B),
  company('XOM', 'ExxonMobil', 'Energy', 'Integrated Oil & Gas', 480 * B),
  company('MCD', "McDonald's", 'Consumer Discretionary', 'Restaurants', 220 * B),
  company('ORLY', 'O’Reilly Automotive', 'Consumer Discretionary', 'Automotive Retail', 80 * B),
  company('DAL', 'Delta Air Lines', 'Industrials', 'Passenger Airlines', 40 * B),
  company('UAL', 'United Airlines Holdings', 'Industrials', 'Passenger Airlines', 30 * B),
  company('UNH', 'UnitedHealth Group', 'Health Care', 'Managed Health Care', 300 * B),
  company('FDX', 'FedEx', 'Industrials', 'Air Freight & Logistics', 65 * B),
  company('FAST', 'Fastenal', 'Industrials', 'Trading Companies & Distributors', 45 * B),
  company('TXN', 'Texas Instruments', 'Information Technology', 'Semiconductors', 160 * B),
  company('VLO', 'Valero Energy', 'Energy', 'Oil & Gas Refining & Marketing', 45 * B),
  company('ZWID', 'Zeta Widgets (Unlisted)', null, null, 1 * B),
];

export const realCompaniesIndex = buildSearchIndex(REAL_COMPANIES);

/** Symbols of the hits for `query`, best first. */
export function symbolsFor(query: string, options: Partial<SearchOptions> = {}): string[] {
  return search(realCompaniesIndex, query, { limit: 10, ...options }).hits.map((hit) => REAL_COMPANIES[hit.documentId]!.symbol);
}

/** Position of `symbol` in REAL_COMPANIES, the document id the index gave it. */
export function documentIdOf(symbol: string): number {
  const id = REAL_COMPANIES.findIndex((c) => c.symbol === symbol);
  if (id === -1) throw new Error(`no fixture company ${symbol}`);
  return id;
}
