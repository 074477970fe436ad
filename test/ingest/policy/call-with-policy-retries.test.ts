import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/modules/market/ingest/provider.js';
import {
  callWithPolicy,
  createCallPolicy,
  RetriesExhaustedError,
} from '../../../src/modules/market/ingest/policy/call-with-policy.js';
import { FakeClock } from './fake-clock.js';
import { httpError, networkError, rejectionOf } from './helpers.js';
import { never, policyOn, scripted, settleOn } from './call-harness.js';

describe('callWithPolicy: which failures are retried, and when', () => {
  it('retries a 503 and reports how many attempts the answer took', async () => {
    const clock = new FakeClock();
    const { attempt, starts } = scripted(clock, [httpError(503), 'chart']);
    const retries: Array<{ attempt: number; delayMs: number; error: unknown }> = [];
    const onRetry = (info: (typeof retries)[number]) => retries.push(info);
    const outcome = await settleOn(clock, callWithPolicy(attempt, policyOn(clock), { onRetry }));
    expect(outcome).toEqual({ value: 'chart', attempts: 2, retries: 1 });
    expect(starts).toHaveLength(2);
    expect(retries).toEqual([{ attempt: 1, delayMs: 0, error: expect.any(ProviderError) }]);
  });

  it('does not retry a 404, a malformed answer or a plain bug: the error comes back as it was', async () => {
    for (const error of [
      httpError(404),
      new ProviderError({ kind: 'malformed', detail: 'no bars' }),
      new TypeError('x is undefined'),
    ]) {
      const clock = new FakeClock();
      const { attempt, starts } = scripted(clock, [error]);
      expect(await rejectionOf(settleOn(clock, callWithPolicy(attempt, policyOn(clock))))).toBe(error);
      expect(starts).toHaveLength(1);
    }
  });

  it('gives up after maxAttempts retryable failures with the last error and the attempt count', async () => {
    const clock = new FakeClock();
    const last = httpError(502);
    const { attempt, starts } = scripted(clock, [networkError(), httpError(500), httpError(429), last]);
    const error = await rejectionOf(settleOn(clock, callWithPolicy(attempt, policyOn(clock))));
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error).toMatchObject({ attempts: 4, cause: last });
    expect((error as Error).message).toBe('gave up after 4 attempts: HTTP 502: status 502');
    expect(starts).toHaveLength(4);
  });

  it('waits at least as long as Retry-After asks, even when the jitter is shorter', async () => {
    const clock = new FakeClock();
    const { attempt, starts } = scripted(clock, [httpError(429, 2_500), 'chart']);
    const delays: number[] = [];
    const policy = policyOn(clock, { random: () => 0.5 });
    await settleOn(clock, callWithPolicy(attempt, policy, { onRetry: ({ delayMs }) => delays.push(delayMs) }));
    expect(delays).toEqual([2_500]);
    expect(starts).toEqual([0, 2_500]);
  });

  it('uses the jittered backoff when it is longer than Retry-After', async () => {
    const clock = new FakeClock();
    const { attempt, starts } = scripted(clock, [httpError(503, 0), httpError(503, 0), 'chart']);
    const policy = policyOn(clock, { random: () => 0.5, backoff: { baseMs: 1_000, capMs: 10_000 } });
    await settleOn(clock, callWithPolicy(attempt, policy));
    // Retry 0 waits 0.5 × 1000, retry 1 waits 0.5 × 2000.
    expect(starts).toEqual([0, 500, 1_500]);
  });

  it('gives up rather than retry early when Retry-After is longer than a minute', async () => {
    const clock = new FakeClock();
    const tooLong = httpError(429, 120_000);
    const { attempt, starts } = scripted(clock, [tooLong, 'chart']);
    const error = await rejectionOf(settleOn(clock, callWithPolicy(attempt, policyOn(clock))));
    expect(error).toMatchObject({ attempts: 1, retryAfterMs: 120_000, cause: tooLong });
    expect((error as Error).message).toMatch(/asked to wait 120000 ms, longer than the 60000 ms we wait at most/);
    expect(starts).toHaveLength(1);
  });

  it('turns an attempt that outlives its deadline into a retryable timeout, and aborts its signal', async () => {
    const clock = new FakeClock();
    const { attempt, starts, signals } = scripted(clock, [never, 'chart']);
    const errors: unknown[] = [];
    const policy = policyOn(clock, { attemptTimeoutMs: 1_000 });
    const onRetry = ({ error }: { error: unknown }) => errors.push(error);
    const outcome = await settleOn(clock, callWithPolicy(attempt, policy, { onRetry }));
    expect(outcome.attempts).toBe(2);
    expect(starts).toEqual([0, 1_000]);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[0]?.reason).toMatchObject({ name: 'TimeoutError' });
    expect(errors[0]).toMatchObject({ failure: { kind: 'timeout', afterMs: 1_000 }, retryable: true });
    expect(clock.pendingTimers).toBe(0);
  });

  it('says "no answer within …" when every attempt timed out', async () => {
    const clock = new FakeClock();
    const { attempt } = scripted(clock, [never, never]);
    const policy = policyOn(clock, { attemptTimeoutMs: 250, maxAttempts: 2 });
    const error = await rejectionOf(settleOn(clock, callWithPolicy(attempt, policy)));
    expect((error as Error).message).toBe('gave up after 2 attempts: no answer within 250 ms');
  });

  it('a custom classifier decides what is retried', async () => {
    const clock = new FakeClock();
    const { attempt, starts } = scripted(clock, [new Error('flaky'), 'chart']);
    const classify = () => ({ retryable: true, retryAfterMs: null });
    const outcome = await settleOn(clock, callWithPolicy(attempt, policyOn(clock), { classify }));
    expect(outcome.retries).toBe(1);
    expect(starts).toHaveLength(2);
  });
});

describe('createCallPolicy', () => {
  it('fills in the documented defaults', () => {
    const policy = createCallPolicy({ requestsPerSecond: 2, concurrency: 4 });
    expect(policy).toMatchObject({ maxAttempts: 4, attemptTimeoutMs: 10_000, backoff: { baseMs: 200, capMs: 5_000 } });
    expect(policy.bucket).toMatchObject({ ratePerSecond: 2, burst: 1 });
    expect(policy.semaphore.limit).toBe(4);
    expect(policy.breaker).toMatchObject({ failureThreshold: 5, coolDownMs: 30_000 });
  });

  it('rejects settings that cannot work, naming them and what was given', () => {
    expect(() => createCallPolicy({ requestsPerSecond: 0, concurrency: 1 })).toThrow(/ratePerSecond .* got 0/);
    expect(() => createCallPolicy({ requestsPerSecond: 1, concurrency: 0 })).toThrow(/limit .* got 0/);
    const base = { requestsPerSecond: 1, concurrency: 1 };
    expect(() => createCallPolicy({ ...base, maxAttempts: 0 })).toThrow(/maxAttempts .* got 0/);
    expect(() => createCallPolicy({ ...base, attemptTimeoutMs: 0 })).toThrow(/attemptTimeoutMs .* got 0/);
  });
});
