/**
 * The clock the fetch policy waits on. Every wait in this folder goes through a `Sleep` so tests can pass
 * a fake one and run minutes of backoff and rate limiting in microseconds, deterministically.
 *
 * The default timer is deliberately not `unref()`ed: during an ingest a backoff sleep may be the only
 * thing pending, and the process must not exit in the middle of a retry.
 */

/**
 * Resolves after `ms`; rejects with `signal.reason` (and clears its timer) as soon as `signal` aborts.
 * Injected implementations must keep that contract: callers rely on it to stop promptly.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Milliseconds on a monotonic clock: a wall-clock step (NTP, DST) must not bend a rate limit. */
export type Now = () => number;

export const monotonicNow: Now = () => performance.now();

export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
