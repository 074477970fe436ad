import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('writes exactly what toISOString writes, across the whole range and at its edges', () => {
    const edges = [0, -1, 1, 999, 1000, 86_399_999, 86_400_000, -86_400_000, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 951_782_400_000, 1.5, -0.5];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Anywhere a Date can be (±8.64e15 ms), most within 1970..2100 where charts live; some whole seconds.
    const samples = Array.from({ length: 20_000 }, (_, i) => {
      const span = i % 2 === 0 ? 8.64e15 : 4.1e12;
      const ms = Math.round((random() * 2 - 1) * span);
      return i % 3 === 0 ? ms - (ms % 1000) : ms;
    });
    for (const ms of [...edges, ...samples]) expect(isoTime(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('answers a repeated instant from its kept string, also after the kept strings overflow their bound', () => {
    const start = Date.UTC(2026, 0, 2, 14, 30);
    const instants = Array.from({ length: 70_000 }, (_, i) => start + i * 60_000);
    for (const round of [1, 2]) {
      for (const ms of instants) expect(isoTime(ms), `${ms} round ${round}`).toBe(new Date(ms).toISOString());
    }
  });

  it('throws as toISOString does for an invalid time', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(8.64e15 + 1)).toThrow(RangeError);
  });
});
