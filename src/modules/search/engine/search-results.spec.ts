import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from './build-index.js';
import { documentIdOf, REAL_COMPANIES, realCompaniesIndex, symbolsFor } from './real-companies.fixture.js';
import { search } from './search.js';

describe('total and facets', () => {
  it('count every match, not only the returned hits', () => {
    const outcome = search(realCompaniesIndex, 'semiconductors', { limit: 2 });
    expect(outcome.hits).toHaveLength(2);
    expect(outcome.total).toBe(6);
    expect(outcome.facets).toEqual([{ sector: 'Information Technology', count: 6 }]);
  });

  it('sort sectors by count, then name, and leave out documents without a sector', () => {
    const outcome = search(realCompaniesIndex, 'g', { limit: 0 });
    const counts = outcome.facets.map((f) => f.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (let i = 1; i < outcome.facets.length; i++) {
      const [a, b] = [outcome.facets[i - 1]!, outcome.facets[i]!];
      if (a.count === b.count) expect(a.sector < b.sector).toBe(true);
    }
    expect(outcome.facets.reduce((sum, f) => sum + f.count, 0)).toBeLessThanOrEqual(outcome.total);
    const widgets = search(realCompaniesIndex, 'zeta widgets', { limit: 10 });
    expect(widgets).toMatchObject({ total: 1, facets: [] });
  });

  it('apply the filter to hits, total and facets alike', () => {
    const financials = new Set(REAL_COMPANIES.flatMap((c, id) => (c.sector === 'Financials' ? [id] : [])));
    const all = search(realCompaniesIndex, 'f', { limit: 100 });
    const filtered = search(realCompaniesIndex, 'f', { limit: 100, filter: (id) => financials.has(id) });
    expect(filtered.hits.every((h) => financials.has(h.documentId))).toBe(true);
    expect(filtered.total).toBe(all.facets.find((f) => f.sector === 'Financials')!.count);
    expect(filtered.facets).toEqual([{ sector: 'Financials', count: filtered.total }]);
  });

  it('decide between all-words and partial matches among the documents the filter keeps', () => {
    // Only General Motors has both words; without it, the partial matches come back.
    const withoutGm = search(realCompaniesIndex, 'general motors', { limit: 10, filter: (id) => id !== documentIdOf('GM') });
    expect(withoutGm.total).toBeGreaterThan(0);
    expect(withoutGm.hits.map((h) => REAL_COMPANIES[h.documentId]!.symbol)).toContain('GE');
  });
});

describe('limits and empty queries', () => {
  it('return at most limit hits, and none for a limit of 0 or less', () => {
    expect(symbolsFor('f', { limit: 3 })).toHaveLength(3);
    expect(search(realCompaniesIndex, 'f', { limit: 0 }).hits).toEqual([]);
    expect(search(realCompaniesIndex, 'f', { limit: -5 }).total).toBeGreaterThan(0);
    expect(search(realCompaniesIndex, 'f', { limit: Number.NaN }).hits).toEqual([]);
    expect(search(realCompaniesIndex, 'f', { limit: Number.POSITIVE_INFINITY }).hits.length).toBe(search(realCompaniesIndex, 'f', { limit: 0 }).total);
  });

  it.each(['', '   ', '\t\n', '...', '()'])('searching %j returns nothing', (query) => {
    expect(search(realCompaniesIndex, query, { limit: 10 })).toEqual({ hits: [], total: 0, facets: [] });
  });

  it('searching an empty index returns nothing', () => {
    expect(search(buildSearchIndex([]), 'anything', { limit: 10 })).toEqual({ hits: [], total: 0, facets: [] });
  });

  it('a filter that searches the same index does not disturb the outer search', () => {
    const plain = search(realCompaniesIndex, 'micro', { limit: 10 });
    const nested = search(realCompaniesIndex, 'micro', { limit: 10, filter: () => search(realCompaniesIndex, 'bank', { limit: 1 }).total > 0 });
    expect(nested).toEqual(plain);
  });

  it('refuses an index it did not build', () => {
    expect(() => search({ documentCount: 0, vocabularySize: 0, memoryBytes: 0 }, 'x', { limit: 1 })).toThrow(TypeError);
  });
});
