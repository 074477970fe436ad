/**
 * Runs the query's units and the ticker match into the per-document totals of the scratch buffers.
 *
 * Required units run cheapest first (fewest postings). Once every unit that could satisfy some required
 * word has run, no untouched document can match all required words any more, so the remaining, costlier
 * units only update documents already touched. That keeps `north s` — a selective word, then a letter
 * whose completions cover half the index — from touching thousands of documents that cannot be results.
 * It is only valid while some document matches every required word; when none does, the caller reruns
 * without restriction to rank the partial matches.
 */
import type { CompiledSearchIndex } from './compiled-index.js';
import { MAX_QUERY_WORDS, type ParsedQuery } from './query-parser.js';
import { applyUnit, lookUpUnit } from './score-units.js';
import type { SearchScratch } from './search-scratch.js';
import { completeTickerMatches, touchTickerMatches } from './ticker-match.js';

/**
 * @param lookedUp the units' candidates from a previous call for this same query are still in the
 *   scratch buffers (a rerun): skip the vocabulary lookups, the costly part for long words
 * @returns whether some unit was restricted to already-touched documents
 */
export function accumulateMatches(index: CompiledSearchIndex, scratch: SearchScratch, parsed: ParsedQuery, allowRestriction: boolean, lookedUp = false): boolean {
  scratch.beginQuery();
  touchTickerMatches(index, scratch, parsed);
  const { units } = parsed;
  const required = parsed.requiredWords;
  const candidates = scratch.candidatesFor(units.length);
  const cost = scratch.unitCost(units.length);
  // How many not-yet-run units could still satisfy each required word.
  const unitsLeft = new Int32Array(MAX_QUERY_WORDS);
  const order: number[] = [];
  units.forEach((unit, i) => {
    if ((unit.words & required) === 0) return;
    if (!lookedUp) cost[i] = lookUpUnit(index, scratch, unit, candidates[i]!);
    order.push(i);
    for (let word = 0; word < MAX_QUERY_WORDS; word++) if (unit.words & required & (1 << word)) unitsLeft[word]!++;
  });
  order.sort((a, b) => cost[a]! - cost[b]!);

  let settledWords = 0;
  let restricted = false;
  for (const i of order) {
    const unit = units[i]!;
    // Restricting pays when the unit has more postings than there are documents to keep.
    const restrict = allowRestriction && settledWords !== 0 && cost[i]! > scratch.touchedCount;
    applyUnit(index, scratch, unit, candidates[i]!, required, restrict);
    restricted ||= restrict;
    for (let word = 0; word < MAX_QUERY_WORDS; word++) {
      if (unit.words & required & (1 << word) && --unitsLeft[word]! === 0) settledWords |= 1 << word;
    }
  }

  completeTickerMatches(index, scratch, parsed);
  // Units standing only for optional words (`and`, `inc`) come last and only add to documents something
  // required already matched: a document matching nothing but `&` is never a result, and skipping such
  // documents keeps `at&t` from touching every `... & ...` industry.
  units.forEach((unit, i) => {
    if ((unit.words & required) !== 0) return;
    if (!lookedUp) lookUpUnit(index, scratch, unit, candidates[i]!);
    applyUnit(index, scratch, unit, candidates[i]!, required, true);
  });
  return restricted;
}
