/** Public types of the search engine. */

export interface SearchDocument {
  /** Canonical upper case; class shares with a dot: `BRK.B`. */
  symbol: string;
  /** Any Unicode: `Estée Lauder Companies (The)`, `AT&T`, `3M`. */
  name: string;
  /** GICS sub-industry. */
  industry: string | null;
  /** GICS sector; documents without one are searchable but appear in no facet. */
  sector: string | null;
  /** Tie-break: bigger first. Non-finite values count as 0. */
  marketCap: number;
}

export interface SearchIndex {
  readonly documentCount: number;
  /** Distinct normalized terms (words, compounds, glued word pairs). */
  readonly vocabularySize: number;
  /** Estimate of the typed arrays, strings and scratch buffers the index holds. */
  readonly memoryBytes: number;
}

export interface SearchOptions {
  /** Hits to return (at most); 0, less or NaN still computes total and facets. No default: required. */
  limit: number;
  /**
   * Keeps only documents for which it returns true; documentId = position in the array given to
   * buildSearchIndex. Called at most once per matching document per search.
   * @default undefined (every document)
   */
  filter?: ((documentId: number) => boolean) | undefined;
  /**
   * Whether hits carry their highlights; without them each hit's `highlights` is empty (a caller whose
   * selection shows none skips building them: most of a search's garbage per hit).
   * @default true
   */
  highlights?: boolean;
}

export interface Highlight {
  field: 'symbol' | 'name';
  /** [start, end) UTF-16 offsets into the ORIGINAL symbol/name string, ascending, not overlapping. */
  ranges: [number, number][];
}

export interface SearchHit {
  documentId: number;
  /** Higher is better. Only the order is meaningful: it encodes the ranking tiers, then BM25. */
  score: number;
  highlights: Highlight[];
}

export interface SearchOutcome {
  /** Best first, at most limit. */
  hits: SearchHit[];
  /** All matching documents that pass the filter. */
  total: number;
  /** Sector counts over ALL matches passing the filter, count descending then sector name. */
  facets: { sector: string; count: number }[];
}
