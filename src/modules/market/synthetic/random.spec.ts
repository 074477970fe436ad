import { describe, expect, it } from 'vitest';
import { normalFromBits } from './normal-table.js';
import { combineKeys, fillRandomBits, hashSeed, normalAt, randomBitsAt, uniformAt } from './random.js';

describe('keyed random draws', () => {
  it('fillRandomBits yields the same draws as randomBitsAt', () => {
    const bits = new Int32Array(16);
    fillRandomBits(123_456, bits, 16);
    expect(Array.from(bits, (b) => b >>> 0)).toEqual(Array.from({ length: 16 }, (_, i) => randomBitsAt(123_456, i)));
  });

  it('uniforms stay strictly inside (0, 1) and average one half', () => {
    const draws = Array.from({ length: 100_000 }, (_, i) => uniformAt(99, i));
    expect(Math.min(...draws)).toBeGreaterThan(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((a, b) => a + b) / draws.length).toBeCloseTo(0.5, 2);
  });

  it('normals have mean 0, variance 1 and the usual share beyond two standard deviations', () => {
    const draws = Array.from({ length: 200_000 }, (_, i) => normalAt(7, i));
    const mean = draws.reduce((a, b) => a + b) / draws.length;
    const variance = draws.reduce((a, x) => a + (x - mean) ** 2, 0) / draws.length;
    expect(mean).toBeCloseTo(0, 2);
    expect(variance).toBeCloseTo(1, 1);
    expect(draws.filter((x) => Math.abs(x) > 2).length / draws.length).toBeCloseTo(0.0455, 2);
  });

  it('maps the extreme bit patterns to finite, symmetric tails', () => {
    expect(normalFromBits(0)).toBeLessThan(-3.5);
    expect(normalFromBits(0xffffffff)).toBeGreaterThan(3.5);
    expect(normalFromBits(-1)).toBe(normalFromBits(0xffffffff));
    expect(normalFromBits(0) + normalFromBits(0xffffffff)).toBeCloseTo(0, 3);
  });

  it('distinguishes keys by order and by every seed bit', () => {
    expect(combineKeys(1, 2)).not.toBe(combineKeys(2, 1));
    expect(hashSeed(2 ** 40)).not.toBe(hashSeed(0));
    expect(hashSeed(42)).toBe(hashSeed(42));
    expect(() => hashSeed(Number.NaN)).toThrow(RangeError);
  });
});
