/** Public API of the in-process stock search engine. */
export { buildSearchIndex } from './build-index.js';
export { search } from './search.js';
export type { Highlight, SearchDocument, SearchHit, SearchIndex, SearchOptions, SearchOutcome } from './types.js';
export { FIELD_SCORING, BM25_K1, LOW_VALUE_WORD_WEIGHT, type FieldScoring } from './bm25.js';
export { LOW_VALUE_WORDS } from './low-value-words.js';
export { MAX_QUERY_WORDS, MAX_QUERY_CHARACTERS, QUERY_CACHE_SIZE } from './query-parser.js';
export { typoBudget } from './typo-budget.js';
export { toTransferable, fromTransferable, type TransferableIndex } from './transfer-index.js';
