import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from './build-index.js';
import { realCompaniesIndex, symbolsFor } from './real-companies.fixture.js';
import { search } from './search.js';
import type { SearchDocument } from './types.js';

describe('ties', () => {
  it('are broken by market cap: "alphabet" ranks GOOGL (bigger) above GOOG', () => {
    const [first, second] = search(realCompaniesIndex, 'alphabet', { limit: 2 }).hits;
    expect(first!.score).toBe(second!.score);
    expect(symbolsFor('alphabet')).toEqual(['GOOGL', 'GOOG']);
  });

  it('are broken by market cap across names: "automobile" ranks Tesla, General Motors, Ford', () => {
    expect(symbolsFor('automobile').slice(0, 3)).toEqual(['TSLA', 'GM', 'F']);
  });

  it('are broken by symbol A→Z when market caps are equal too', () => {
    const documents: SearchDocument[] = ['ZETA', 'ALFA', 'MIKE'].map((symbol) => ({ symbol, name: 'Acme Widgets', industry: null, sector: null, marketCap: 10 }));
    const index = buildSearchIndex(documents);
    expect(search(index, 'acme', { limit: 3 }).hits.map((h) => documents[h.documentId]!.symbol)).toEqual(['ALFA', 'MIKE', 'ZETA']);
  });
});

describe('BM25 over fields', () => {
  const documents: SearchDocument[] = [
    { symbol: 'IND', name: 'Zephyr Holdings', industry: 'Semiconductors', sector: 'Information Technology', marketCap: 1e12 },
    { symbol: 'NAME', name: 'Semiconductors United', industry: 'Banks', sector: 'Financials', marketCap: 1 },
    { symbol: 'SHORT', name: 'Harbor', industry: 'Banks', sector: 'Financials', marketCap: 1 },
    { symbol: 'LONG', name: 'Harbor Regional Savings Trust', industry: 'Banks', sector: 'Financials', marketCap: 1e12 },
  ];
  const index = buildSearchIndex(documents);
  const order = (query: string) => search(index, query, { limit: 10 }).hits.map((h) => documents[h.documentId]!.symbol);

  it('a word in the name outweighs the same word in the industry, whatever the market caps', () => {
    expect(order('semiconductors')).toEqual(['NAME', 'IND']);
  });

  it('a match in a shorter name ranks higher (length normalization)', () => {
    expect(order('harbor')).toEqual(['SHORT', 'LONG']);
  });

  it('the sector is searchable, with the lowest weight', () => {
    expect(order('financials')).toEqual(expect.arrayContaining(['NAME', 'SHORT', 'LONG']));
  });
});

describe('scores', () => {
  it('are finite and do not increase down the hits', () => {
    for (const query of ['f', 'ge', 'micro', 'bank', 'general', 'technology']) {
      const scores = search(realCompaniesIndex, query, { limit: 50 }).hits.map((h) => h.score);
      expect(scores.every(Number.isFinite)).toBe(true);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });
});
