/**
 * Turns a query string into what the scorer needs: query words, the units to look up (each word plus
 * glued neighbours), which words are required, and the ticker keys. Independent of any index, so results
 * are cached process-wide in a bounded LRU: search boxes send the same prefixes over and over.
 */
import { isLowValueWord } from './low-value-words.js';
import { LruCache } from '../../../lib/lru-cache.js';
import { MAX_WORD_LENGTH, tickerCompactKey, tickerLiteralKey, tokenizeText } from './normalize.js';
import { typoBudget } from './typo-budget.js';

/** Something to look up in the vocabulary; matching it satisfies the query words in `words`. */
export interface QueryUnit {
  text: string;
  /** Bit i set for query word i. */
  words: number;
  /** Whether terms that merely start with `text` match (the last word, still being typed). */
  allowPrefix: boolean;
  typoBudget: number;
}

export interface ParsedQuery {
  /** Single words first, then glued compounds and neighbour pairs (`coca cola` → `cocacola`). */
  units: QueryUnit[];
  wordCount: number;
  /** Words that must match. Low-value words are optional unless the query has nothing else. */
  requiredWords: number;
  /** Low-value words: optional, but a document matching them ranks above one that does not. */
  optionalWords: number;
  /** `brk.b` for `BRK-B`; '' when the query has no letters or digits. */
  tickerLiteral: string;
  /** `brkb`. */
  tickerCompact: string;
  /**
   * Whether the query is one token (no whitespace inside). Only then may the compact key equal a ticker
   * (`brkb`; `brk b` already equals `brk.b` literally, and `on on` should not be ONON).
   */
  singleToken: boolean;
  /** Whether tickers starting with the query count (a single token, still being typed). */
  tickerPrefix: boolean;
}

/**
 * Query words looked at; the rest are ignored. Meilisearch does the same (10) for the same reason: more
 * words add cost but almost never change which stock is meant.
 * @default 10
 */
export const MAX_QUERY_WORDS = 10;

/**
 * Characters of the query read; longer input is cut. Bounds the work junk input can cause.
 * @default 256
 */
export const MAX_QUERY_CHARACTERS = 256;

/**
 * Parsed queries kept. 1,000 covers the head of a search box's traffic (short prefixes repeat a lot) at a
 * few hundred KB.
 * @default 1000
 */
export const QUERY_CACHE_SIZE = 1000;

const EMPTY: ParsedQuery = { units: [], wordCount: 0, requiredWords: 0, optionalWords: 0, tickerLiteral: '', tickerCompact: '', singleToken: false, tickerPrefix: false };

export function parseQuery(query: string): ParsedQuery {
  const text = String(query).slice(0, MAX_QUERY_CHARACTERS);
  const tokenized = tokenizeText(text);
  const words = tokenized.words.slice(0, MAX_QUERY_WORDS);
  const tickerLiteral = tickerLiteralKey(text);
  if (words.length === 0 && tickerLiteral === '') return EMPTY;

  // A trailing space says the last word is complete (as in Meilisearch): no prefix completion for it.
  // Neither is the last word kept when more were cut off: it is not the one being typed.
  const lastIsPrefix = !/[\s\p{Z}]$/u.test(text) && tokenized.words.length <= MAX_QUERY_WORDS;
  const lastWord = words.length - 1;
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  const addUnit = (unitText: string, firstWord: number, lastUnitWord: number) => {
    const allowPrefix = lastIsPrefix && lastUnitWord === lastWord;
    const key = `${allowPrefix ? '>' : '='}${unitText}`;
    if (seen.has(key)) {
      // The same text twice (`johnson & johnson`) still has to satisfy each word it stands for.
      const existing = units.find((u) => u.text === unitText && u.allowPrefix === allowPrefix)!;
      existing.words |= wordBits(firstWord, lastUnitWord);
      return;
    }
    seen.add(key);
    // A glued form allows one typo less per extra word it joins (Meilisearch's rule for n-grams): gluing
    // already bends the query, and long glued strings would otherwise match almost anything.
    const budget = Math.max(0, typoBudget(unitText.length) - (lastUnitWord - firstWord));
    units.push({ text: unitText, words: wordBits(firstWord, lastUnitWord), allowPrefix, typoBudget: budget });
  };
  words.forEach((word, i) => addUnit(word.text, i, i));
  // Glued forms find names written as one word (`exxon mobil` → ExxonMobil, `jp morgan` → JPMorgan).
  for (const { token, firstWord, lastWord: last } of tokenized.compounds) if (last <= lastWord) addUnit(token.text, firstWord, last);
  for (let i = 0; i < lastWord; i++) {
    const first = words[i]!.text;
    const second = words[i + 1]!.text;
    if (isLowValueWord(first) || isLowValueWord(second)) continue;
    addUnit((first + second).slice(0, MAX_WORD_LENGTH), i, i + 1);
  }

  const singleToken = !/[\s\p{Z}]/u.test(text.trim());
  const everyWord = wordBits(0, lastWord);
  let lowValue = 0;
  words.forEach((word, i) => {
    if (isLowValueWord(word.text)) lowValue |= 1 << i;
  });
  const requiredWords = lowValue === everyWord ? everyWord : everyWord & ~lowValue;
  return {
    units,
    wordCount: words.length,
    requiredWords,
    optionalWords: everyWord & ~requiredWords,
    tickerLiteral,
    tickerCompact: tickerCompactKey(tickerLiteral),
    singleToken,
    tickerPrefix: lastIsPrefix && singleToken,
  };
}

function wordBits(first: number, last: number): number {
  let bits = 0;
  for (let i = first; i <= last; i++) bits |= 1 << i;
  return bits;
}

const cache = new LruCache<string, ParsedQuery>(QUERY_CACHE_SIZE);

/** parseQuery through the process-wide LRU. Parsed queries are shared: callers must not modify them. */
export function parseQueryCached(query: string): ParsedQuery {
  const key = String(query).slice(0, MAX_QUERY_CHARACTERS);
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parseQuery(key);
    cache.set(key, parsed);
  }
  return parsed;
}
