/**
 * Scores one query unit over the postings of every term it matched, keeping each document's best match
 * for that unit, then folds the unit into the per-document totals. Typed arrays only: nothing is allocated
 * per term or per document.
 */
import { BIT_COUNT } from './bit-count.js';
import type { CompiledSearchIndex } from './compiled-index.js';
import type { QueryUnit } from './query-parser.js';
import { PREFIX_MATCH_FACTOR, TYPO_MATCH_FACTOR } from './ranking.js';
import type { SearchScratch } from './search-scratch.js';
import { MATCH_EXACT, MATCH_PREFIX, type TermCandidates } from './term-candidates.js';

/** Makes `documentId` part of this query's results, resetting its totals the first time. */
export function touchDocument(scratch: SearchScratch, documentId: number): void {
  if (scratch.documentStamp[documentId] === scratch.queryGeneration) return;
  scratch.documentStamp[documentId] = scratch.queryGeneration;
  scratch.documentWords[documentId] = 0;
  scratch.documentRelevance[documentId] = 0;
  scratch.documentTypos[documentId] = 0;
  scratch.documentInexact[documentId] = 0;
  scratch.documentTicker[documentId] = 0;
  scratch.touched[scratch.touchedCount++] = documentId;
}

/** Finds the terms `unit` matches into `candidates`; returns how many postings they hold (its cost). */
export function lookUpUnit(index: CompiledSearchIndex, scratch: SearchScratch, unit: QueryUnit, candidates: TermCandidates): number {
  candidates.clear();
  scratch.matcher.collect(unit.text, unit.typoBudget, unit.allowPrefix, candidates);
  const { postingsStart } = index.parts;
  let postings = 0;
  for (let c = 0; c < candidates.count; c++) postings += postingsStart[candidates.termEnd[c]!]! - postingsStart[candidates.termStart[c]!]!;
  return postings;
}

/**
 * Adds what `unit` matched (its looked-up `candidates`) to the per-document totals.
 * @param requiredWords the query's required words, to keep track of the most any document matched
 * @param onlyTouched update only documents this query already matched
 */
export function applyUnit(index: CompiledSearchIndex, scratch: SearchScratch, unit: QueryUnit, candidates: TermCandidates, requiredWords: number, onlyTouched: boolean): void {
  if (candidates.count === 0) return;
  scratch.beginUnit();
  collectBestPerDocument(index, scratch, candidates, unit.text.length, onlyTouched);
  mergeIntoDocuments(scratch, unit.words, requiredWords);
}

function collectBestPerDocument(index: CompiledSearchIndex, scratch: SearchScratch, candidates: TermCandidates, unitLength: number, onlyTouched: boolean): void {
  const { postingsStart, postingDocument, postingWeight, termLength } = index.parts;
  const { unitStamp, unitQuality, unitValue, unitTouched, termStamp, termHighlightLength, documentStamp } = scratch;
  const generation = scratch.unitGeneration;
  const queryGeneration = scratch.queryGeneration;
  for (let c = 0; c < candidates.count; c++) {
    const kind = candidates.kind[c]!;
    const typos = candidates.typos[c]!;
    // Lower is better: typos first, then exact before prefix/typo (Meilisearch's typo, then exactness).
    const quality = typos * 2 + (kind === MATCH_EXACT ? 0 : 1);
    const factor = (kind === MATCH_PREFIX ? PREFIX_MATCH_FACTOR : 1) * (typos === 0 ? 1 : typos === 1 ? TYPO_MATCH_FACTOR : TYPO_MATCH_FACTOR * TYPO_MATCH_FACTOR);
    const termEnd = candidates.termEnd[c]!;
    for (let term = candidates.termStart[c]!; term < termEnd; term++) {
      // Highlight the typed part of a completion, the whole word otherwise.
      const highlight = kind === MATCH_PREFIX ? Math.min(unitLength, termLength[term]!) : termLength[term]!;
      if (termStamp[term] !== queryGeneration) {
        termStamp[term] = queryGeneration;
        termHighlightLength[term] = highlight;
      } else if (highlight > termHighlightLength[term]!) termHighlightLength[term] = highlight;

      const postingEnd = postingsStart[term + 1]!;
      for (let p = postingsStart[term]!; p < postingEnd; p++) {
        const documentId = postingDocument[p]!;
        if (onlyTouched && documentStamp[documentId] !== queryGeneration) continue;
        const value = postingWeight[p]! * factor;
        if (unitStamp[documentId] !== generation) {
          unitStamp[documentId] = generation;
          unitQuality[documentId] = quality;
          unitValue[documentId] = value;
          unitTouched[scratch.unitTouchedCount++] = documentId;
        } else if (quality < unitQuality[documentId]! || (quality === unitQuality[documentId] && value > unitValue[documentId]!)) {
          unitQuality[documentId] = quality;
          unitValue[documentId] = value;
        }
      }
    }
  }
}

function mergeIntoDocuments(scratch: SearchScratch, unitWords: number, requiredWords: number): void {
  const { unitTouched, unitQuality, unitValue, documentWords, documentRelevance, documentTypos, documentInexact } = scratch;
  for (let i = 0; i < scratch.unitTouchedCount; i++) {
    const documentId = unitTouched[i]!;
    touchDocument(scratch, documentId);
    const quality = unitQuality[documentId]!;
    // Typos and inexactness count once per unit that newly satisfies words: a glued pair (`cocacola`)
    // matching words already matched one by one changes nothing but relevance.
    if ((unitWords & ~documentWords[documentId]!) !== 0) {
      const words = (documentWords[documentId]! |= unitWords);
      const requiredMatched = BIT_COUNT[words & requiredWords]!;
      if (requiredMatched > scratch.bestRequiredMatched) scratch.bestRequiredMatched = requiredMatched;
      documentTypos[documentId] = Math.min(255, documentTypos[documentId]! + (quality >> 1));
      documentInexact[documentId] = Math.min(255, documentInexact[documentId]! + (quality & 1));
    }
    documentRelevance[documentId]! += unitValue[documentId]!;
  }
}
