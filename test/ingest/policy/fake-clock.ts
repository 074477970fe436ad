/**
 * A hand-driven clock for the policy primitives: `now` and `sleep` as they inject them, with time moving
 * only when a test says so. Timers fire in time order, and every promise chain they start runs to its
 * end before the next one fires, so a test reads like a timeline and never depends on machine speed.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises';

interface Timer {
  at: number;
  seq: number;
  fire(): void;
}

export class FakeClock {
  private time = 0;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(start = 0) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        this.timers.delete(timer);
        reject(signal?.reason);
      };
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.add(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Lets every promise chain that can run without time passing run to its end. */
  async settle(): Promise<void> {
    // Microtasks all drain before a macrotask; two turns cover work queued by the first.
    await nextMacrotask();
    await nextMacrotask();
  }

  /** Moves time forward by `ms`, firing due timers one at a time in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await this.settle();
    for (let next = this.nextTimer(); next !== undefined && next.at <= end; next = this.nextTimer()) {
      this.timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.fire();
      await this.settle();
    }
    this.time = end;
    await this.settle();
  }

  /** Fires timers until none is left (or `limit` have fired: a runaway loop fails instead of hanging). */
  async runAll(limit = 10_000): Promise<void> {
    await this.settle();
    for (let fired = 0; ; fired += 1) {
      const next = this.nextTimer();
      if (next === undefined) return;
      if (fired >= limit) throw new Error(`FakeClock.runAll: still ${this.timers.size} timers after ${limit} fired`);
      this.timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.fire();
      await this.settle();
    }
  }

  private nextTimer(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }
}
