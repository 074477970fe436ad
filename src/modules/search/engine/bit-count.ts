/**
 * Set bits of every possible query-word mask, looked up in the hot loops instead of counted. Masks have at
 * most MAX_QUERY_WORDS bits, so the table has 1,024 entries.
 */
import { MAX_QUERY_WORDS } from './query-parser.js';

export const BIT_COUNT = Uint8Array.from({ length: 1 << MAX_QUERY_WORDS }, (_, bits) => {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
});
