import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATCH_EXACT, MATCH_PREFIX, MATCH_TYPO_WORD, TermCandidates } from './term-candidates.js';
import { TermMatcher } from './term-matcher.js';
import { typoBudget } from './typo-budget.js';
import { VocabularyTrie } from './vocabulary-trie.js';

const VOCABULARY = ['apple', 'applied', 'berkshire', 'ford', 'fort', 'hathaway', 'micro', 'microchip', 'micron', 'microsoft', 'nvidia', 'visa', 'walmart'].sort();
const trie = new VocabularyTrie(VOCABULARY);
const KIND_NAMES = { [MATCH_EXACT]: 'exact', [MATCH_PREFIX]: 'prefix', [MATCH_TYPO_WORD]: 'typo' } as Record<number, string>;

/** Every matched term as "term:kind:typos", sorted. */
function matches(word: string, allowPrefix: boolean, budget = typoBudget(word.length), vocabulary = VOCABULARY, index = trie): string[] {
  const out = new TermCandidates();
  new TermMatcher(index).collect(word, budget, allowPrefix, out);
  const found: string[] = [];
  for (let c = 0; c < out.count; c++) {
    for (let t = out.termStart[c]!; t < out.termEnd[c]!; t++) found.push(`${vocabulary[t]}:${KIND_NAMES[out.kind[c]!]}:${out.typos[c]}`);
  }
  return found.sort();
}

/** Optimal string alignment distance, the reference the automaton must agree with. */
function damerau(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('VocabularyTrie', () => {
  it('gives every node the contiguous range of term ids below it', () => {
    const node = trie.find('micro');
    expect(VOCABULARY.slice(trie.rangeStart[node]!, trie.rangeEnd[node]!)).toEqual(['micro', 'microchip', 'micron', 'microsoft']);
    expect(trie.find('xyz')).toBe(-1);
  });

  it('handles an empty vocabulary', () => {
    const empty = new VocabularyTrie([]);
    expect(empty.find('a')).toBe(-1);
    expect(empty.maxDepth).toBe(0);
  });
});

describe('TermMatcher', () => {
  it('matching "micro" as the last word finds the word itself exactly and its completions as prefixes', () => {
    expect(matches('micro', true, 0)).toEqual(['micro:exact:0', 'microchip:prefix:0', 'micron:prefix:0', 'microsoft:prefix:0']);
  });

  it('matching an earlier word takes whole words only', () => {
    expect(matches('micro', false, 0)).toEqual(['micro:exact:0']);
  });

  it('a 4-letter word allows no typo: "fird" does not find "ford"', () => {
    expect(matches('fird', false)).toEqual([]);
  });

  it('a 5-letter word allows one typo: "appel" finds "apple" (a transposition)', () => {
    expect(matches('appel', false)).toEqual(['apple:typo:1']);
  });

  it('a 5–8 letter word does not allow two typos: "hathwy" misses "hathaway"', () => {
    expect(matches('hathwy', true)).toEqual([]);
    expect(matches('hathawy', false)).toEqual(['hathaway:typo:1']);
  });

  it('a 9+ letter word allows two typos: "microsfto" finds "microsoft"', () => {
    expect(matches('microsfto', false)).toEqual(['microsoft:typo:2']);
  });

  it('counts a transposition as one edit: "mircosoft" and "nvidai"', () => {
    expect(matches('mircosoft', false)).toEqual(['microsoft:typo:1']);
    expect(matches('nvidai', false)).toEqual(['nvidia:typo:1']);
  });

  it('counts a typo on the first letter as two, as Meilisearch does', () => {
    expect(matches('bvidia', false)).toEqual([]);
    expect(matches('qerkshire', false)).toEqual(['berkshire:typo:2']);
  });

  it('lets the last word match a prefix within its typo budget: "micros" completes microsoft and nearly micron', () => {
    expect(matches('micros', true)).toEqual(['micro:typo:1', 'microchip:prefix:1', 'micron:typo:1', 'microsoft:prefix:0']);
  });

  it('agrees with a reference Damerau–Levenshtein on whole words for random words', () => {
    const letters = fc.constantFrom(...'abcdeimnorst');
    const word = fc.array(letters, { minLength: 1, maxLength: 10 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 30 }), word, fc.constantFrom(1, 2), (terms, query, budget) => {
        const vocabulary = [...terms].sort();
        const index = new VocabularyTrie(vocabulary);
        const expected = vocabulary
          .map((term) => {
            // The first-letter rule: another first letter costs two typos and must be the only edit.
            const distance = damerau(query, term);
            const typos = term[0] === query[0] ? distance : distance + 1;
            return { term, typos, ok: term[0] === query[0] ? distance <= budget : distance <= budget - 1 };
          })
          .filter((e) => e.ok)
          .map((e) => `${e.term}:${e.typos === 0 ? 'exact' : 'typo'}:${e.typos}`)
          .sort();
        expect(matches(query, false, budget, vocabulary, index)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
