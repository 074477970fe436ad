import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REAL_COMPANIES, realCompaniesIndex } from './real-companies.fixture.js';
import { search, searchExhaustively } from './search.js';

const nastyStrings = fc.constantFrom('%', '_', "'; DROP TABLE stocks;--", '.*+?^${}()|[]\\', '😀🚀', '"', '&&&', 'Ⅻ', '\u0000', '\ud800', '\udc00x', 'a'.repeat(200), '- - -', 'brk..b', '$', '&');
// fast-check 4 spells the old fc.fullUnicodeString as fc.string({ unit: 'binary' }); raw UTF-16 units add lone surrogates.
const utf16Units = fc.array(fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), { maxLength: 200 }).map((units) => units.join(''));
const queries = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), utf16Units, nastyStrings);

describe('any query string', () => {
  it('never throws; hits ≤ limit ≤ total; scores finite and non-increasing; highlights inside the text', () => {
    fc.assert(
      fc.property(queries, fc.integer({ min: 0, max: 60 }), (query, limit) => {
        const outcome = search(realCompaniesIndex, query, { limit });
        expect(outcome.hits.length).toBeLessThanOrEqual(limit);
        expect(outcome.total).toBeGreaterThanOrEqual(outcome.hits.length);
        for (let i = 0; i < outcome.hits.length; i++) {
          const hit = outcome.hits[i]!;
          expect(Number.isFinite(hit.score)).toBe(true);
          if (i > 0) expect(hit.score).toBeLessThanOrEqual(outcome.hits[i - 1]!.score);
          for (const { field, ranges } of hit.highlights) {
            for (const [start, end] of ranges) {
              expect(0 <= start && start < end && end <= REAL_COMPANIES[hit.documentId]![field].length).toBe(true);
            }
          }
        }
        expect(outcome.facets.reduce((sum, f) => sum + f.count, 0)).toBeLessThanOrEqual(outcome.total);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same answer twice (no state leaks between queries)', () => {
    fc.assert(
      fc.property(fc.array(queries, { minLength: 2, maxLength: 5 }), (batch) => {
        const first = batch.map((q) => search(realCompaniesIndex, q, { limit: 5 }));
        const second = batch.map((q) => search(realCompaniesIndex, q, { limit: 5 }));
        expect(second).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the shortcut that restricts costly words to documents already found', () => {
  it('never changes the outcome: search equals the exhaustive search for word mixes, prefixes and typos', () => {
    const vocabulary = [...new Set(REAL_COMPANIES.flatMap((c) => `${c.symbol} ${c.name} ${c.industry ?? ''}`.toLowerCase().split(/[\s&().,]+/)))].filter(Boolean);
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((w) => w.slice(0, 1 + (w.length >> 1))),
      fc.constantFrom(...vocabulary).map((w) => (w.length > 5 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : w)),
      fc.constantFrom('a', 'b', 'c', 'g', 'm', 's', 't', 'and', 'inc', 'the'),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.integer({ min: 1, max: 20 }), (words, filtered, limit) => {
        const query = words.join(' ');
        const options = { limit, filter: filtered ? (id: number) => id % 3 !== 0 : undefined };
        expect(search(realCompaniesIndex, query, options)).toEqual(searchExhaustively(realCompaniesIndex, query, options));
      }),
      { numRuns: 1500 },
    );
  });
});
