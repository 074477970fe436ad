/** Small builders shared by the policy tests: repeatable randomness, hand-settled promises, provider errors. */
import { ProviderError } from '../../../src/modules/market/ingest/provider.js';
import { hashSeed, uniformAt } from '../../../src/modules/market/synthetic/random.js';

/** Repeatable randomness for property-style tests (the synthetic market's generator, as a stream). */
export function seededRandom(seed: number): () => number {
  const key = hashSeed(seed);
  let index = 0;
  return () => uniformAt(key, index++);
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** `Promise.withResolvers`, which Node 20 lacks. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function httpError(status: number, retryAfterMs: number | null = null): ProviderError {
  return new ProviderError({ kind: 'http', status, retryAfterMs, detail: `status ${status}` });
}

export function networkError(detail = 'ECONNRESET'): ProviderError {
  return new ProviderError({ kind: 'network', detail });
}

/** Captures a promise's rejection (or fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
