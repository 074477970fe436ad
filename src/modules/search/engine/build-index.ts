/**
 * Builds the index: tokenizes every document once, assigns term ids in sorted order (so the trie's
 * subtrees are id ranges), and lays postings out in flat typed arrays with their BM25F weights.
 */
import { bm25fScore, FIELD_NAMES, FIELD_SCORING, type FieldName, inverseDocumentFrequency, LOW_VALUE_WORD_WEIGHT, normalizedFieldFrequency } from './bm25.js';
import { CompiledSearchIndex } from './compiled-index.js';
import { isLowValueWord } from './low-value-words.js';
import { MAX_WORD_LENGTH, tickerCompactKey, tickerLiteralKey, tokenizeText, type TextToken } from './normalize.js';
import type { SearchDocument, SearchIndex } from './types.js';
import { VocabularyTrie } from './vocabulary-trie.js';

/**
 * Every token a field contributes: its words, its glued compounds (`cocacola`), and each pair of
 * neighbouring meaningful words glued (`Delta Air Lines` → `airlines`, so `delta airlines` matches).
 * `counted` marks the words that make up the field's length for BM25.
 */
function fieldTokens(text: string): { token: TextToken; counted: boolean }[] {
  const { words, compounds } = tokenizeText(text);
  const tokens = words.map((token) => ({ token, counted: !isLowValueWord(token.text) }));
  const glued = new Set<string>();
  for (const { token } of compounds) {
    glued.add(token.text);
    tokens.push({ token, counted: false });
  }
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i]!;
    const second = words[i + 1]!;
    if (isLowValueWord(first.text) || isLowValueWord(second.text)) continue;
    const pairText = (first.text + second.text).slice(0, MAX_WORD_LENGTH);
    // A hyphenated pair is already a compound: indexing it twice would double its frequency.
    if (glued.has(pairText)) continue;
    glued.add(pairText);
    const charEnds = first.charEnds.concat(second.charEnds).slice(0, MAX_WORD_LENGTH);
    tokens.push({ token: { text: pairText, start: first.start, end: charEnds[charEnds.length - 1]!, charEnds }, counted: false });
  }
  return tokens;
}

const finiteOrZero = (value: number) => (Number.isFinite(value) ? value : 0);

