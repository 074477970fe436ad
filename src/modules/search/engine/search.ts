/**
 * One search: parse (cached), match every query unit and the tickers into per-document totals, decide
 * which documents qualify, rank them into a bounded heap, count facets, and build the returned hits.
 * Synchronous and allocation-free per document; only the returned hits and facets (and a few small
 * per-query arrays) are allocated.
 */
import { accumulateMatches } from './accumulate-matches.js';
import { BIT_COUNT } from './bit-count.js';
import { CompiledSearchIndex } from './compiled-index.js';
import { highlightsFor } from './highlights.js';
import { parseQueryCached, type ParsedQuery } from './query-parser.js';
import { compositeScore } from './ranking.js';
import type { SearchScratch } from './search-scratch.js';
import { TICKER_COMPACT, TICKER_LITERAL } from './ticker-match.js';
import { TopHits } from './top-hits.js';
import type { SearchIndex, SearchOptions, SearchOutcome } from './types.js';

export function search(index: SearchIndex, query: string, options: SearchOptions): SearchOutcome {
  return searchWith(index, query, options, true);
}

/**
 * `search` without restricting costly units to already-touched documents: slower, but the plain
 * definition of the results. Only for specs, which check that `search` always returns exactly this.
 */
export function searchExhaustively(index: SearchIndex, query: string, options: SearchOptions): SearchOutcome {
  return searchWith(index, query, options, false);
}

function searchWith(index: SearchIndex, query: string, options: SearchOptions, allowRestriction: boolean): SearchOutcome {
  if (!(index instanceof CompiledSearchIndex)) throw new TypeError('search() needs an index made by buildSearchIndex()');
  const parsed = parseQueryCached(typeof query === 'string' ? query : String(query ?? ''));
  if (parsed.units.length === 0 && parsed.tickerCompact === '') return { hits: [], total: 0, facets: [] };
  const scratch = index.acquireScratch();
  try {
    return run(index, scratch, parsed, options, allowRestriction);
  } finally {
    index.releaseScratch(scratch);
  }
}

function run(index: CompiledSearchIndex, scratch: SearchScratch, parsed: ParsedQuery, options: SearchOptions, allowRestriction: boolean): SearchOutcome {
  const required = parsed.requiredWords;
  const requiredTotal = BIT_COUNT[required]!;
  const filter = options.filter;
  scratch.beginSearch();
  const restricted = accumulateMatches(index, scratch, parsed, allowRestriction);
  let bestRequired = qualify(scratch, parsed, filter);
  if (restricted && bestRequired < requiredTotal) {
    // No document has every required word, so the restriction may have hidden partial matches: redo.
    accumulateMatches(index, scratch, parsed, false, true);
    bestRequired = qualify(scratch, parsed, filter);
  }
  // Every required word when some document has them all; otherwise the best partial matches, most
  // words first (the ranking takes care of the order).
  const needed = bestRequired === requiredTotal ? requiredTotal : 1;
  const { touched, documentWords, documentTicker } = scratch;

  // Pass 2: score qualifying documents, keep the best, count everything.
  const limit = Math.min(index.documentCount, Math.max(0, Math.floor(Number.isNaN(options.limit) ? 0 : options.limit)));
  const { marketCap, symbolRank, documentSector, sectorNames } = index.parts;
  const { documentScore, documentRelevance, documentTypos, documentInexact, sectorCounts } = scratch;
  const top = new TopHits(scratch.heapOfSize(limit), limit, { score: documentScore, marketCap, symbolRank });
  let total = 0;
  for (let i = 0; i < scratch.touchedCount; i++) {
    const documentId = touched[i]!;
    const ticker = documentTicker[documentId]!;
    const words = documentWords[documentId]!;
    const requiredMatched = BIT_COUNT[words & required]!;
    if (ticker < TICKER_COMPACT && (words === 0 || requiredMatched < needed)) continue;
    total++;
    const sector = documentSector[documentId]!;
    if (sector >= 0) sectorCounts[sector]!++;
    documentScore[documentId] = compositeScore(
      ticker === TICKER_LITERAL ? 2 : ticker === TICKER_COMPACT ? 1 : 0,
      requiredMatched,
      BIT_COUNT[words & parsed.optionalWords]!,
      documentTypos[documentId]!,
      documentInexact[documentId]!,
      documentRelevance[documentId]!,
    );
    top.offer(documentId);
  }

  const facets: SearchOutcome['facets'] = [];
  for (let sector = 0; sector < sectorCounts.length; sector++) {
    if (sectorCounts[sector]! > 0) facets.push({ sector: sectorNames[sector]!, count: sectorCounts[sector]! });
    sectorCounts[sector] = 0;
  }
  facets.sort((a, b) => b.count - a.count || (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0));

  const hits = top.sorted().map((documentId) => ({
    documentId,
    score: documentScore[documentId]!,
    highlights: options.highlights === false ? [] : highlightsFor(index, scratch, documentId, parsed.tickerCompact.length),
  }));
  return { hits, total, facets };
}

/**
 * Drops documents the filter rejects (asking it at most once per document per search) and returns the
 * most required words any remaining document matched.
 */
function qualify(scratch: SearchScratch, parsed: ParsedQuery, filter: SearchOptions['filter']): number {
  // Without a filter, scoring kept track of the best count as it went.
  if (!filter) return scratch.bestRequiredMatched;
  const { touched, documentWords, documentTicker } = scratch;
  const required = parsed.requiredWords;
  let bestRequired = 0;
  for (let i = 0; i < scratch.touchedCount; i++) {
    const documentId = touched[i]!;
    const exactTicker = documentTicker[documentId]! >= TICKER_COMPACT;
    const matched = BIT_COUNT[documentWords[documentId]! & required]!;
    if ((matched === 0 && !exactTicker) || !scratch.passesFilter(documentId, filter)) {
      documentWords[documentId] = 0;
      documentTicker[documentId] = 0;
      continue;
    }
    if (matched > bestRequired) bestRequired = matched;
  }
  return bestRequired;
}
