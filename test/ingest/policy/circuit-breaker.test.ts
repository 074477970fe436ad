import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError } from '../../../src/modules/market/ingest/policy/circuit-breaker.js';

function breakerAt(options: { failureThreshold?: number; coolDownMs?: number } = {}) {
  let time = 0;
  const breaker = new CircuitBreaker({ ...options, now: () => time });
  return { breaker, advance: (ms: number) => void (time += ms) };
}

function fail(breaker: CircuitBreaker, times: number): void {
  for (let i = 0; i < times; i++) breaker.recordFailure();
}

describe('CircuitBreaker', () => {
  it('opens after five consecutive failures by default and refuses calls for 30 s', () => {
    const { breaker, advance } = breakerAt();
    fail(breaker, 4);
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 4 });
    expect(breaker.canAttempt()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toEqual({ kind: 'open', retryInMs: 30_000 });
    expect(breaker.canAttempt()).toBe(false);
    expect(breaker.openedCount).toBe(1);
    advance(29_999);
    expect(breaker.canAttempt()).toBe(false);
    expect(breaker.retryInMs).toBe(1);
    advance(1);
    expect(breaker.state).toEqual({ kind: 'half-open', probeInFlight: false });
  });

  it('counts only consecutive failures: a success in between starts the count again', () => {
    const { breaker } = breakerAt({ failureThreshold: 3 });
    fail(breaker, 2);
    breaker.recordSuccess();
    fail(breaker, 2);
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 2 });
  });

  it('when half-open, lets exactly one probe through at a time', () => {
    const { breaker, advance } = breakerAt({ failureThreshold: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    advance(1_000);
    expect(breaker.canAttempt()).toBe(true);
    expect(breaker.state).toEqual({ kind: 'half-open', probeInFlight: true });
    expect(breaker.canAttempt()).toBe(false);
    expect(breaker.canAttempt()).toBe(false);
  });

  it('a successful probe closes the circuit', () => {
    const { breaker, advance } = breakerAt({ failureThreshold: 2, coolDownMs: 1_000 });
    fail(breaker, 2);
    advance(1_000);
    breaker.canAttempt();
    breaker.recordSuccess();
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0 });
    expect(breaker.canAttempt()).toBe(true);
    expect(breaker.canAttempt()).toBe(true);
  });

  it('a failed probe re-opens the circuit for a whole new cool-down', () => {
    const { breaker, advance } = breakerAt({ failureThreshold: 2, coolDownMs: 1_000 });
    fail(breaker, 2);
    advance(1_500);
    breaker.canAttempt();
    breaker.recordFailure();
    expect(breaker.state).toEqual({ kind: 'open', retryInMs: 1_000 });
    expect(breaker.openedCount).toBe(2);
    advance(999);
    expect(breaker.canAttempt()).toBe(false);
  });

  it('a cancelled probe frees the probe slot without changing the state', () => {
    const { breaker, advance } = breakerAt({ failureThreshold: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    advance(1_000);
    breaker.canAttempt();
    breaker.recordCancelled();
    expect(breaker.state).toEqual({ kind: 'half-open', probeInFlight: false });
    expect(breaker.canAttempt()).toBe(true);
  });

  it('a probe that never reports back is presumed lost after a cool-down', () => {
    const { breaker, advance } = breakerAt({ failureThreshold: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    advance(1_000);
    expect(breaker.canAttempt()).toBe(true);
    advance(400);
    expect(breaker.retryInMs).toBe(600);
    advance(600);
    expect(breaker.canAttempt()).toBe(true);
  });

  it('late failures from calls that started before it opened do not extend the cool-down', () => {
    const { breaker, advance } = breakerAt({ failureThreshold: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    advance(600);
    fail(breaker, 3);
    expect(breaker.retryInMs).toBe(400);
    expect(breaker.openedCount).toBe(1);
  });

  it('rejects impossible options, saying what it got', () => {
    const zero = () => new CircuitBreaker({ failureThreshold: 0 });
    expect(zero).toThrow(/failureThreshold must be an integer >= 1, got 0/);
    expect(() => new CircuitBreaker({ coolDownMs: -1 })).toThrow(/coolDownMs must be a finite number >= 0, got -1/);
  });

  it('CircuitOpenError says how long until the next try', () => {
    const error = new CircuitOpenError(1_234.5);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CircuitOpenError');
    expect(error.retryInMs).toBe(1_234.5);
    expect(error.message).toMatch(/refused for another 1235 ms/);
  });
});
