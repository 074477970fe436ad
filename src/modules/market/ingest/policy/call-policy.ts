/**
 * The bundle of limits one provider is called under. One CallPolicy is shared by every call to that
 * provider during an ingest: its bucket, semaphore and breaker only protect the provider if all calls
 * go through the same instances.
 */
import { assertDuration } from './backoff.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { Semaphore } from './semaphore.js';
import type { Now, Sleep } from './sleep.js';
import { TokenBucket } from './token-bucket.js';

export interface CallPolicy {
  /** Every attempt, retries included, takes a token. */
  bucket: TokenBucket;
  /** Bounds attempts in flight; held only during an attempt, not during backoff sleeps. */
  semaphore: Semaphore;
  /** Consulted before each attempt; when open the call fails with CircuitOpenError. */
  breaker: CircuitBreaker;
  /**
   * Attempts per call, the first one included (an integer >= 1).
   * @default 4 (1 try + 3 retries)
   */
  maxAttempts: number;
  /**
   * Each attempt's own deadline, in ms; passing it aborts the attempt's signal and counts as a retryable
   * `timeout` ProviderError.
   * @default 10_000
   */
  attemptTimeoutMs: number;
  /**
   * Full-jitter backoff between attempts (see fullJitterDelay).
   * @default { baseMs: 200, capMs: 5_000 }
   */
  backoff: { baseMs: number; capMs: number };
  /** Uniform in [0, 1), for the jitter. @default Math.random */
  random?: () => number;
  /** Backoff and attempt-timeout waits; must reject with the signal's reason on abort. @default setTimeout */
  sleep?: Sleep;
}

export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
export const DEFAULT_BACKOFF = { baseMs: 200, capMs: 5_000 } as const;

export interface CreateCallPolicyOptions {
  /** The provider's rate limit (TokenBucket.ratePerSecond). */
  requestsPerSecond: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Requests allowed back to back after a quiet spell. @default 1 (evenly spaced requests) */
  burst?: number;
  /** @default 10_000 */
  attemptTimeoutMs?: number;
  /** @default 4 */
  maxAttempts?: number;
  /** @default 5 */
  failureThreshold?: number;
  /** @default 30_000 */
  coolDownMs?: number;
  /** @default { baseMs: 200, capMs: 5_000 } */
  backoff?: { baseMs: number; capMs: number };
  /** Monotonic clock for the bucket and the breaker (tests pass a fake one). @default performance.now */
  now?: Now;
  /** @default a setTimeout sleep */
  sleep?: Sleep;
  /** @default Math.random */
  random?: () => number;
}

export function createCallPolicy(options: CreateCallPolicyOptions): CallPolicy {
  const { now, sleep, random } = options;
  const policy: CallPolicy = {
    bucket: new TokenBucket({ ratePerSecond: options.requestsPerSecond, burst: options.burst ?? 1, now, sleep }),
    semaphore: new Semaphore(options.concurrency),
    breaker: new CircuitBreaker({ failureThreshold: options.failureThreshold, coolDownMs: options.coolDownMs, now }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    attemptTimeoutMs: options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    backoff: options.backoff ?? { ...DEFAULT_BACKOFF },
    random,
    sleep,
  };
  validateCallPolicy(policy);
  return policy;
}

/** Throws a RangeError naming the first setting that cannot work, and what it was. */
export function validateCallPolicy(policy: CallPolicy): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer >= 1 (1 = no retries), got ${String(policy.maxAttempts)}`);
  }
  if (!(policy.attemptTimeoutMs > 0)) {
    throw new RangeError(`attemptTimeoutMs must be > 0, got ${String(policy.attemptTimeoutMs)}`);
  }
  assertDuration('attemptTimeoutMs', policy.attemptTimeoutMs);
  assertDuration('backoff.baseMs', policy.backoff.baseMs);
  assertDuration('backoff.capMs', policy.backoff.capMs);
}
