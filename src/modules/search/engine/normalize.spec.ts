import { describe, expect, it } from 'vitest';
import { MAX_WORD_LENGTH, tickerCompactKey, tickerLiteralKey, tokenizeText } from './normalize.js';

const words = (text: string) => tokenizeText(text).words.map((w) => w.text);
const compounds = (text: string) => tokenizeText(text).compounds.map((c) => c.token.text);

describe('tokenizeText', () => {
  it('lower-cases and folds accents, ligatures and full-width forms', () => {
    expect(words('Estée Lauder')).toEqual(['estee', 'lauder']);
    expect(words('ÉCOLE ﬁnance Ａｐｐｌｅ Straße Øresund')).toEqual(['ecole', 'finance', 'apple', 'strasse', 'oresund']);
  });

  it('folds decomposed accents (e + combining acute) the same as precomposed ones', () => {
    expect(words('Este\u0301e')).toEqual(words('Estée'));
  });

  it('turns & into the word "and"', () => {
    expect(words('Procter & Gamble')).toEqual(['procter', 'and', 'gamble']);
    expect(words('Procter and Gamble')).toEqual(['procter', 'and', 'gamble']);
  });

  it('splits on hyphens, dashes, dots and apostrophes but also glues the pieces into a compound', () => {
    expect(words('Coca-Cola')).toEqual(['coca', 'cola']);
    expect(compounds('Coca-Cola')).toEqual(['cocacola']);
    expect(compounds('Brown–Forman')).toEqual(['brownforman']);
    expect(compounds("McDonald's")).toEqual(['mcdonalds']);
    expect(compounds('O’Reilly Automotive')).toEqual(['oreilly']);
    expect(compounds('U.S. Bancorp')).toEqual(['us']);
  });

  it('keeps a possessive s in the compound but not as a word of its own, so "s" does not match every possessive', () => {
    expect(words("McDonald's")).toEqual(['mcdonald']);
    expect(words('O’Reilly')).toEqual(['o', 'reilly']);
    expect(tokenizeText("McDonald's").compounds[0]).toMatchObject({ firstWord: 0, lastWord: 0 });
  });

  it('keeps the ampersand out of the compound: AT&T glues to att', () => {
    expect(words('AT&T')).toEqual(['at', 'and', 't']);
    expect(compounds('AT&T')).toEqual(['att']);
  });

  it('does not glue across whitespace', () => {
    expect(compounds('coca cola')).toEqual([]);
  });

  it('keeps digits with letters: 3M and L3Harris are single words', () => {
    expect(words('3M')).toEqual(['3m']);
    expect(words('L3Harris')).toEqual(['l3harris']);
  });

  it('drops parentheses and trailing dots', () => {
    expect(words('Alphabet Inc. (Class A)')).toEqual(['alphabet', 'inc', 'class', 'a']);
  });

  it('maps every normalized character back to its original offset', () => {
    const name = 'Estée Lauder Companies (The)';
    const [estee, lauder] = tokenizeText(name).words;
    expect(name.slice(estee!.start, estee!.end)).toBe('Estée');
    expect(name.slice(lauder!.start, lauder!.end)).toBe('Lauder');
    expect(estee!.charEnds).toEqual([1, 2, 3, 4, 5]);
  });

  it('maps a character that expands (ß → ss) to the same original end for both letters', () => {
    const [word] = tokenizeText('Straße').words;
    expect(word!.text).toBe('strasse');
    expect(word!.charEnds).toEqual([1, 2, 3, 4, 5, 5, 6]);
  });

  it('cuts words longer than the maximum at index and query time alike', () => {
    const [word] = tokenizeText('x'.repeat(200)).words;
    expect(word!.text).toHaveLength(MAX_WORD_LENGTH);
    expect(word!.charEnds).toHaveLength(MAX_WORD_LENGTH);
  });

  it('treats emoji, lone surrogates and control characters as separators without throwing', () => {
    expect(words('foo😀bar \ud800baz\u0000qux')).toEqual(['foo', 'bar', 'baz', 'qux']);
    expect(words('   ')).toEqual([]);
  });
});

describe('ticker keys', () => {
  it('reads BRK.B, brk-b, brk b and $brk.b alike', () => {
    for (const text of ['BRK.B', 'brk-b', 'brk b', '$brk.b', ' BRK/B ']) expect(tickerLiteralKey(text)).toBe('brk.b');
  });

  it('drops separators in the compact key', () => {
    expect(tickerCompactKey(tickerLiteralKey('BRK.B'))).toBe('brkb');
  });
});
