import { describe, expect, it } from 'vitest';
import { callWithPolicy } from '../../../src/modules/market/ingest/policy/call-with-policy.js';
import { FakeClock } from './fake-clock.js';
import { httpError, rejectionOf } from './helpers.js';
import { never, policyOn, scripted } from './call-harness.js';

describe("callWithPolicy: the caller's abort", () => {
  it("the caller's abort ends an attempt in flight at once with its reason, even one that ignores it", async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock);
    const { attempt, starts, signals } = scripted(clock, [never]);
    const controller = new AbortController();
    const call = callWithPolicy(attempt, policy, { signal: controller.signal });
    await clock.settle();
    const reason = new Error('ingest cancelled');
    controller.abort(reason);
    expect(await rejectionOf(call)).toBe(reason);
    expect(signals[0]?.reason).toBe(reason);
    await clock.runAll();
    expect(starts).toHaveLength(1);
    expect(policy.semaphore.active).toBe(0);
    expect(policy.breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0 });
  });

  it("the caller's abort ends a backoff sleep and no further attempt is made", async () => {
    const clock = new FakeClock();
    const { attempt, starts } = scripted(clock, [httpError(503, 5_000), 'chart']);
    const controller = new AbortController();
    const call = callWithPolicy(attempt, policyOn(clock), { signal: controller.signal });
    call.catch(() => undefined);
    await clock.advance(1_000);
    controller.abort();
    expect(await rejectionOf(call)).toMatchObject({ name: 'AbortError' });
    await clock.runAll();
    expect(starts).toEqual([0]);
  });

  it("the caller's abort gets a call out of the queue for a slot", async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { concurrency: 1 });
    const busy = callWithPolicy(never, policy);
    busy.catch(() => undefined);
    const controller = new AbortController();
    const { attempt, starts } = scripted(clock, ['chart']);
    const queued = callWithPolicy(attempt, policy, { signal: controller.signal });
    await clock.settle();
    expect(policy.semaphore.waiting).toBe(1);
    controller.abort();
    await rejectionOf(queued);
    expect(policy.semaphore.waiting).toBe(0);
    expect(starts).toEqual([]);
  });

  it('an already-aborted call never reaches the provider', async () => {
    const clock = new FakeClock();
    const { attempt, starts } = scripted(clock, ['chart']);
    const reason = new Error('too late');
    const call = callWithPolicy(attempt, policyOn(clock), { signal: AbortSignal.abort(reason) });
    expect(await rejectionOf(call)).toBe(reason);
    expect(starts).toEqual([]);
  });
});
