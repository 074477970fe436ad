/**
 * Words that say little about which company is meant. They still match (a person may type
 * `coca cola company`), but they are optional in multi-word queries, count after meaningful words when
 * ranking, and weigh little in BM25, so `nvidia corp` finds Nvidia and `company` never outranks `ford`.
 *
 * `and` is here because `&` normalizes to it. `stock`/`shares` are here because people add them as context
 * (`apple stock`). Single letters are NOT here: `a`/`b`/`c` tell class shares apart (`alphabet class c`).
 */
export const LOW_VALUE_WORDS: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'company',
  'companies',
  'co',
  'the',
  'class',
  'plc',
  'ltd',
  'limited',
  'llc',
  'lp',
  'holdings',
  'holding',
  'group',
  'and',
  'of',
  'stock',
  'stocks',
  'shares',
]);

export function isLowValueWord(normalizedWord: string): boolean {
  return LOW_VALUE_WORDS.has(normalizedWord);
}
