import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from './build-index.js';
import { symbolsFor } from './real-companies.fixture.js';
import { search } from './search.js';
import type { SearchDocument } from './types.js';

describe('typo budget (Meilisearch defaults)', () => {
  it('a 4-letter word with one typo does not match: "fird" finds no Ford', () => {
    expect(symbolsFor('fird')).toEqual([]);
  });

  it('a 5-letter word with one typo matches: "nvdia" finds Nvidia, "tezla" finds Tesla', () => {
    expect(symbolsFor('nvdia')[0]).toBe('NVDA');
    expect(symbolsFor('tezla ')[0]).toBe('TSLA');
  });

  it('an 8-letter word with two typos does not match: "hatahwya" (two transpositions) finds no Hathaway', () => {
    expect(symbolsFor('hatahwya')).toEqual([]);
    expect(symbolsFor('hathawya')[0]).toBe('BRK.B');
  });

  it('two typos need 9 or more letters: "microsfto" finds Microsoft', () => {
    expect(symbolsFor('microsfto')[0]).toBe('MSFT');
  });

  it('counts a transposition as one edit: "mircosoft", "nvidai", "pepsico" → "pespico"', () => {
    expect(symbolsFor('mircosoft')[0]).toBe('MSFT');
    expect(symbolsFor('nvidai')[0]).toBe('NVDA');
    expect(symbolsFor('pespico')[0]).toBe('PEP');
  });

  it('forgives typos in every word of a multi-word query: "berkshire hathway", "proctor & gamble"', () => {
    expect(symbolsFor('berkshire hathway')[0]).toBe('BRK.B');
    expect(symbolsFor('proctor & gamble')[0]).toBe('PG');
    expect(symbolsFor('estee luader')[0]).toBe('EL');
  });
});

describe('exact word > prefix > typo', () => {
  const documents: SearchDocument[] = [
    { symbol: 'TYPO', name: 'Acme Widgez', industry: null, sector: null, marketCap: 900 },
    { symbol: 'PRFX', name: 'Acme Widgets', industry: null, sector: null, marketCap: 500 },
    { symbol: 'EXCT', name: 'Acme Widget', industry: null, sector: null, marketCap: 100 },
  ];
  const index = buildSearchIndex(documents);
  const order = (query: string) => search(index, query, { limit: 10 }).hits.map((h) => documents[h.documentId]!.symbol);

  it('searching "widget" ranks the exact word, then the completion, then the typo, whatever their market caps', () => {
    expect(order('widget')).toEqual(['EXCT', 'PRFX', 'TYPO']);
  });

  it('fewer typos rank higher: "mastercard" ranks Mastercard, then one typo away, then two', () => {
    const docs: SearchDocument[] = [
      { symbol: 'TWO', name: 'Mastrecadr', industry: null, sector: null, marketCap: 900 },
      { symbol: 'ONE', name: 'Mastercadr', industry: null, sector: null, marketCap: 100 },
      { symbol: 'ZERO', name: 'Mastercard', industry: null, sector: null, marketCap: 1 },
    ];
    const idx = buildSearchIndex(docs);
    expect(search(idx, 'mastercard ', { limit: 10 }).hits.map((h) => docs[h.documentId]!.symbol)).toEqual(['ZERO', 'ONE', 'TWO']);
  });
});
