/**
 * One logical provider call under a CallPolicy: retries with backoff, a rate limit every attempt pays,
 * bounded concurrency, a deadline per attempt and a circuit breaker. The ingester calls this once per
 * chart and never sees a sleep or a retry loop.
 *
 * Order inside an attempt: breaker (fail fast if open) → semaphore slot → rate-limit token → breaker
 * again (this claims the probe when half-open) → request. The token is taken while holding the slot,
 * never before: a token taken early and spent later would let queued requests leave in a bunch, and the
 * rate limit is promised to the server as it sees requests arrive.
 *
 * How a call ends:
 * - a value: `{ value, attempts, retries }`;
 * - the caller's signal aborted: its reason, rethrown as is, promptly (in a wait, a sleep or an attempt);
 * - a non-retryable error (404, malformed payload, any non-ProviderError): that error, as is;
 * - retryable errors until `maxAttempts` (or a Retry-After longer than we wait): RetriesExhaustedError,
 *   with the attempt count and the last attempt's error as `cause`;
 * - the circuit open: CircuitOpenError (with the previous attempt's error as `cause`, if there was one).
 */
import { ProviderError } from '../provider.js';
import { fullJitterDelay } from './backoff.js';
import { validateCallPolicy, type CallPolicy } from './call-policy.js';
import { CircuitOpenError } from './circuit-breaker.js';
import { runAttempt, type AttemptResult } from './run-attempt.js';
import { sleep as realSleep } from './sleep.js';

export { createCallPolicy, type CallPolicy, type CreateCallPolicyOptions } from './call-policy.js';

/**
 * The longest Retry-After we wait for. Without a bound a provider (or a proxy in front of it) answering
 * `Retry-After: 86400` would park the ingest for a day. A longer request is not shortened — retrying
 * sooner than asked earns another 429 and risks a ban — the call gives up instead, and the breaker and
 * the next scheduled ingest take it from there.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

export interface CallOutcome<T> {
  value: T;
  /** Attempts made, the successful one included. */
  attempts: number;
  /** `attempts - 1`. */
  retries: number;
}

export interface RetryVerdict {
  retryable: boolean;
  /** The server's requested wait, in ms, if it sent one. */
  retryAfterMs: number | null;
}

export interface CallOptions {
  /** The caller's cancellation: aborts the attempt in flight and any wait, and ends the call. */
  signal?: AbortSignal;
  /** Which errors are worth another attempt. @default classifyProviderError */
  classify?: (error: unknown) => RetryVerdict;
  /** Called before each backoff sleep; `attempt` is the 1-based number of the attempt that just failed. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** A call gave up after retryable failures; `cause` is the last attempt's error. */
export class RetriesExhaustedError extends Error {
  constructor(
    /** Attempts made. */
    readonly attempts: number,
    cause: unknown,
    /** Set when we stopped because the server asked for a longer wait than MAX_RETRY_AFTER_MS. */
    readonly retryAfterMs: number | null = null,
  ) {
    const gaveUp = `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    const limit = `longer than the ${MAX_RETRY_AFTER_MS} ms we wait at most`;
    const why = retryAfterMs === null ? gaveUp : `${gaveUp}: the provider asked to wait ${retryAfterMs} ms, ${limit}`;
    super(`${why}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RetriesExhaustedError';
  }
}

/** The default classifier: a ProviderError says for itself; anything else is a bug or a refusal, not retried. */
export function classifyProviderError(error: unknown): RetryVerdict {
  if (error instanceof ProviderError) return { retryable: error.retryable, retryAfterMs: error.retryAfterMs };
  return { retryable: false, retryAfterMs: null };
}

export async function callWithPolicy<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: CallPolicy,
  options: CallOptions = {},
): Promise<CallOutcome<T>> {
  validateCallPolicy(policy);
  const { signal, classify = classifyProviderError, onRetry } = options;
  const { breaker } = policy;
  const sleep = policy.sleep ?? realSleep;
  let lastError: unknown;
  for (let attempts = 1; ; attempts += 1) {
    signal?.throwIfAborted();
    // Fail fast: do not queue for a slot and a token only to be refused.
    if (breaker.state.kind === 'open') throw circuitOpen(policy, lastError);
    const result = await attemptInSlot(attempt, policy, lastError, signal);
    if (result.kind === 'value') {
      breaker.recordSuccess();
      return { value: result.value, attempts, retries: attempts - 1 };
    }
    if (result.kind === 'cancelled') {
      breaker.recordCancelled();
      throw result.reason;
    }
    const verdict = classify(result.error);
    if (!verdict.retryable) {
      // The provider answered, even if we do not like the answer: it is up, as far as the breaker cares.
      breaker.recordSuccess();
      throw result.error;
    }
    breaker.recordFailure();
    lastError = result.error;
    if (attempts >= policy.maxAttempts) throw new RetriesExhaustedError(attempts, result.error);
    const retryAfterMs = verdict.retryAfterMs;
    if (retryAfterMs !== null && retryAfterMs > MAX_RETRY_AFTER_MS) {
      throw new RetriesExhaustedError(attempts, result.error, retryAfterMs);
    }
    // Never sooner than the server asked, and never in lockstep with other callers.
    const jitterMs = fullJitterDelay(attempts - 1, { ...policy.backoff, random: policy.random });
    const delayMs = Math.max(retryAfterMs ?? 0, jitterMs);
    onRetry?.({ attempt: attempts, delayMs, error: result.error });
    await sleep(delayMs, signal);
  }
}

/** Slot, token, breaker, request; the slot is held for exactly that long. */
async function attemptInSlot<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: CallPolicy,
  lastError: unknown,
  signal: AbortSignal | undefined,
): Promise<AttemptResult<T>> {
  const release = await policy.semaphore.acquire(signal);
  try {
    await policy.bucket.take(signal);
    // Checked again after the waits: the circuit may have opened meanwhile, and when half-open this is
    // the call that claims the single probe.
    if (!policy.breaker.canAttempt()) throw circuitOpen(policy, lastError);
    return await runAttempt(attempt, policy.attemptTimeoutMs, policy.sleep ?? realSleep, signal);
  } finally {
    release();
  }
}

function circuitOpen(policy: CallPolicy, lastError: unknown): CircuitOpenError {
  return new CircuitOpenError(policy.breaker.retryInMs, lastError === undefined ? undefined : { cause: lastError });
}
