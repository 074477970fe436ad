/**
 * One search: parse (cached), match every query unit and the tickers into per-document totals, decide
 * which documents qualify, rank them into a bounded heap, count facets, and build the returned hits.
 * Synchronous and allocation-free per document; only the returned hits and facets are allocated.
 */
import { CompiledSearchIndex } from './compiled-index.js';
import { highlightsFor } from './highlights.js';
import { MAX_QUERY_WORDS, parseQueryCached, type ParsedQuery } from './query-parser.js';
import { compositeScore } from './ranking.js';
import type { SearchScratch } from './search-scratch.js';
import { scoreUnit } from './score-units.js';
import { matchTickers, TICKER_COMPACT, TICKER_LITERAL } from './ticker-match.js';
import { TopHits } from './top-hits.js';
import type { SearchIndex, SearchOptions, SearchOutcome } from './types.js';

/** Set bits of every possible word mask (at most MAX_QUERY_WORDS bits), looked up in the hot loops. */
const BIT_COUNT = Uint8Array.from({ length: 1 << MAX_QUERY_WORDS }, (_, bits) => {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
});

export function search(index: SearchIndex, query: string, options: SearchOptions): SearchOutcome {
  if (!(index instanceof CompiledSearchIndex)) throw new TypeError('search() needs an index made by buildSearchIndex()');
  const parsed = parseQueryCached(typeof query === 'string' ? query : String(query ?? ''));
  if (parsed.units.length === 0 && parsed.tickerCompact === '') return { hits: [], total: 0, facets: [] };
  const scratch = index.acquireScratch();
  try {
    return run(index, scratch, parsed, options);
  } finally {
    index.releaseScratch(scratch);
  }
}

function run(index: CompiledSearchIndex, scratch: SearchScratch, parsed: ParsedQuery, options: SearchOptions): SearchOutcome {
  scratch.beginQuery();
  // Units standing only for optional words (`and`, `inc`) come last and only add to documents something
  // required already matched: a document matching nothing but `&` is never a result, and skipping such
  // documents keeps `at&t` from touching every `... & ...` industry.
  const required = parsed.requiredWords;
  for (const unit of parsed.units) if ((unit.words & required) !== 0) scoreUnit(index, scratch, unit, false);
  matchTickers(index, scratch, parsed);
  for (const unit of parsed.units) if ((unit.words & required) === 0) scoreUnit(index, scratch, unit, true);

  const { touched, documentWords, documentTicker } = scratch;
  const filter = options.filter;
  const requiredTotal = BIT_COUNT[required]!;

  // Pass 1: drop documents the filter rejects or that matched only optional words; find the most
  // required words any remaining document matched.
  let bestRequired = 0;
  for (let i = 0; i < scratch.touchedCount; i++) {
    const documentId = touched[i]!;
    const exactTicker = documentTicker[documentId]! >= TICKER_COMPACT;
    const matched = BIT_COUNT[documentWords[documentId]! & required]!;
    if ((matched === 0 && !exactTicker) || (filter && !filter(documentId))) {
      documentWords[documentId] = 0;
      documentTicker[documentId] = 0;
      continue;
    }
    if (matched > bestRequired) bestRequired = matched;
  }
  // Every required word when some document has them all; otherwise the best partial matches, most
  // words first (the ranking takes care of the order).
  const needed = bestRequired === requiredTotal ? requiredTotal : 1;

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
    highlights: highlightsFor(index, scratch, documentId, parsed.tickerCompact.length),
  }));
  return { hits, total, facets };
}
