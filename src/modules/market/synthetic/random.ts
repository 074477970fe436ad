/**
 * Small, fast, seedable randomness for the synthetic market.
 *
 * Every random draw is addressed by a key built from what it describes — (seed, symbol, stream,
 * session day) — instead of coming from one long sequence. So a stock's history never depends on
 * which other stocks were generated or in what order, and the numbers of any single session can be
 * re-drawn later without replaying the years before it (see generate-history.ts).
 */

import { normalFromUint32 } from './normal-table.js';

const GOLDEN_RATIO_32 = 0x9e3779b9;
const TWO_POW_32 = 4_294_967_296;

/** A 32-bit avalanche mix (Chris Wellons' lowbias32): every input bit flips each output bit ~50%. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/** Combines two 32-bit keys into one; order matters (combineKeys(a, b) ≠ combineKeys(b, a)). */
export function combineKeys(a: number, b: number): number {
  return mix32((a ^ mix32((b + GOLDEN_RATIO_32) >>> 0)) + Math.imul(a, 0x85ebca6b));
}

/** A 32-bit key for a string (FNV-1a over UTF-16 code units, then mixed). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix32(hash);
}

/** A 32-bit key for any finite number used as a seed; integers up to 2^53 keep all their bits. */
export function hashSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`Expected a finite seed, got ${seed}`);
  if (!Number.isSafeInteger(seed)) return hashString(String(seed));
  const low = seed % TWO_POW_32;
  const high = Math.floor(seed / TWO_POW_32);
  return combineKeys(mix32(low), high >>> 0);
}

/**
 * Fills `target[0…count)` with the same 32-bit values (as signed integers) that
 * `new SeededRandom(key).nextUint32()` would return, in one tight loop: the minute paths need
 * hundreds of draws per session, and a local-variable loop is several times faster than method calls.
 */
export function fillRandomBits(key: number, target: Int32Array, count: number): void {
  let state = key | 0;
  for (let i = 0; i < count; i++) {
    state = (state + GOLDEN_RATIO_32) | 0;
    let x = state ^ (state >>> 16);
    x = Math.imul(x, 0x21f0aaad);
    x ^= x >>> 15;
    x = Math.imul(x, 0x735a2d97);
    target[i] = x ^ (x >>> 15);
  }
}

/**
 * splitmix32 with a reseedable state: a counter stepped by the golden ratio and avalanche-mixed,
 * which is all the quality price noise needs and costs a few integer multiplies per draw.
 * Reseeding instead of constructing keeps per-session draws free of allocations.
 */
export class SeededRandom {
  private state = 0;

  constructor(key = 0) {
    this.reseed(key);
  }

  /** Restarts the sequence at `key`; the same key always yields the same draws. */
  reseed(key: number): this {
    this.state = key >>> 0;
    return this;
  }

  nextUint32(): number {
    this.state = (this.state + GOLDEN_RATIO_32) >>> 0;
    return mix32(this.state);
  }

  /** Uniform in the open interval (0, 1): never 0, so its logarithm is always finite. */
  nextUniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Standard normal (see normal-table.ts for why a table rather than Box–Muller). */
  nextNormal(): number {
    return normalFromUint32(this.nextUint32());
  }

  /** Exponential with mean 1: the size of an excursion beyond a bar's open/close. */
  nextExponential(): number {
    return -Math.log(this.nextUniform());
  }
}
