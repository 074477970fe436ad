/**
 * How long to wait before a retry. Two sources: our own exponential backoff with "full jitter" (so a
 * fleet of callers that failed together does not retry together), and the server's Retry-After, which
 * says when it is willing to hear from us again.
 */
import { parseHttpDate } from './http-date.js';

export interface FullJitterOptions {
  /** The ceiling of the first retry's delay, in ms; it doubles with every further retry. */
  baseMs: number;
  /** The ceiling never grows past this, in ms. */
  capMs: number;
  /** Uniform in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * AWS's "full jitter": a uniformly random delay in [0, min(cap, base × 2^attempt)), whole milliseconds.
 * `attempt` counts retries from 0 (0 is the first retry). Spreading the whole range, rather than adding a
 * little noise to a fixed delay, is what keeps synchronised failures from turning into synchronised retries.
 */
export function fullJitterDelay(attempt: number, options: FullJitterOptions): number {
  const { baseMs, capMs, random = Math.random } = options;
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`fullJitterDelay attempt must be an integer >= 0 (0 = first retry), got ${String(attempt)}`);
  }
  assertDuration('baseMs', baseMs);
  assertDuration('capMs', capMs);
  // 2 ** 1024 is Infinity, and 0 × Infinity is NaN; any exponent that large already exceeds every cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 1023));
  return Math.floor(random() * ceiling);
}

/**
 * RFC 9110 Retry-After as milliseconds from `now`: either delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past means 0). `null` when the header is absent or
 * is neither form, so a garbled header falls back to our own backoff instead of a guessed wait.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, Number.MAX_SAFE_INTEGER);
  const at = parseHttpDate(value, now);
  return at === null ? null : Math.max(0, at - now);
}

export function assertDuration(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of milliseconds >= 0, got ${String(value)}`);
  }
}
