/**
 * A first-come-first-served line of callers waiting for something (a rate-limit token, a concurrency slot).
 * TokenBucket and Semaphore share it so both treat an abort the same way: the caller leaves the line at
 * once, its promise rejects with the signal's reason, and the owner is told (`onLeave`) so it can stop
 * waiting on behalf of a line nobody stands in any more.
 */

interface Waiter {
  admit(): void;
  fail(error: unknown): void;
}

export class WaiterQueue {
  // A Set keeps insertion order (FIFO) and removes an aborted waiter from the middle in O(1).
  private readonly line = new Set<Waiter>();

  constructor(private readonly onLeave: () => void = () => undefined) {}

  get size(): number {
    return this.line.size;
  }

  /** Resolves when `admitNext` reaches this caller; rejects with `signal.reason` if it aborts first. */
  join(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.line.delete(waiter);
        reject(signal?.reason);
        this.onLeave();
      };
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.line.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Lets the longest-waiting caller through; `false` when nobody waits. */
  admitNext(): boolean {
    const first = this.line.values().next();
    if (first.done === true) return false;
    this.line.delete(first.value);
    first.value.admit();
    return true;
  }

  /** Rejects everybody in line with `error` (the owner can no longer serve them). */
  failAll(error: unknown): void {
    const waiters = [...this.line];
    this.line.clear();
    for (const waiter of waiters) waiter.fail(error);
  }
}
