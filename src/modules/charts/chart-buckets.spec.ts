import { describe, expect, it } from 'vitest';
import { aggregateBars } from './chart-buckets.js';
import type { PricePointModel } from './chart-model.js';

const bar = (iso: string, close: number): PricePointModel => ({ time: Date.parse(iso), open: close - 1, high: close + 2, low: close - 2, close, volume: 10 });

describe('aggregateBars', () => {
  it('cuts months at midnight UTC on the 1st, across a year end', () => {
    const bars = [bar('2025-11-28T14:30:00Z', 1), bar('2025-12-01T14:30:00Z', 2), bar('2025-12-31T14:30:00Z', 3), bar('2026-01-02T14:30:00Z', 4)];
    expect(aggregateBars(bars, 'month')).toEqual([
      { time: bars[0]!.time, open: 0, high: 3, low: -1, close: 1, volume: 10 },
      { time: bars[1]!.time, open: 1, high: 5, low: 0, close: 3, volume: 20 },
      { time: bars[3]!.time, open: 3, high: 6, low: 2, close: 4, volume: 10 },
    ]);
  });

  it('starts weeks on Monday 00:00 UTC, timed at their first session', () => {
    // Friday, then Tuesday and Wednesday of the next week (Monday a holiday), then the Monday after.
    const bars = [bar('2026-11-27T14:30:00Z', 1), bar('2026-12-01T14:30:00Z', 2), bar('2026-12-02T14:30:00Z', 5), bar('2026-12-07T14:30:00Z', 3)];
    const weeks = aggregateBars(bars, 'week');
    expect(weeks.map((w) => new Date(w.time).toISOString().slice(0, 10))).toEqual(['2026-11-27', '2026-12-01', '2026-12-07']);
    expect(weeks[1]).toEqual({ time: bars[1]!.time, open: 1, high: 7, low: 0, close: 5, volume: 20 });
  });

  it('groups 5-minute bars into quarter hours', () => {
    const times = ['14:30', '14:35', '14:40', '14:45', '14:55'].map((t) => bar(`2026-12-04T${t}:00Z`, 1));
    expect(aggregateBars(times, 'fifteenMinutes').map((b) => [new Date(b.time).toISOString().slice(11, 16), b.volume])).toEqual([['14:30', 30], ['14:45', 20]]);
  });

  it('returns no bars for no bars', () => {
    expect(aggregateBars([], 'week')).toEqual([]);
  });
});
