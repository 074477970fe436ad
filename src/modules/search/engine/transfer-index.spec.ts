import { describe, expect, it } from 'vitest';
import { buildSearchIndex, search } from './index.js';
import { fromTransferable, toTransferable } from './transfer-index.js';
import { REAL_COMPANIES } from './real-companies.fixture.js';

describe('moving an index between threads', () => {
  it('answers every query the same after a structured clone with its buffers transferred', () => {
    const queries = ['nvid', 'f', 'brk b', 'mircosoft', 'procter and gamble', 'bank of america', 'zzz'];
    const expected = queries.map((q) => search(buildSearchIndex(REAL_COMPANIES), q, { limit: 5 }));
    const { payload, transfer } = toTransferable(buildSearchIndex(REAL_COMPANIES));
    expect(transfer.length).toBeGreaterThan(5);
    const moved = fromTransferable(structuredClone(payload, { transfer }));
    expect(queries.map((q) => search(moved, q, { limit: 5 }))).toEqual(expected);
  });
});
