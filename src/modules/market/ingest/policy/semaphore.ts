/**
 * Bounds how many provider requests are in flight at once. A slot that is released goes straight to the
 * longest waiter, so a steady stream of new callers cannot starve an old one.
 */
import { WaiterQueue } from './waiter-queue.js';

export class Semaphore {
  private inUse = 0;
  private readonly queue = new WaiterQueue();

  /** `limit`: slots, an integer >= 1. */
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`Semaphore limit must be an integer >= 1, got ${String(limit)}`);
    }
  }

  /** Slots held now. */
  get active(): number {
    return this.inUse;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.queue.size;
  }

  /**
   * Waits for a slot (FIFO) and returns its release function, which is safe to call more than once: only
   * the first call frees the slot. Rejects with the signal's reason if it aborts while waiting.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.inUse < this.limit && this.queue.size === 0) {
      this.inUse += 1;
    } else {
      // The releasing caller hands its slot over, so `inUse` already counts ours when this resolves.
      await this.queue.join(signal);
    }
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (!this.queue.admitNext()) this.inUse -= 1;
    };
  }
}
