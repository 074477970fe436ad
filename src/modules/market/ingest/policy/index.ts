/**
 * Fetch policy primitives for market-data ingestion: a rate limit, a concurrency bound, backoff with
 * Retry-After, a circuit breaker, and `callWithPolicy`, which composes them for one provider call.
 */
export { TokenBucket, type TokenBucketOptions } from './token-bucket.js';
export { Semaphore } from './semaphore.js';
export { fullJitterDelay, parseRetryAfter, type FullJitterOptions } from './backoff.js';
export { parseHttpDate } from './http-date.js';
export { CircuitBreaker, CircuitOpenError, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export {
  callWithPolicy,
  classifyProviderError,
  createCallPolicy,
  RetriesExhaustedError,
  MAX_RETRY_AFTER_MS,
  type CallOptions,
  type CallOutcome,
  type CallPolicy,
  type CreateCallPolicyOptions,
  type RetryVerdict,
} from './call-with-policy.js';
export { DEFAULT_ATTEMPT_TIMEOUT_MS, DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS } from './call-policy.js';
export { sleep, monotonicNow, type Sleep, type Now } from './sleep.js';
