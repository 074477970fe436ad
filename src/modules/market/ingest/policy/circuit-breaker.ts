/**
 * Stops calling a provider that keeps failing. After `failureThreshold` consecutive failures the circuit
 * opens and every call fails fast (no request, no token, no timeout to sit through) for `coolDownMs`;
 * then it is half-open and lets exactly one probe through at a time. The probe's success closes it; its
 * failure opens it again for another full cool-down. A dead provider thus costs one request per cool-down
 * instead of `maxAttempts` requests per symbol, and a recovering one is not stampeded.
 *
 * "Failure" is whatever the caller records: callWithPolicy records only failures that say the provider is
 * unwell (network, timeout, 429, 5xx), never a 404 or a malformed answer.
 */
import { monotonicNow, type Now } from './sleep.js';

export interface CircuitBreakerOptions {
  /**
   * Consecutive failures that open the circuit; an integer >= 1.
   * @default 5
   */
  failureThreshold?: number;
  /**
   * How long an open circuit refuses calls before letting a probe through, in ms.
   * @default 30_000
   */
  coolDownMs?: number;
  /** Monotonic milliseconds. @default performance.now */
  now?: Now;
}

/** The circuit's state as callers see it; `kind` is the discriminant. */
export type CircuitState =
  | { kind: 'closed'; consecutiveFailures: number }
  | { kind: 'open'; retryInMs: number }
  | { kind: 'half-open'; probeInFlight: boolean };

type Phase =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; since: number }
  | { kind: 'half-open'; probeSince: number | null };

export class CircuitOpenError extends Error {
  /** Milliseconds until the circuit will let a probe through (0 when a probe may go now). */
  readonly retryInMs: number;

  constructor(retryInMs: number, options?: ErrorOptions) {
    const wait = Math.ceil(retryInMs);
    super(`circuit open: the provider failed repeatedly, so calls are refused for another ${wait} ms`, options);
    this.name = 'CircuitOpenError';
    this.retryInMs = retryInMs;
  }
}

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  private readonly now: Now;
  private phase: Phase = { kind: 'closed', failures: 0 };
  private opened = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    const { failureThreshold = 5, coolDownMs = 30_000 } = options;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
      throw new RangeError(`CircuitBreaker failureThreshold must be an integer >= 1, got ${String(failureThreshold)}`);
    }
    if (typeof coolDownMs !== 'number' || !Number.isFinite(coolDownMs) || coolDownMs < 0) {
      throw new RangeError(`CircuitBreaker coolDownMs must be a finite number >= 0, got ${String(coolDownMs)}`);
    }
    this.failureThreshold = failureThreshold;
    this.coolDownMs = coolDownMs;
    this.now = options.now ?? monotonicNow;
  }

  get state(): CircuitState {
    const phase = this.current();
    switch (phase.kind) {
      case 'closed':
        return { kind: 'closed', consecutiveFailures: phase.failures };
      case 'open':
        return { kind: 'open', retryInMs: this.retryInMs };
      case 'half-open':
        return { kind: 'half-open', probeInFlight: phase.probeSince !== null };
    }
  }

  /** Times the circuit opened, re-openings after a failed probe included (for metrics). */
  get openedCount(): number {
    return this.opened;
  }

  /**
   * Milliseconds until a call may be attempted: the rest of the cool-down when open; when half-open with a
   * probe out, the time after which that probe is presumed lost (see `canAttempt`); otherwise 0.
   */
  get retryInMs(): number {
    const phase = this.current();
    if (phase.kind === 'open') return Math.max(0, phase.since + this.coolDownMs - this.now());
    if (phase.kind === 'half-open' && phase.probeSince !== null) {
      return Math.max(0, phase.probeSince + this.coolDownMs - this.now());
    }
    return 0;
  }

  /**
   * Whether a call may go now. When half-open, a `true` makes the caller the probe: it must report back
   * with recordSuccess, recordFailure or recordCancelled. A probe that never reports is presumed lost
   * after `coolDownMs`, so a forgotten one cannot wedge the circuit half-open for ever.
   */
  canAttempt(): boolean {
    const phase = this.current();
    switch (phase.kind) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half-open':
        if (phase.probeSince !== null && this.now() - phase.probeSince < this.coolDownMs) return false;
        phase.probeSince = this.now();
        return true;
    }
  }

  /** The provider answered: close the circuit and forget earlier failures. */
  recordSuccess(): void {
    this.phase = { kind: 'closed', failures: 0 };
  }

  /** The provider failed. A failed probe re-opens the circuit and restarts the cool-down. */
  recordFailure(): void {
    const phase = this.current();
    switch (phase.kind) {
      case 'closed':
        if (phase.failures + 1 >= this.failureThreshold) this.open();
        else phase.failures += 1;
        return;
      case 'open':
        // A call that started before the circuit opened: old news, and no reason to extend the cool-down.
        return;
      case 'half-open':
        this.open();
        return;
    }
  }

  /** The call ended without saying anything about the provider (the caller gave up): free the probe slot. */
  recordCancelled(): void {
    const phase = this.current();
    if (phase.kind === 'half-open') phase.probeSince = null;
  }

  private open(): void {
    this.phase = { kind: 'open', since: this.now() };
    this.opened += 1;
  }

  /** Open turns half-open by the passing of time alone, so every read goes through here first. */
  private current(): Phase {
    const phase = this.phase;
    if (phase.kind === 'open' && this.now() - phase.since >= this.coolDownMs) {
      this.phase = { kind: 'half-open', probeSince: null };
    }
    return this.phase;
  }
}
