import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/modules/market/ingest/policy/token-bucket.js';
import { FakeClock } from './fake-clock.js';
import { rejectionOf, seededRandom } from './helpers.js';

function bucketOn(clock: FakeClock, ratePerSecond: number, burst?: number): TokenBucket {
  return new TokenBucket({ ratePerSecond, burst, now: clock.now, sleep: clock.sleep });
}

/** Starts a take and records the clock when it is granted. */
function timedTake(bucket: TokenBucket, clock: FakeClock, grants: number[], signal?: AbortSignal): Promise<void> {
  return bucket.take(signal).then(() => {
    grants.push(clock.now());
  });
}

/** The most grants inside any half-open window [t, t + w): the worst window starts at a grant. */
function mostGrantsInWindow(grants: readonly number[], w: number): number {
  let most = 0;
  for (let i = 0; i < grants.length; i++) {
    let count = 0;
    for (let j = i; j < grants.length && (grants[j] ?? Infinity) < (grants[i] ?? 0) + w; j++) count += 1;
    most = Math.max(most, count);
  }
  return most;
}

describe('TokenBucket', () => {
  it('spaces takes evenly at 1/rate with the default burst of 1', async () => {
    const clock = new FakeClock();
    const bucket = bucketOn(clock, 10);
    const grants: number[] = [];
    const takes = Array.from({ length: 5 }, () => timedTake(bucket, clock, grants));
    await clock.runAll();
    await Promise.all(takes);
    expect(grants).toEqual([0, 100, 200, 300, 400]);
  });

  it('lets a burst through at once after a quiet spell, then falls back to the rate', async () => {
    const clock = new FakeClock();
    const bucket = bucketOn(clock, 10, 3);
    const grants: number[] = [];
    const first = Array.from({ length: 5 }, () => timedTake(bucket, clock, grants));
    await clock.runAll();
    await Promise.all(first);
    expect(grants).toEqual([0, 0, 0, 100, 200]);

    await clock.advance(1_000); // long enough to refill all three tokens
    grants.length = 0;
    const second = Array.from({ length: 4 }, () => timedTake(bucket, clock, grants));
    await clock.runAll();
    await Promise.all(second);
    expect(grants).toEqual([1_200, 1_200, 1_200, 1_300]);
  });

  it('never grants more than burst + floor(rate × w) takes in any window of length w (random bursts)', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const rate = 0.5 + random() * 40;
      const burst = 1 + Math.floor(random() * 4);
      const interval = 1000 / rate;
      const clock = new FakeClock();
      const bucket = bucketOn(clock, rate, burst);
      const grants: number[] = [];
      const takes: Array<Promise<void>> = [];
      // Clusters of requests with quiet gaps of up to four intervals between them, some mid-backlog.
      for (let cluster = 0; cluster < 12; cluster++) {
        await clock.advance(random() * 4 * interval);
        const size = 1 + Math.floor(random() * 6);
        for (let k = 0; k < size; k++) takes.push(timedTake(bucket, clock, grants));
      }
      await clock.runAll();
      await Promise.all(takes);

      const lengths = [interval / 2, interval, 1.5 * interval, 3 * interval, 1_000, 2_500];
      for (let i = 0; i < grants.length; i++) {
        for (let j = i + 1; j < grants.length; j++) lengths.push((grants[j] ?? 0) - (grants[i] ?? 0) + 2e-6);
      }
      const violations: string[] = [];
      for (const w of lengths) {
        // Grant times are floats summed over many intervals: compare to within a nanosecond.
        const allowed = burst + Math.floor((rate * w) / 1000 + 1e-9);
        const most = mostGrantsInWindow(grants, w - 1e-6);
        if (most > allowed) violations.push(`w ${w}: ${most} grants, allowed ${allowed}`);
      }
      expect(violations, `seed ${seed}, rate ${rate}, burst ${burst}`).toEqual([]);
    }
  });

  it('serves waiters in the order they asked', async () => {
    const clock = new FakeClock();
    const bucket = bucketOn(clock, 10);
    const order: string[] = [];
    const takes = ['a', 'b', 'c'].map((name) => bucket.take().then(() => order.push(name)));
    await clock.advance(50);
    takes.push(bucket.take().then(() => order.push('late')));
    await clock.runAll();
    await Promise.all(takes);
    expect(order).toEqual(['a', 'b', 'c', 'late']);
  });

  it('an aborted waiter rejects with its reason and gives its place to the next one', async () => {
    const clock = new FakeClock();
    const bucket = bucketOn(clock, 10);
    const grants: number[] = [];
    const gone = new AbortController();
    const first = timedTake(bucket, clock, grants);
    const quitter = bucket.take(gone.signal);
    const third = timedTake(bucket, clock, grants);
    expect(bucket.waiting).toBe(2);
    await clock.advance(40);
    const reason = new Error('caller gave up');
    gone.abort(reason);
    expect(await rejectionOf(quitter)).toBe(reason);
    expect(bucket.waiting).toBe(1);
    await clock.runAll();
    await Promise.all([first, third]);
    expect(grants).toEqual([0, 100]);
  });

  it('an already-aborted signal is refused without spending a token', async () => {
    const clock = new FakeClock();
    const bucket = bucketOn(clock, 1);
    const reason = new Error('already cancelled');
    expect(await rejectionOf(bucket.take(AbortSignal.abort(reason)))).toBe(reason);
    const grants: number[] = [];
    await timedTake(bucket, clock, grants);
    expect(grants).toEqual([0]);
  });

  it('leaves no timer behind when every waiter has given up', async () => {
    const clock = new FakeClock();
    const bucket = bucketOn(clock, 1);
    await bucket.take();
    const controller = new AbortController();
    const waiters = [bucket.take(controller.signal), bucket.take(controller.signal)];
    await clock.settle();
    expect(clock.pendingTimers).toBe(1);
    controller.abort();
    await Promise.allSettled(waiters);
    await clock.settle();
    expect(clock.pendingTimers).toBe(0);
    expect(bucket.waiting).toBe(0);
  });

  it('rejects impossible options with a message that shows what was given', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(/ratePerSecond must be a finite number > 0, got 0/);
    expect(() => new TokenBucket({ ratePerSecond: -2 })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: Number.NaN })).toThrow(/got NaN/);
    expect(() => new TokenBucket({ ratePerSecond: Number.POSITIVE_INFINITY })).toThrow(/got Infinity/);
    expect(() => new TokenBucket({ ratePerSecond: 5, burst: 0 })).toThrow(/burst must be an integer >= 1, got 0/);
    expect(() => new TokenBucket({ ratePerSecond: 5, burst: 1.5 })).toThrow(/got 1.5/);
  });

  it('on the real clock, takes are granted no faster than the rate', async () => {
    // Measured from before the first take to after the last: a lower bound that a late-running
    // continuation cannot break (gaps between two callbacks' own clock reads can look shorter than 1/rate).
    const bucket = new TokenBucket({ ratePerSecond: 50 });
    const start = performance.now();
    for (let i = 0; i < 4; i++) await bucket.take();
    // The first take is immediate; each of the next three waits its 20 ms.
    expect(performance.now() - start).toBeGreaterThanOrEqual(3 * 20 - 1e-6);
  });
});
