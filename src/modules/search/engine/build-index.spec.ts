import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from './build-index.js';
import { REAL_COMPANIES, realCompaniesIndex } from './real-companies.fixture.js';
import { search } from './search.js';

describe('buildSearchIndex', () => {
  it('reports its size', () => {
    expect(realCompaniesIndex.documentCount).toBe(REAL_COMPANIES.length);
    expect(realCompaniesIndex.vocabularySize).toBeGreaterThan(REAL_COMPANIES.length);
    expect(realCompaniesIndex.memoryBytes).toBeGreaterThan(realCompaniesIndex.vocabularySize * 8);
  });

  it('builds an empty index', () => {
    const empty = buildSearchIndex([]);
    expect(empty).toMatchObject({ documentCount: 0, vocabularySize: 0 });
  });

  it('accepts odd documents: empty names, a non-finite market cap, a repeated symbol', () => {
    const index = buildSearchIndex([
      { symbol: 'AAA', name: '', industry: '', sector: '', marketCap: Number.NaN },
      { symbol: 'DUP', name: 'Duplicate One', industry: null, sector: null, marketCap: Number.POSITIVE_INFINITY },
      { symbol: 'DUP', name: 'Duplicate Two', industry: null, sector: null, marketCap: 5 },
    ]);
    expect(search(index, 'aaa', { limit: 5 }).hits.map((h) => h.documentId)).toEqual([0]);
    expect(search(index, 'dup', { limit: 5 }).hits.map((h) => h.documentId)).toEqual([2, 1]);
  });

  it('does not depend on document order for ranking', () => {
    const reversed = [...REAL_COMPANIES].reverse();
    const index = buildSearchIndex(reversed);
    for (const query of ['f', 'micro', 'bank', 'general motors', 'alphabet']) {
      const forward = search(realCompaniesIndex, query, { limit: 10 }).hits.map((h) => REAL_COMPANIES[h.documentId]!.symbol);
      const backward = search(index, query, { limit: 10 }).hits.map((h) => reversed[h.documentId]!.symbol);
      expect(backward).toEqual(forward);
    }
  });
});
