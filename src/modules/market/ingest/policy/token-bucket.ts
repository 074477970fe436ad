/**
 * A token bucket that makes callers wait, first come first served, so an ingest never sends the provider
 * more requests than it allows — however many symbols are queued and however many retries they need.
 *
 * It is kept as GCRA (the "generic cell rate algorithm", an exact equivalent of a bucket of `burst`
 * tokens refilled at `ratePerSecond`): one number, the theoretical arrival time `tat` of the next
 * request at the sustained rate. A take is granted at `now` when `now >= tat - (burst - 1) * interval`,
 * and then `tat = max(tat, now) + interval`. No fractional token counts accumulate rounding errors, and a
 * caller that is granted late (a slow timer) pushes the schedule back rather than bunching the next ones.
 *
 * Guarantee: the number of takes granted in any half-open window [t, t + w) is at most
 * `burst + floor(ratePerSecond * w / 1000)`. (Each grant moves `tat` on by one interval, so n grants
 * inside the window need (n - burst) intervals < w between the first and the last; exact in real numbers,
 * while float rounding may move a grant by picoseconds.) With the default
 * burst of 1, grants are at least 1/rate apart, so "never more than `rate` requests in any second" holds
 * as the server sees it, up to network jitter. Grant times are read from `now`, after any sleep: a timer
 * firing early never lets a take through early.
 */
import { WaiterQueue } from './waiter-queue.js';
import { monotonicNow, sleep as realSleep, type Now, type Sleep } from './sleep.js';

export interface TokenBucketOptions {
  /** Sustained rate: tokens added per second. A finite number > 0 (fractions such as 0.5 are fine). */
  ratePerSecond: number;
  /**
   * Tokens the bucket holds when full: how many takes may go through back to back after a quiet spell.
   * @default 1
   */
  burst?: number;
  /** Monotonic milliseconds. @default performance.now */
  now?: Now;
  /** Waits for the next token; must reject with the signal's reason on abort. @default a setTimeout sleep */
  sleep?: Sleep;
}

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly now: Now;
  private readonly sleep: Sleep;
  // No request yet: the first `burst` takes are immediate.
  private tat = Number.NEGATIVE_INFINITY;
  private readonly queue = new WaiterQueue(() => this.onWaiterLeft());
  private pumping = false;
  private pumpSleep: AbortController | undefined;

  constructor(options: TokenBucketOptions) {
    const { ratePerSecond, burst = 1 } = options;
    if (typeof ratePerSecond !== 'number' || !Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
      throw new RangeError(`TokenBucket ratePerSecond must be a finite number > 0, got ${String(ratePerSecond)}`);
    }
    if (!Number.isInteger(burst) || burst < 1) {
      throw new RangeError(`TokenBucket burst must be an integer >= 1, got ${String(burst)}`);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.intervalMs = 1000 / ratePerSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
    this.now = options.now ?? monotonicNow;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.queue.size;
  }

  /**
   * Waits until a token is available and consumes it. Waiters are served in call order; one that aborts
   * leaves the line (its place goes to the next) and the promise rejects with the signal's reason.
   */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    // Nobody ahead: take at once if a token is there (no timer, no extra turn of the event loop).
    const now = this.now();
    if (this.queue.size === 0 && this.msUntilToken(now) <= 0) {
      this.consume(now);
      return;
    }
    const admitted = this.queue.join(signal);
    this.pump();
    return admitted;
  }

  private msUntilToken(now: number): number {
    return this.tat - this.toleranceMs - now;
  }

  private consume(now: number): void {
    this.tat = Math.max(this.tat, now) + this.intervalMs;
  }

  /** One loop at a time hands tokens to the head of the line, sleeping until each is due. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    void this.serveLine();
  }

  private async serveLine(): Promise<void> {
    // `pumping` must drop in the same turn the loop sees an empty line: a take() arriving a microtask
    // later would otherwise join, see a pump still "running", and wait forever.
    try {
      while (this.queue.size > 0) {
        const now = this.now();
        const waitMs = this.msUntilToken(now);
        if (waitMs <= 0) {
          this.consume(now);
          this.queue.admitNext();
          continue;
        }
        await this.sleepUntilDue(waitMs);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async sleepUntilDue(waitMs: number): Promise<void> {
    const wake = new AbortController();
    this.pumpSleep = wake;
    try {
      await this.sleep(waitMs, wake.signal);
    } catch (error) {
      // Aborted because the line emptied: the loop condition ends it. Anything else is a broken sleep,
      // and the waiters must hear about it rather than hang.
      if (!wake.signal.aborted) this.queue.failAll(error);
    } finally {
      this.pumpSleep = undefined;
    }
  }

  private onWaiterLeft(): void {
    // The last waiter gave up: stop the pending timer instead of letting it fire for nobody.
    if (this.queue.size === 0) this.pumpSleep?.abort();
  }
}
