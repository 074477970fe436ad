/**
 * Per-query working memory, sized once per index and reused by every query. Entries are not cleared
 * between queries: each array is paired with a generation stamp, and an entry counts only when its stamp
 * equals the current generation, so starting a query costs O(1) instead of O(documents).
 */
import { TermCandidates } from './term-candidates.js';
import { TermMatcher } from './term-matcher.js';
import type { VocabularyTrie } from './vocabulary-trie.js';

export class SearchScratch {
  // Per document, for the whole query.
  readonly documentStamp: Uint32Array;
  /** Bit i set when query word i is matched. */
  readonly documentWords: Int32Array;
  /** Sum of the BM25F contributions of everything the document matched. */
  readonly documentRelevance: Float64Array;
  readonly documentTypos: Uint8Array;
  /** Matched query units that were not exact (prefix or typo). */
  readonly documentInexact: Uint8Array;
  /** 0 none, 1 ticker prefix, 2 ticker equal once separators are dropped, 3 ticker equal as typed. */
  readonly documentTicker: Uint8Array;
  /** Final composite score of qualifying documents. */
  readonly documentScore: Float64Array;
  /** Documents touched by this query, in first-touch order. */
  readonly touched: Int32Array;
  touchedCount = 0;
  /** Most required query words any touched document matched so far. */
  bestRequiredMatched = 0;

  // Per document, for the whole search (which may accumulate twice): the filter's answers.
  private readonly filterStamp: Uint32Array;
  private readonly filterVerdict: Uint8Array;
  private searchGeneration = 0;

  // Per document, for the query unit being scored: its best match in each document.
  readonly unitStamp: Uint32Array;
  /** typos * 2 + (exact ? 0 : 1): lower is better. */
  readonly unitQuality: Uint8Array;
  readonly unitValue: Float32Array;
  readonly unitTouched: Int32Array;
  unitTouchedCount = 0;

  // Per term: which terms this query matched and how many normalized characters to highlight.
  readonly termStamp: Uint32Array;
  readonly termHighlightLength: Int32Array;

  readonly sectorCounts: Int32Array;
  /** Terms matched by each unit of the current query. */
  private readonly candidatePool: TermCandidates[] = [];
  private unitCosts = new Float64Array(16);
  readonly matcher: TermMatcher;
  /** Bounded heap of the best documents; grows to the largest limit asked for. */
  heap: Int32Array = new Int32Array(16);

  queryGeneration = 0;
  unitGeneration = 0;

  constructor(documentCount: number, vocabularySize: number, sectorCount: number, trie: VocabularyTrie) {
    this.documentStamp = new Uint32Array(documentCount);
    this.documentWords = new Int32Array(documentCount);
    this.documentRelevance = new Float64Array(documentCount);
    this.documentTypos = new Uint8Array(documentCount);
    this.documentInexact = new Uint8Array(documentCount);
    this.documentTicker = new Uint8Array(documentCount);
    this.documentScore = new Float64Array(documentCount);
    this.touched = new Int32Array(documentCount);
    this.filterStamp = new Uint32Array(documentCount);
    this.filterVerdict = new Uint8Array(documentCount);
    this.unitStamp = new Uint32Array(documentCount);
    this.unitQuality = new Uint8Array(documentCount);
    this.unitValue = new Float32Array(documentCount);
    this.unitTouched = new Int32Array(documentCount);
    this.termStamp = new Uint32Array(vocabularySize);
    this.termHighlightLength = new Int32Array(vocabularySize);
    this.sectorCounts = new Int32Array(sectorCount);
    this.matcher = new TermMatcher(trie);
  }

  /** Starts a search: forgets the previous search's filter answers. */
  beginSearch(): void {
    if (this.searchGeneration === 0xffffffff) {
      this.filterStamp.fill(0);
      this.searchGeneration = 0;
    }
    this.searchGeneration++;
  }

  /** The filter's answer for `documentId`, asked once per search. */
  passesFilter(documentId: number, filter: (documentId: number) => boolean): boolean {
    if (this.filterStamp[documentId] !== this.searchGeneration) {
      this.filterStamp[documentId] = this.searchGeneration;
      this.filterVerdict[documentId] = filter(documentId) ? 1 : 0;
    }
    return this.filterVerdict[documentId] === 1;
  }

  /** Starts accumulating a query: a new generation invalidates every per-document and per-term entry at once. */
  beginQuery(): void {
    if (this.queryGeneration === 0xffffffff) {
      // After 4 billion queries the stamps would repeat: clear them once and start over.
      this.documentStamp.fill(0);
      this.termStamp.fill(0);
      this.queryGeneration = 0;
    }
    this.queryGeneration++;
    this.touchedCount = 0;
    this.bestRequiredMatched = 0;
  }

  /** Starts scoring one query unit. */
  beginUnit(): void {
    if (this.unitGeneration === 0xffffffff) {
      this.unitStamp.fill(0);
      this.unitGeneration = 0;
    }
    this.unitGeneration++;
    this.unitTouchedCount = 0;
  }

  /** Candidate lists for `unitCount` query units (reused; grows as needed). */
  candidatesFor(unitCount: number): readonly TermCandidates[] {
    while (this.candidatePool.length < unitCount) this.candidatePool.push(new TermCandidates());
    return this.candidatePool;
  }

  /** A cost slot for each of `unitCount` query units. */
  unitCost(unitCount: number): Float64Array {
    if (this.unitCosts.length < unitCount) this.unitCosts = new Float64Array(unitCount);
    return this.unitCosts;
  }

  /** Makes room for `size` heap entries. */
  heapOfSize(size: number): Int32Array {
    if (this.heap.length < size) this.heap = new Int32Array(Math.max(size, this.heap.length * 2));
    return this.heap;
  }

  get byteLength(): number {
    return (
      this.documentStamp.byteLength * 3 +
      this.documentRelevance.byteLength * 2 +
      this.documentTypos.byteLength * 4 +
      this.touched.byteLength * 2 +
      this.unitValue.byteLength +
      this.termStamp.byteLength * 2 +
      this.sectorCounts.byteLength +
      this.heap.byteLength
    );
  }
}
