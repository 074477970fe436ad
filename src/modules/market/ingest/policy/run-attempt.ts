/**
 * One attempt with its own AbortSignal, aborted by whichever comes first: the attempt's deadline or the
 * caller's own signal. The result settles the moment either fires, even when the attempt ignores its
 * signal: a hostile provider that never answers (or a parser that never returns) must not hold the ingest.
 *
 * This is `AbortSignal.any([callerSignal, AbortSignal.timeout(ms)])` written out by hand, for two reasons:
 * the deadline runs on the injected `sleep` (so tests control it), and we must know *which* of the two
 * fired — a deadline is the provider's fault and worth a retry, the caller's abort ends everything.
 */
import { ProviderError } from '../provider.js';
import type { Sleep } from './sleep.js';

export type AttemptResult<T> =
  | { kind: 'value'; value: T }
  /** The attempt threw, or its deadline passed (then `error` is a ProviderError of kind `timeout`). */
  | { kind: 'failed'; error: unknown }
  /** The caller aborted; `reason` is its signal's reason. */
  | { kind: 'cancelled'; reason: unknown };

export function runAttempt<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  sleep: Sleep,
  callerSignal?: AbortSignal,
): Promise<AttemptResult<T>> {
  if (callerSignal?.aborted) return Promise.resolve({ kind: 'cancelled', reason: callerSignal.reason });
  const attemptController = new AbortController();
  const deadline = new AbortController();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: AttemptResult<T>, abortReason?: unknown) => {
      if (settled) return;
      settled = true;
      deadline.abort();
      callerSignal?.removeEventListener('abort', onCallerAbort);
      if (abortReason !== undefined) attemptController.abort(abortReason);
      resolve(result);
    };
    const onCallerAbort = () => {
      const reason: unknown = callerSignal?.reason;
      settle({ kind: 'cancelled', reason }, reason);
    };
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    sleep(timeoutMs, deadline.signal).then(
      () => {
        const reason = new DOMException(`attempt timed out after ${timeoutMs} ms`, 'TimeoutError');
        settle({ kind: 'failed', error: new ProviderError({ kind: 'timeout', afterMs: timeoutMs }) }, reason);
      },
      () => undefined, // the deadline was cancelled because the attempt settled first
    );

    let pending: Promise<T>;
    try {
      pending = Promise.resolve(attempt(attemptController.signal));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => settle({ kind: 'value', value }),
      // After a deadline or an abort this late rejection is just the attempt noticing; it is ignored.
      (error: unknown) => settle({ kind: 'failed', error }),
    );
  });
}
