/**
 * Highlights for a returned hit: which parts of the ORIGINAL symbol and name matched, as UTF-16 ranges
 * for bold text in a UI. Name tokens remember, per normalized character, where it ends in the original
 * string, so `estee` lights up `Estée` and a completed prefix lights up only what was typed (`Micros`oft).
 */
import type { CompiledSearchIndex } from './compiled-index.js';
import type { SearchScratch } from './search-scratch.js';
import { TICKER_COMPACT, TICKER_PREFIX } from './ticker-match.js';
import type { Highlight } from './types.js';

/** Original offset just after the first `compactLength` letters and digits of `symbol`. */
function symbolPrefixEnd(symbol: string, compactLength: number): number {
  let seen = 0;
  for (let i = 0; i < symbol.length; i++) {
    if (/[A-Za-z0-9]/.test(symbol[i]!) && ++seen === compactLength) return i + 1;
  }
  return symbol.length;
}

/** Sorts ranges and merges those that overlap or touch. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function highlightsFor(index: CompiledSearchIndex, scratch: SearchScratch, documentId: number, tickerCompactLength: number): Highlight[] {
  const { symbols, nameTokenOffsets, nameTokenTerm, nameTokenStart, nameTokenCharOffsets, nameCharEnds } = index.parts;
  const highlights: Highlight[] = [];

  const ticker = scratch.documentTicker[documentId]!;
  const symbol = symbols[documentId]!;
  if (ticker >= TICKER_COMPACT && symbol.length > 0) highlights.push({ field: 'symbol', ranges: [[0, symbol.length]] });
  else if (ticker === TICKER_PREFIX) highlights.push({ field: 'symbol', ranges: [[0, symbolPrefixEnd(symbol, tickerCompactLength)]] });

  const ranges: [number, number][] = [];
  for (let token = nameTokenOffsets[documentId]!; token < nameTokenOffsets[documentId + 1]!; token++) {
    const term = nameTokenTerm[token]!;
    if (scratch.termStamp[term] !== scratch.queryGeneration) continue;
    const charStart = nameTokenCharOffsets[token]!;
    const tokenLength = nameTokenCharOffsets[token + 1]! - charStart;
    const length = Math.min(scratch.termHighlightLength[term]!, tokenLength);
    if (length <= 0) continue;
    ranges.push([nameTokenStart[token]!, nameCharEnds[charStart + length - 1]!]);
  }
  if (ranges.length > 0) highlights.push({ field: 'name', ranges: mergeRanges(ranges) });
  return highlights;
}
