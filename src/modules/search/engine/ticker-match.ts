/**
 * Matches the whole query against tickers: equal (ranked above everything, `f` → F) or, for a single
 * token still being typed, a prefix (`goo` → GOOG, GOOGL). Tickers are looked up by binary search in the
 * compact keys (`brkb`), sorted at build time.
 */
import { BIT_COUNT } from './bit-count.js';
import type { CompiledSearchIndex } from './compiled-index.js';
import type { ParsedQuery } from './query-parser.js';
import { TICKER_PREFIX_BONUS } from './ranking.js';
import type { SearchScratch } from './search-scratch.js';
import { touchDocument } from './score-units.js';

export const TICKER_NONE = 0;
export const TICKER_PREFIX = 1;
/** Equal once separators are dropped: `brkb` for BRK.B. */
export const TICKER_COMPACT = 2;
/** Equal as typed, separators normalized: `brk-b`, `brk b`, `$brk.b` for BRK.B. */
export const TICKER_LITERAL = 3;

/** First position in `sorted` whose key is >= `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Calls `visit` with every document whose ticker the query matches, and how. */
function visitTickerMatches(index: CompiledSearchIndex, query: ParsedQuery, visit: (documentId: number, match: number) => void): void {
  const key = query.tickerCompact;
  if (key === '') return;
  const { sortedTickerKeys, sortedTickerDocuments, tickerLiteral } = index.parts;
  for (let i = lowerBound(sortedTickerKeys, key); i < sortedTickerKeys.length; i++) {
    const ticker = sortedTickerKeys[i]!;
    const equal = ticker === key;
    if (!equal && !(query.tickerPrefix && ticker.startsWith(key))) break;
    const documentId = sortedTickerDocuments[i]!;
    const match = !equal ? TICKER_PREFIX : tickerLiteral[documentId] === query.tickerLiteral ? TICKER_LITERAL : query.singleToken ? TICKER_COMPACT : TICKER_NONE;
    if (match !== TICKER_NONE) visit(documentId, match);
  }
}

/**
 * First half of the ticker match, before the query units run: makes ticker matches part of the results,
 * so units restricted to touched documents still add their words to them.
 */
export function touchTickerMatches(index: CompiledSearchIndex, scratch: SearchScratch, query: ParsedQuery): void {
  visitTickerMatches(index, query, (documentId, match) => {
    touchDocument(scratch, documentId);
    scratch.documentTicker[documentId] = match;
  });
}

/**
 * Second half, after the units: a ticker match stands for every query word. A ticker completion counts as
 * one inexact match unless the words were already matched otherwise, and earns a relevance bonus.
 */
export function completeTickerMatches(index: CompiledSearchIndex, scratch: SearchScratch, query: ParsedQuery): void {
  const allWords = query.wordCount === 0 ? 0 : 2 ** query.wordCount - 1;
  visitTickerMatches(index, query, (documentId, match) => {
    if (match === TICKER_PREFIX) {
      if ((allWords & ~scratch.documentWords[documentId]!) !== 0) scratch.documentInexact[documentId]!++;
      scratch.documentRelevance[documentId]! += TICKER_PREFIX_BONUS;
    }
    scratch.documentWords[documentId] = allWords;
    scratch.bestRequiredMatched = BIT_COUNT[query.requiredWords]!;
  });
}
