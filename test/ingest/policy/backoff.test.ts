import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter } from '../../../src/modules/market/ingest/policy/backoff.js';
import { seededRandom } from './helpers.js';

describe('fullJitterDelay', () => {
  const backoff = { baseMs: 200, capMs: 5_000 };

  it('stays in [0, min(cap, base × 2^attempt)) for every draw', () => {
    const random = seededRandom(7);
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(5_000, 200 * 2 ** attempt);
      for (let draw = 0; draw < 500; draw++) {
        const delay = fullJitterDelay(attempt, { ...backoff, random });
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('spans the whole range: 0 at the bottom, just under the ceiling at the top', () => {
    expect(fullJitterDelay(0, { ...backoff, random: () => 0 })).toBe(0);
    expect(fullJitterDelay(0, { ...backoff, random: () => 0.9999 })).toBe(199);
    expect(fullJitterDelay(3, { ...backoff, random: () => 0.5 })).toBe(800);
    expect(fullJitterDelay(5, { ...backoff, random: () => 0.9999 })).toBe(4_999);
  });

  it('stays at the cap for absurd attempt numbers instead of overflowing', () => {
    expect(fullJitterDelay(5_000, { ...backoff, random: () => 0.5 })).toBe(2_500);
    expect(fullJitterDelay(5_000, { baseMs: 0, capMs: 5_000, random: () => 0.5 })).toBe(0);
  });

  it('rejects a negative or fractional attempt and non-finite durations', () => {
    expect(() => fullJitterDelay(-1, backoff)).toThrow(/attempt must be an integer >= 0 \(0 = first retry\), got -1/);
    expect(() => fullJitterDelay(1.5, backoff)).toThrow(RangeError);
    expect(() => fullJitterDelay(0, { baseMs: 200, capMs: Number.NaN })).toThrow(/capMs must be .* got NaN/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 2, 14, 12, 0, 0);

  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
  ])('reads delay-seconds %j as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it('reads an IMF-fixdate as the time from now until then', () => {
    expect(parseRetryAfter('Fri, 14 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime forms too', () => {
    expect(parseRetryAfter('Friday, 14-Mar-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri Mar 14 12:00:05 2025', now)).toBe(5_000);
    expect(parseRetryAfter('Sat Mar  1 00:00:00 2025', now)).toBe(0);
  });

  it('treats a two-digit year more than 50 years ahead as last century', () => {
    // "94" next to 2025 is 1994, long past: retry now.
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(0);
  });

  it('turns a date in the past into 0, never a negative wait', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
  });

  it.each([null, undefined, '', '   ', 'soon', '-5', '1.5', '5s', '0x10', 'Fri, 14 Mar 2025 12:00:30 UTC',
    'Fri, 31 Feb 2025 12:00:30 GMT', 'Fri, 14 Mar 2025 25:00:00 GMT', '14 Mar 2025', '5 Nov'])(
    'returns null for %j (absent or neither delay-seconds nor an HTTP-date)',
    (header) => {
      expect(parseRetryAfter(header, now)).toBeNull();
    },
  );
});
