import { describe, expect, it } from 'vitest';
import { documentIdOf, REAL_COMPANIES, realCompaniesIndex } from './real-companies.fixture.js';
import { search } from './search.js';

/** The highlighted text of `symbol`'s hit for `query`, per field. */
function highlighted(query: string, symbol: string): { symbol: string[]; name: string[] } {
  const hit = search(realCompaniesIndex, query, { limit: 50 }).hits.find((h) => h.documentId === documentIdOf(symbol));
  if (!hit) throw new Error(`${symbol} is not a hit for ${query}`);
  const company = REAL_COMPANIES[hit.documentId]!;
  const texts = (field: 'symbol' | 'name') => (hit.highlights.find((h) => h.field === field)?.ranges ?? []).map(([start, end]) => company[field].slice(start, end));
  return { symbol: texts('symbol'), name: texts('name') };
}

describe('highlights', () => {
  it('mark the whole symbol for an exact ticker', () => {
    expect(highlighted('brk-b', 'BRK.B').symbol).toEqual(['BRK.B']);
    expect(highlighted('f', 'F').symbol).toEqual(['F']);
  });

  it('mark the typed start of the symbol for a ticker prefix, skipping the class dot', () => {
    expect(highlighted('goo', 'GOOGL').symbol).toEqual(['GOO']);
    expect(highlighted('brkb', 'BRK.B').symbol).toEqual(['BRK.B']);
  });

  it('mark only the typed part of a completed word: "micros" → Micros|oft', () => {
    expect(highlighted('micros', 'MSFT').name).toEqual(['Micros']);
  });

  it('map folded accents back to the original text: "estee" → Estée', () => {
    expect(highlighted('estee', 'EL').name).toEqual(['Estée']);
  });

  it('mark the whole original word for a typo match: "mircosoft" → Microsoft', () => {
    expect(highlighted('mircosoft', 'MSFT').name).toEqual(['Microsoft']);
  });

  it('mark every matched word, merging neighbours joined by punctuation: "coca cola" → Coca-Cola', () => {
    expect(highlighted('coca cola', 'KO').name).toEqual(['Coca-Cola']);
    expect(highlighted('at&t', 'T').name).toEqual(['AT&T']);
  });

  it('mark words matched in any order: "class c alphabet"', () => {
    expect(highlighted('class c alphabet', 'GOOG').name).toEqual(['Alphabet', 'Class', 'C']);
  });

  it('give ascending, non-overlapping ranges inside the string, for every hit of many queries', () => {
    for (const query of ['f', 'ge', 'micro', 'johnson & johnson', 'estée', 'brown–forman', "o'reilly", 'bank of am', 'alphabet inc']) {
      for (const hit of search(realCompaniesIndex, query, { limit: 50 }).hits) {
        for (const { field, ranges } of hit.highlights) {
          const text = REAL_COMPANIES[hit.documentId]![field];
          let previousEnd = -1;
          for (const [start, end] of ranges) {
            expect(start).toBeGreaterThan(previousEnd);
            expect(end).toBeGreaterThan(start);
            expect(end).toBeLessThanOrEqual(text.length);
            previousEnd = end;
          }
        }
      }
    }
  });
});
