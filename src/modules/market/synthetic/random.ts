/**
 * Small, fast, seedable randomness for the synthetic market.
 *
 * Every random draw is addressed by a key built from what it describes — (seed, symbol, stream,
 * session day) — and an index, instead of coming from one long sequence. So a stock's history
 * never depends on which other stocks were generated or in what order, and the numbers of any
 * single session can be re-drawn later without replaying the years before it.
 *
 * The generator is splitmix32: draw i under key k is mix32(k + (i + 1)·φ), a counter run through an
 * avalanche mixer. That is all the quality price noise needs, costs a few integer multiplies, and
 * lets any draw be computed directly.
 */
import { normalFromBits } from './normal-table.js';

const GOLDEN_RATIO_32 = 0x9e3779b9;
const TWO_POW_32 = 4_294_967_296;

/** Stream tags (four ASCII letters each): draws for different purposes stay independent under the same key. */
export const RANDOM_STREAM = {
  PROFILE: 0x50524f46,
  MARKET: 0x4d4b5420,
  SECTOR: 0x53454354,
  REGIME: 0x52454749,
  SESSION: 0x53455353,
  INTRADAY: 0x494e5452,
} as const;

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

/** Draw number `index` (0-based) under `key`, as an unsigned 32-bit integer. */
export function randomBitsAt(key: number, index: number): number {
  return mix32((key + Math.imul(index + 1, GOLDEN_RATIO_32)) >>> 0);
}

/** Draw `index` under `key` as a uniform in the open interval (0, 1): never 0, so its log is finite. */
export function uniformAt(key: number, index: number): number {
  return (randomBitsAt(key, index) + 0.5) / TWO_POW_32;
}

/** Draw `index` under `key` as a standard normal (see normal-table.ts). */
export function normalAt(key: number, index: number): number {
  return normalFromBits(randomBitsAt(key, index));
}

/**
 * Fills `target[0…count)` with draws 0…count−1 under `key` (as signed integers; read them with
 * `>>> 0`), in one tight loop: minute paths need hundreds of draws per session.
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
