import { describe, expect, it } from 'vitest';
import { symbolsFor } from './real-companies.fixture.js';

describe('the same normalization at index and query time', () => {
  it.each(['estee', 'Estée', 'ESTEE LAUDER', 'estée lauder', 'Este\u0301e'])('searching %j finds Estée Lauder', (query) => {
    expect(symbolsFor(query)[0]).toBe('EL');
  });

  it.each(['procter and gamble', 'procter & gamble', 'Procter&Gamble', 'procter gamble'])('searching %j finds Procter & Gamble', (query) => {
    expect(symbolsFor(query)[0]).toBe('PG');
  });

  it.each(['at&t', 'att', 'at t', 'AT & T', 'at and t'])('searching %j finds AT&T', (query) => {
    expect(symbolsFor(query)[0]).toBe('T');
  });

  it.each(['coca-cola', 'coca cola', 'cocacola', 'Coca–Cola', 'coca-cola company'])('searching %j finds Coca-Cola', (query) => {
    expect(symbolsFor(query)[0]).toBe('KO');
  });

  it.each(['brown-forman', 'brown forman', 'brownforman'])('searching %j finds Brown–Forman (listed with an en dash), not Brown & Brown', (query) => {
    expect(symbolsFor(query)[0]).toBe('BF.B');
  });

  it.each(["mcdonald's", 'mcdonalds', 'mcdonald', "o'reilly", 'oreilly', 'reilly automotive'])('searching %j finds the apostrophe name', (query) => {
    expect(symbolsFor(query)[0]).toBe(query.includes('reilly') ? 'ORLY' : 'MCD');
  });

  it('searching "3m" finds 3M', () => {
    expect(symbolsFor('3m')[0]).toBe('MMM');
  });

  it('parentheses and Inc. do not get in the way: "alphabet inc class a", "(class c)"', () => {
    expect(symbolsFor('alphabet inc class a')[0]).toBe('GOOGL');
    expect(symbolsFor('alphabet (class c)')[0]).toBe('GOOG');
  });
});
