/**
 * Drives callWithPolicy on the fake clock: scripted provider attempts that record when they ran, and a
 * policy that is generous everywhere except where a test narrows it.
 */
import {
  createCallPolicy,
  type CreateCallPolicyOptions,
} from '../../../src/modules/market/ingest/policy/call-with-policy.js';
import type { FakeClock } from './fake-clock.js';

export type Step = Error | string | ((signal: AbortSignal) => Promise<string>);

/** A provider call that plays `steps` in order (an Error is thrown, a string returned) and records each attempt. */
export function scripted(clock: FakeClock, steps: Step[]) {
  const starts: number[] = [];
  const signals: AbortSignal[] = [];
  const attempt = async (signal: AbortSignal): Promise<string> => {
    const step = steps[starts.length] ?? 'ok';
    starts.push(clock.now());
    signals.push(signal);
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(signal);
    return step;
  };
  return { attempt, starts, signals };
}

/** A fast, generous policy on the fake clock; tests override what they are about. */
export function policyOn(clock: FakeClock, options: Partial<CreateCallPolicyOptions> = {}) {
  return createCallPolicy({
    requestsPerSecond: 1_000,
    burst: 1_000,
    concurrency: 4,
    random: () => 0,
    now: clock.now,
    sleep: clock.sleep,
    ...options,
  });
}

/** Runs the call to its end on the fake clock. */
export async function settleOn<T>(clock: FakeClock, call: Promise<T>): Promise<T> {
  call.catch(() => undefined);
  await clock.runAll();
  return call;
}

/** An attempt that never settles and ignores its signal, as a hostile provider might. */
export const never = () => new Promise<string>(() => undefined);
