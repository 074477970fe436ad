/**
 * BM25F term weights, computed once per index build and stored per posting, so a query only adds floats.
 *
 * BM25F (rather than BM25 per field, summed) first combines a term's weighted, length-normalized
 * frequencies over the fields and saturates once, so a word found in both name and industry scores a bit
 * above one found in the name alone, never twice as much.
 */

/** Per-field settings. */
export interface FieldScoring {
  /**
   * How much one occurrence in this field counts against one in the name. The name is what people type;
   * the industry helps context words (`chevron oil`) but must not bring up every company of that industry
   * above a name match; the sector (11 values shared by hundreds of stocks) only nudges.
   */
  weight: number;
  /**
   * BM25's b: how much a longer-than-average field dilutes a match. Names vary a lot in length and a match
   * in a short name is the better hit (`FedEx` over `FedEx Freight`), so the standard 0.75. Industry names
   * are short and similar, so little normalization; sector names are fixed labels, so none.
   */
  lengthNormalization: number;
}

/** @default { name: 1 / 0.75, industry: 0.3 / 0.3, sector: 0.15 / 0 } */
export const FIELD_SCORING = {
  name: { weight: 1, lengthNormalization: 0.75 },
  industry: { weight: 0.3, lengthNormalization: 0.3 },
  sector: { weight: 0.15, lengthNormalization: 0 },
} as const satisfies Record<string, FieldScoring>;

export type FieldName = keyof typeof FIELD_SCORING;
export const FIELD_NAMES: readonly FieldName[] = ['name', 'industry', 'sector'];

/**
 * BM25's k1: how quickly repeated occurrences stop adding. Company names rarely repeat a word, and when
 * they do (`Johnson & Johnson`) the repeat is meaningful but should not double the score: the usual 1.2.
 * @default 1.2
 */
export const BM25_K1 = 1.2;

/**
 * Multiplier on occurrences of low-value words (`inc`, `company`, `the`...), so a query made only of such
 * words still ranks, yet they never outweigh a meaningful word in the same name.
 * @default 0.2
 */
export const LOW_VALUE_WORD_WEIGHT = 0.2;

/** Robertson–Spärck Jones idf with the +1 inside the log (Lucene's), which never goes negative. */
export function inverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Frequency of a term in one field after field weight and length normalization.
 * @param fieldLength words in this field of this document (low-value words excluded)
 * @param averageFieldLength mean of fieldLength over all documents
 */
export function normalizedFieldFrequency(field: FieldScoring, frequency: number, fieldLength: number, averageFieldLength: number): number {
  if (frequency === 0) return 0;
  const lengthRatio = averageFieldLength > 0 ? fieldLength / averageFieldLength : 1;
  return (field.weight * frequency) / (1 - field.lengthNormalization + field.lengthNormalization * lengthRatio);
}

/** BM25F score of a term in a document, from the sum of its normalized field frequencies. */
export function bm25fScore(idf: number, combinedFrequency: number): number {
  return (idf * combinedFrequency * (BM25_K1 + 1)) / (combinedFrequency + BM25_K1);
}
