/**
 * The ranking, as one number per document so hits sort with a single comparison. Criteria are applied in
 * order, each only breaking ties of the ones before (like Meilisearch's ranking rules), by giving each a
 * band of decimal places wide enough for its range:
 *
 * 1. exact ticker (as typed, then with separators dropped): `f` is Ford however many names start with f;
 * 2. required query words matched: a document with all of them beats one with fewer;
 * 3. optional (low-value) words matched: `johnson & johnson` prefers J&J to Johnson Controls;
 * 4. fewer typos;
 * 5. fewer inexact (prefix or typo) matches: `apple` prefers Apple to Applied Materials;
 * 6. relevance: BM25F over name, industry and sector, plus a bonus for ticker prefixes.
 *
 * Market cap and symbol break the remaining ties outside the score (see top-hits.ts).
 */

const TICKER_BAND = 1e11;
const REQUIRED_BAND = 1e9;
const OPTIONAL_BAND = 1e7;
const TYPO_BAND = 1e5;
const INEXACT_BAND = 1e3;
/** Counts are subtracted from this so fewer typos/inexact matches give a higher score; any count stays below. */
const COUNT_CEILING = 99;
/** Relevance is clamped below the inexact band so it can never outweigh a criterion above it. */
const RELEVANCE_CEILING = INEXACT_BAND - 1e-3;

/**
 * Relevance added when the query is a prefix of the ticker (`nv` → NVDA), about a strong name match
 * completed from a prefix, so ticker and name completions compete on equal terms.
 * @default 5
 */
export const TICKER_PREFIX_BONUS = 5;

/**
 * Multiplier on a term's BM25F when the query word only started it. Below 1 so that, within the same
 * ranking tier, a completed word counts less than a word typed in full.
 * @default 0.75
 */
export const PREFIX_MATCH_FACTOR = 0.75;

/**
 * Multiplier on a term's BM25F per typo.
 * @default 0.5
 */
export const TYPO_MATCH_FACTOR = 0.5;

/**
 * @param exactTicker 0 none or prefix, 1 equal without separators, 2 equal as typed
 * @param requiredMatched required query words matched
 * @param optionalMatched low-value query words matched
 * @param typos typos over the matched query units
 * @param inexact matched query units that were a prefix or typo match
 * @param relevance BM25F sum plus bonuses
 */
export function compositeScore(exactTicker: number, requiredMatched: number, optionalMatched: number, typos: number, inexact: number, relevance: number): number {
  return (
    exactTicker * TICKER_BAND +
    requiredMatched * REQUIRED_BAND +
    optionalMatched * OPTIONAL_BAND +
    (COUNT_CEILING - Math.min(typos, COUNT_CEILING)) * TYPO_BAND +
    (COUNT_CEILING - Math.min(inexact, COUNT_CEILING)) * INEXACT_BAND +
    Math.min(Math.max(relevance, 0), RELEVANCE_CEILING)
  );
}
