/**
 * Typos allowed in a query word, with Meilisearch's defaults (minWordSizeForTypos oneTypo 5, twoTypos 9):
 * none for 1–4 characters, one for 5–8, two for 9 or more. Short words get none because one edit turns
 * almost any 3-letter word into dozens of others (`ford` → `fort`, `lord`, `food`).
 */
/** @default 5 */
export const MIN_LENGTH_FOR_ONE_TYPO = 5;
/** @default 9 */
export const MIN_LENGTH_FOR_TWO_TYPOS = 9;

export function typoBudget(wordLength: number): 0 | 1 | 2 {
  if (wordLength >= MIN_LENGTH_FOR_TWO_TYPOS) return 2;
  if (wordLength >= MIN_LENGTH_FOR_ONE_TYPO) return 1;
  return 0;
}
