import { describe, expect, it } from 'vitest';
import { realCompaniesIndex, symbolsFor } from './real-companies.fixture.js';
import { search } from './search.js';

describe('the last word matches as a prefix', () => {
  it.each([
    ['nvid', 'NVDA'],
    ['micros', 'MSFT'],
    ['berksh', 'BRK.B'],
    ['alphab', 'GOOGL'],
    ['berkshire hath', 'BRK.B'],
    ['t-mob', 'TMUS'],
  ])('searching %j ranks %s first', (query, symbol) => {
    expect(symbolsFor(query)[0]).toBe(symbol);
  });

  it('searching "micro" ranks the whole word (Advanced Micro Devices) above its completions', () => {
    expect(symbolsFor('micro')[0]).toBe('AMD');
    expect(symbolsFor('micro')).toEqual(expect.arrayContaining(['MSFT', 'MU', 'MCHP']));
  });

  it('earlier words must be whole words: "micro devices" finds AMD but "micr devices" does not', () => {
    expect(symbolsFor('micro devices')).toEqual(['AMD']);
    expect(symbolsFor('micr devices')).not.toContain('MSFT');
  });

  it('a trailing space marks the last word complete: "micro " no longer completes to Microsoft', () => {
    expect(symbolsFor('micro ')).not.toContain('MSFT');
  });
});

describe('multi-word queries', () => {
  it('need every word: "general motors" is General Motors only', () => {
    expect(symbolsFor('general motors')).toEqual(['GM']);
  });

  it('match words in any order: "motors general" and "america bank"', () => {
    expect(symbolsFor('motors general')).toEqual(['GM']);
    expect(symbolsFor('america bank')[0]).toBe('BAC');
  });

  it('can match a word in the industry: "nvidia semiconductors", "valero oil"', () => {
    expect(symbolsFor('nvidia semiconductors')).toEqual(['NVDA']);
    expect(symbolsFor('valero oil')).toEqual(['VLO']);
  });

  it('fall back to the best partial matches, most words first, when nothing matches them all', () => {
    const outcome = search(realCompaniesIndex, 'tesla motors', { limit: 10 });
    expect(outcome.total).toBeGreaterThan(1);
    expect(symbolsFor('tesla motors')[0]).toBe('TSLA');
    expect(symbolsFor('tesla motors')).toContain('GM');
  });

  it('glue neighbouring words to meet names written as one: "jp morgan", "exxon mobil", "delta airlines"', () => {
    expect(symbolsFor('jp morgan')[0]).toBe('JPM');
    expect(symbolsFor('exxon mobil')[0]).toBe('XOM');
    expect(symbolsFor('exxon mobil')).not.toContain('TMUS');
    expect(symbolsFor('delta airlines')[0]).toBe('DAL');
  });
});

describe('low-value words', () => {
  it('are optional: "nvidia corp" still finds Nvidia, listed without Corp', () => {
    expect(symbolsFor('nvidia corp')).toEqual(['NVDA']);
  });

  it('never outrank meaningful words: "ford company" ranks Ford above other companies', () => {
    expect(symbolsFor('ford company')).toEqual(['F']);
  });

  it('still break ties: "johnson & johnson" ranks J&J above Johnson Controls', () => {
    expect(symbolsFor('johnson & johnson')[0]).toBe('JNJ');
    expect(symbolsFor('johnson and johnson')[0]).toBe('JNJ');
  });

  it('still match when the query has nothing else: "the" finds the names ending in (The)', () => {
    expect(symbolsFor('the').sort()).toEqual(['EL', 'KO']);
  });

  it('are kept for class shares: "alphabet class c" is GOOG and "alphabet class a" GOOGL', () => {
    expect(symbolsFor('alphabet class c')[0]).toBe('GOOG');
    expect(symbolsFor('alphabet class a')[0]).toBe('GOOGL');
  });
});
