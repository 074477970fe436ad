import { describe, expect, it } from 'vitest';
import { callWithPolicy, RetriesExhaustedError } from '../../../src/modules/market/ingest/policy/call-with-policy.js';
import { CircuitOpenError } from '../../../src/modules/market/ingest/policy/circuit-breaker.js';
import { FakeClock } from './fake-clock.js';
import { deferred, httpError, networkError, rejectionOf } from './helpers.js';
import { policyOn, scripted, settleOn } from './call-harness.js';

describe('callWithPolicy: rate, concurrency and the circuit breaker', () => {
  it('every retry takes a rate-limit token, shared by all calls', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { requestsPerSecond: 10, burst: 1 });
    const a = scripted(clock, [httpError(503), httpError(503), 'a']);
    const b = scripted(clock, [networkError(), 'b']);
    const calls = Promise.all([callWithPolicy(a.attempt, policy), callWithPolicy(b.attempt, policy)]);
    await settleOn(clock, calls);
    expect([...a.starts, ...b.starts].sort((x, y) => x - y)).toEqual([0, 100, 200, 300, 400]);
  });

  it('keeps requests 1/rate apart even when they queued for a slot meanwhile', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { requestsPerSecond: 10, burst: 1, concurrency: 2 });
    const finish = deferred<string>();
    const starts: number[] = [];
    const attempt = () => {
      starts.push(clock.now());
      return finish.promise;
    };
    const calls = Promise.all(Array.from({ length: 4 }, () => callWithPolicy(attempt, policy)));
    await clock.advance(1_000);
    finish.resolve('chart'); // both slots free at once, with two calls waiting for them
    await settleOn(clock, calls);
    // A token taken while still queued for a slot would have let the last two leave together at 1000.
    expect(starts).toEqual([0, 100, 1_000, 1_100]);
  });

  it('never has more than `concurrency` attempts in flight', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { concurrency: 3 });
    let inFlight = 0;
    let most = 0;
    const slowThenFlaky = (index: number) => {
      let tries = 0;
      return async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await clock.sleep(50);
        inFlight -= 1;
        tries += 1;
        if (index % 2 === 0 && tries === 1) throw httpError(503);
        return `chart ${index}`;
      };
    };
    const calls = Promise.all(Array.from({ length: 12 }, (_, i) => callWithPolicy(slowThenFlaky(i), policy)));
    const outcomes = await settleOn(clock, calls);
    expect(outcomes.map((o) => o.value)).toEqual(Array.from({ length: 12 }, (_, i) => `chart ${i}`));
    expect(most).toBe(3);
    expect(policy.semaphore.active).toBe(0);
  });

  it('does not hold its slot while it sleeps before a retry', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { concurrency: 1 });
    const slow = scripted(clock, [httpError(503, 1_000), 'slow']);
    const other = scripted(clock, ['other']);
    const first = callWithPolicy(slow.attempt, policy);
    await clock.advance(10);
    const second = callWithPolicy(other.attempt, policy);
    await clock.advance(10);
    expect(other.starts).toEqual([10]);
    await settleOn(clock, Promise.all([first, second]));
    expect(slow.starts).toEqual([0, 1_000]);
  });

  it('opens the circuit after consecutive failures and then fails fast without calling the provider', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { failureThreshold: 3, maxAttempts: 1, coolDownMs: 10_000 });
    for (let i = 0; i < 3; i++) {
      const { attempt } = scripted(clock, [httpError(503)]);
      expect(await rejectionOf(settleOn(clock, callWithPolicy(attempt, policy)))).toBeInstanceOf(RetriesExhaustedError);
    }
    const { attempt, starts } = scripted(clock, ['chart']);
    const error = await rejectionOf(callWithPolicy(attempt, policy));
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).retryInMs).toBe(10_000);
    expect(starts).toEqual([]);
    expect(policy.breaker.openedCount).toBe(1);

    await clock.advance(10_000);
    expect((await settleOn(clock, callWithPolicy(attempt, policy))).value).toBe('chart');
    expect(policy.breaker.state.kind).toBe('closed');
  });

  it('refuses a call on an open circuit at once, without waiting for a rate-limit token', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { requestsPerSecond: 1, burst: 1, failureThreshold: 1, maxAttempts: 1 });
    await rejectionOf(settleOn(clock, callWithPolicy(scripted(clock, [httpError(503)]).attempt, policy)));
    // The next token is due at 1000 ms: a refusal that queued for it would still be pending.
    let refused: unknown;
    callWithPolicy(scripted(clock, ['chart']).attempt, policy).catch((error: unknown) => (refused = error));
    await clock.settle();
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect(clock.now()).toBe(0);
  });

  it('stops retrying when the circuit opens mid-call, keeping the last failure as the cause', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { failureThreshold: 2, maxAttempts: 4 });
    const second = networkError('ECONNREFUSED');
    const { attempt, starts } = scripted(clock, [networkError(), second, 'chart']);
    const error = await rejectionOf(settleOn(clock, callWithPolicy(attempt, policy)));
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as Error).cause).toBe(second);
    expect(starts).toHaveLength(2);
  });

  it('a 404 tells the breaker the provider is up', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { failureThreshold: 2, maxAttempts: 1 });
    for (const error of [httpError(503), httpError(404), httpError(503)]) {
      await rejectionOf(settleOn(clock, callWithPolicy(scripted(clock, [error]).attempt, policy)));
    }
    expect(policy.breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 1 });
  });

  it('while half-open, lets one probe through and refuses the calls that arrive meanwhile', async () => {
    const clock = new FakeClock();
    const policy = policyOn(clock, { failureThreshold: 1, maxAttempts: 1, coolDownMs: 1_000 });
    await rejectionOf(settleOn(clock, callWithPolicy(scripted(clock, [httpError(503)]).attempt, policy)));
    await clock.advance(1_000);
    const answer = deferred<string>();
    const probe = callWithPolicy(() => answer.promise, policy);
    await clock.settle();
    const meanwhile = scripted(clock, ['chart']);
    expect(await rejectionOf(callWithPolicy(meanwhile.attempt, policy))).toBeInstanceOf(CircuitOpenError);
    expect(meanwhile.starts).toEqual([]);
    answer.resolve('probe');
    expect((await probe).value).toBe('probe');
    expect((await callWithPolicy(meanwhile.attempt, policy)).value).toBe('chart');
  });
});
