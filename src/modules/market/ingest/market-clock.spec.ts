import { describe, expect, it } from 'vitest';
import { marketClock } from './create-provider.js';

describe('marketClock', () => {
  it('is the real clock without settings', () => {
    const real = () => 1234;
    expect(marketClock(null, real)()).toBe(1234);
  });

  it('starts at the simulated time and runs `speed` times as fast as the real one', () => {
    let real = 1_000;
    const clock = marketClock({ startMs: Date.parse('2026-11-30T15:00:00Z'), speed: 30 }, () => real);
    expect(new Date(clock()).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    real += 2_000;
    expect(new Date(clock()).toISOString()).toBe('2026-11-30T15:01:00.000Z');
  });
});