export function buildSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const documentCount = documents.length;
  const termIdOf = new Map<string, number>();
  const termTexts: string[] = [];
  const documentFrequency: number[] = [];
  const fieldLengths: Record<FieldName, Float64Array> = { name: new Float64Array(documentCount), industry: new Float64Array(documentCount), sector: new Float64Array(documentCount) };

  // Per document: its distinct terms with their frequency in each field (flat, first-seen ids).
  const entryOffsets = new Int32Array(documentCount + 1);
  const entryTerm: number[] = [];
  const entryFrequency: Record<FieldName, number[]> = { name: [], industry: [], sector: [] };

  // Name tokens, kept for highlighting.
  const nameTokenOffsets = new Int32Array(documentCount + 1);
  const nameTokenTerm: number[] = [];
  const nameTokenStart: number[] = [];
  const nameTokenCharOffsets: number[] = [0];
  const nameCharEnds: number[] = [];

  const termIdFor = (text: string) => {
    let id = termIdOf.get(text);
    if (id === undefined) {
      id = termTexts.length;
      termIdOf.set(text, id);
      termTexts.push(text);
      documentFrequency.push(0);
    }
    return id;
  };

  documents.forEach((document, documentId) => {
    const entryOf = new Map<number, number>();
    const texts: Record<FieldName, string | null> = { name: String(document.name ?? ''), industry: document.industry, sector: document.sector };
    for (const field of FIELD_NAMES) {
      const text = texts[field];
      if (!text) continue;
      for (const { token, counted } of fieldTokens(text)) {
        const termId = termIdFor(token.text);
        let entry = entryOf.get(termId);
        if (entry === undefined) {
          entry = entryTerm.length;
          entryOf.set(termId, entry);
          entryTerm.push(termId);
          for (const f of FIELD_NAMES) entryFrequency[f].push(0);
          documentFrequency[termId]!++;
        }
        entryFrequency[field][entry]!++;
        if (counted) fieldLengths[field][documentId]!++;
        if (field === 'name') {
          nameTokenTerm.push(termId);
          nameTokenStart.push(token.start);
          nameCharEnds.push(...token.charEnds);
          nameTokenCharOffsets.push(nameCharEnds.length);
        }
      }
    }
    entryOffsets[documentId + 1] = entryTerm.length;
    nameTokenOffsets[documentId + 1] = nameTokenTerm.length;
  });

  // Term ids in sorted order, so a trie subtree (all completions of a prefix) is a range of ids.
  const vocabularySize = termTexts.length;
  const order = Array.from({ length: vocabularySize }, (_, i) => i).sort((a, b) => (termTexts[a]! < termTexts[b]! ? -1 : 1));
  const sortedId = new Int32Array(vocabularySize);
  order.forEach((firstSeenId, position) => (sortedId[firstSeenId] = position));
  const sortedTerms = order.map((id) => termTexts[id]!);
  const termLength = Int32Array.from(sortedTerms, (t) => t.length);

  const postingsStart = new Int32Array(vocabularySize + 1);
  order.forEach((firstSeenId, position) => (postingsStart[position + 1] = postingsStart[position]! + documentFrequency[firstSeenId]!));
  const postingCount = postingsStart[vocabularySize]!;
  const postingDocument = new Int32Array(postingCount);
  const postingWeight = new Float32Array(postingCount);
  const cursor = postingsStart.slice(0, vocabularySize);
  const averageLength = Object.fromEntries(FIELD_NAMES.map((f) => [f, fieldLengths[f].reduce((s, v) => s + v, 0) / Math.max(1, documentCount)])) as Record<FieldName, number>;
  const lowValueTerm = Uint8Array.from(termTexts, (t) => (isLowValueWord(t) ? 1 : 0));

  for (let documentId = 0; documentId < documentCount; documentId++) {
    for (let entry = entryOffsets[documentId]!; entry < entryOffsets[documentId + 1]!; entry++) {
      const firstSeenId = entryTerm[entry]!;
      let combined = 0;
      for (const field of FIELD_NAMES) {
        // A field of only low-value words has length 0; treat it as 1 so a lone `Inc.` is not over-weighted.
        combined += normalizedFieldFrequency(FIELD_SCORING[field], entryFrequency[field][entry]!, Math.max(1, fieldLengths[field][documentId]!), averageLength[field]);
      }
      if (lowValueTerm[firstSeenId]) combined *= LOW_VALUE_WORD_WEIGHT;
      const position = cursor[sortedId[firstSeenId]!]!++;
      postingDocument[position] = documentId;
      postingWeight[position] = bm25fScore(inverseDocumentFrequency(documentCount, documentFrequency[firstSeenId]!), combined);
    }
  }

  const tickerLiteral = documents.map((d) => tickerLiteralKey(String(d.symbol ?? '')));
  const tickerCompact = tickerLiteral.map(tickerCompactKey);
  const byTicker = Array.from({ length: documentCount }, (_, i) => i).sort((a, b) => compareStrings(tickerCompact[a]!, tickerCompact[b]!) || compareStrings(tickerLiteral[a]!, tickerLiteral[b]!));
  const symbols = documents.map((d) => String(d.symbol ?? ''));
  const bySymbol = Array.from({ length: documentCount }, (_, i) => i).sort((a, b) => compareStrings(symbols[a]!, symbols[b]!) || a - b);
  const symbolRank = new Int32Array(documentCount);
  bySymbol.forEach((documentId, rank) => (symbolRank[documentId] = rank));

  const sectorIdOf = new Map<string, number>();
  const documentSector = Int32Array.from(documents, (d) => {
    if (!d.sector) return -1;
    if (!sectorIdOf.has(d.sector)) sectorIdOf.set(d.sector, sectorIdOf.size);
    return sectorIdOf.get(d.sector)!;
  });

  return new CompiledSearchIndex({
    trie: new VocabularyTrie(sortedTerms),
    termLength,
    postingsStart,
    postingDocument,
    postingWeight,
    symbols,
    tickerLiteral,
    sortedTickerKeys: byTicker.map((d) => tickerCompact[d]!),
    sortedTickerDocuments: Int32Array.from(byTicker),
    marketCap: Float64Array.from(documents, (d) => finiteOrZero(Number(d.marketCap))),
    symbolRank,
    documentSector,
    sectorNames: [...sectorIdOf.keys()],
    nameTokenOffsets,
    nameTokenTerm: Int32Array.from(nameTokenTerm, (id) => sortedId[id]!),
    nameTokenStart: Int32Array.from(nameTokenStart),
    nameTokenCharOffsets: Int32Array.from(nameTokenCharOffsets),
    nameCharEnds: Int32Array.from(nameCharEnds),
  });
}

/** Code-unit order, the same as the default sort and the trie, independent of the process locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
