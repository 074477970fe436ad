import { describe, expect, it } from 'vitest';
import { symbolsFor } from './real-companies.fixture.js';

describe('exact tickers rank first', () => {
  it.each([
    ['f', 'F'],
    ['t', 'T'],
    ['v', 'V'],
    ['ge', 'GE'],
    ['GE', 'GE'],
    ['Nvda', 'NVDA'],
    ['ko', 'KO'],
    ['$msft', 'MSFT'],
  ])('searching %j ranks %s first, although the letters start many names', (query, symbol) => {
    expect(symbolsFor(query)[0]).toBe(symbol);
  });

  it.each(['brk.b', 'BRK.B', 'brk-b', 'brk b', 'brkb', 'brk/b'])('searching %j ranks the class share BRK.B first', (query) => {
    expect(symbolsFor(query)[0]).toBe('BRK.B');
  });

  it.each(['bf.b', 'BF-B', 'bf b'])('searching %j ranks BF.B first, not Brown & Brown', (query) => {
    expect(symbolsFor(query)[0]).toBe('BF.B');
  });

  it('searching "goog" ranks the exact GOOG above the bigger GOOGL it prefixes', () => {
    expect(symbolsFor('goog').slice(0, 2)).toEqual(['GOOG', 'GOOGL']);
  });

  it('searching "ge" ranks GE, then the tickers and names that start with or contain ge', () => {
    const symbols = symbolsFor('ge');
    expect(symbols[0]).toBe('GE');
    expect(symbols).toEqual(expect.arrayContaining(['GEHC', 'GEV', 'GM']));
  });
});

describe('ticker prefixes', () => {
  it('searching "brk" finds BRK.B through the start of its ticker', () => {
    expect(symbolsFor('brk')).toEqual(['BRK.B']);
  });

  it('searching "tsl" finds Tesla through its ticker', () => {
    expect(symbolsFor('tsl')[0]).toBe('TSLA');
  });

  it('a ticker prefix needs a single token: "ms ft" is not MSFT', () => {
    expect(symbolsFor('ms ft')).not.toContain('MSFT');
  });
});
