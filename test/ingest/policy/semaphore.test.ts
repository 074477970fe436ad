import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../../src/modules/market/ingest/policy/semaphore.js';
import { deferred, rejectionOf } from './helpers.js';

describe('Semaphore', () => {
  it('never lets more than `limit` holders in at once, however many ask', async () => {
    const semaphore = new Semaphore(3);
    let inside = 0;
    let most = 0;
    const gates = Array.from({ length: 10 }, () => deferred());
    const work = gates.map(async (gate) => {
      const release = await semaphore.acquire();
      inside += 1;
      most = Math.max(most, inside);
      await gate.promise;
      inside -= 1;
      release();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(semaphore.active).toBe(3);
    expect(semaphore.waiting).toBe(7);
    for (const gate of gates) {
      gate.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(work);
    expect(most).toBe(3);
    expect(semaphore.active).toBe(0);
  });

  it('hands a released slot to the longest waiter', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const order: string[] = [];
    const waiters = ['a', 'b', 'c'].map(async (name) => {
      const done = await semaphore.acquire();
      order.push(name);
      done();
    });
    release();
    await Promise.all(waiters);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('a release called twice frees one slot, not two', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const second = semaphore.acquire();
    const third = semaphore.acquire();
    release();
    release();
    const releaseSecond = await second;
    expect(semaphore.active).toBe(1);
    expect(semaphore.waiting).toBe(1);
    releaseSecond();
    (await third)();
    expect(semaphore.active).toBe(0);
  });

  it('a waiter that aborts leaves the line with its reason, and the slot goes to the next one', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const quitter = semaphore.acquire(controller.signal);
    const patient = semaphore.acquire();
    const reason = new Error('no longer needed');
    controller.abort(reason);
    expect(await rejectionOf(quitter)).toBe(reason);
    expect(semaphore.waiting).toBe(1);
    release();
    (await patient)();
    expect(semaphore.active).toBe(0);
  });

  it('an already-aborted signal is refused even when a slot is free', async () => {
    const semaphore = new Semaphore(2);
    const reason = new Error('cancelled before asking');
    expect(await rejectionOf(semaphore.acquire(AbortSignal.abort(reason)))).toBe(reason);
    expect(semaphore.active).toBe(0);
  });

  it('rejects a limit that is not a positive integer, saying what it got', () => {
    expect(() => new Semaphore(0)).toThrow(/limit must be an integer >= 1, got 0/);
    expect(() => new Semaphore(2.5)).toThrow(/got 2.5/);
    expect(() => new Semaphore(Number.NaN)).toThrow(RangeError);
  });
});
