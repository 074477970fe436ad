/**
 * The built index: everything a query needs, in typed arrays indexed by document id or term id, plus a
 * small pool of per-query scratch buffers so searching allocates nothing per document.
 */
import { SearchScratch } from './search-scratch.js';
import type { SearchIndex } from './types.js';
import type { VocabularyTrie } from './vocabulary-trie.js';

export interface CompiledIndexParts {
  trie: VocabularyTrie;
  /** Normalized length of each term (for prefix highlights). */
  termLength: Int32Array;
  /** Postings of term t are [postingsStart[t], postingsStart[t + 1]), document ids ascending. */
  postingsStart: Int32Array;
  postingDocument: Int32Array;
  /** Precomputed BM25F score of the term in that document. */
  postingWeight: Float32Array;
  /** Original symbols, for symbol highlights. */
  symbols: string[];
  /** Literal ticker key of each document (`brk.b`). */
  tickerLiteral: string[];
  /** Compact ticker keys (`brkb`), ascending, and the document of each. */
  sortedTickerKeys: string[];
  sortedTickerDocuments: Int32Array;
  marketCap: Float64Array;
  /** Position of each document's symbol in A→Z order, the last tie-break. */
  symbolRank: Int32Array;
  /** Sector id of each document, -1 for none. */
  documentSector: Int32Array;
  sectorNames: string[];
  /** Name tokens of document d are [nameTokenOffsets[d], nameTokenOffsets[d + 1]). */
  nameTokenOffsets: Int32Array;
  nameTokenTerm: Int32Array;
  nameTokenStart: Int32Array;
  /** Original end offsets of token k's normalized characters are nameCharEnds[nameTokenCharOffsets[k] ..]. */
  nameTokenCharOffsets: Int32Array;
  nameCharEnds: Int32Array;
}

/** Rough size of a JS string: header plus two bytes per UTF-16 code unit. */
const stringBytes = (strings: readonly string[]) => strings.reduce((sum, s) => sum + 16 + 2 * s.length, 0);

export class CompiledSearchIndex implements SearchIndex {
  readonly documentCount: number;
  readonly vocabularySize: number;
  private readonly idleScratch: SearchScratch[] = [];

  constructor(readonly parts: CompiledIndexParts) {
    this.documentCount = parts.symbols.length;
    this.vocabularySize = parts.termLength.length;
    // The first query should not pay for allocating scratch buffers.
    this.idleScratch.push(this.createScratch());
  }

  get memoryBytes(): number {
    const p = this.parts;
    const arrays = [
      p.termLength,
      p.postingsStart,
      p.postingDocument,
      p.postingWeight,
      p.sortedTickerDocuments,
      p.marketCap,
      p.symbolRank,
      p.documentSector,
      p.nameTokenOffsets,
      p.nameTokenTerm,
      p.nameTokenStart,
      p.nameTokenCharOffsets,
      p.nameCharEnds,
    ].reduce((sum, a) => sum + a.byteLength, 0);
    const strings = stringBytes(p.symbols) + stringBytes(p.tickerLiteral) + stringBytes(p.sortedTickerKeys) + stringBytes(p.sectorNames);
    // Array-of-strings slots (8 bytes each) on top of the strings themselves.
    const slots = 8 * (p.symbols.length + p.tickerLiteral.length + p.sortedTickerKeys.length);
    const scratch = this.idleScratch[0]?.byteLength ?? 0;
    return arrays + p.trie.byteLength + strings + slots + scratch;
  }

  /**
   * Scratch buffers for one query. Searches are synchronous, so one set normally serves every query; a
   * second is made only if a filter callback searches the same index while a search is running.
   */
  acquireScratch(): SearchScratch {
    return this.idleScratch.pop() ?? this.createScratch();
  }

  releaseScratch(scratch: SearchScratch): void {
    this.idleScratch.push(scratch);
  }

  private createScratch(): SearchScratch {
    return new SearchScratch(this.documentCount, this.vocabularySize, this.parts.sectorNames.length, this.parts.trie);
  }
}
