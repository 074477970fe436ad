import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ranksBefore, TopHits } from './top-hits.js';

describe('TopHits', () => {
  it('keeps the same best documents, in the same order, as sorting everything', () => {
    const entry = fc.record({ score: fc.integer({ min: 0, max: 5 }), cap: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), fc.integer({ min: 0, max: 20 }), (entries, limit) => {
        const order = {
          score: Float64Array.from(entries, (e) => e.score),
          marketCap: Float64Array.from(entries, (e) => e.cap),
          symbolRank: Int32Array.from(entries, (_, i) => entries.length - i),
        };
        const top = new TopHits(new Int32Array(Math.max(limit, 1)), limit, order);
        entries.forEach((_, id) => top.offer(id));
        const expected = entries
          .map((_, id) => id)
          .sort((a, b) => (ranksBefore(order, a, b) ? -1 : 1))
          .slice(0, limit);
        expect(top.sorted()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
