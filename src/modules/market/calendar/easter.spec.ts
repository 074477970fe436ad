import { describe, expect, it } from 'vitest';
import { formatIsoDate } from './civil-date.js';
import { easterSunday } from './easter.js';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is on %s', (year, date) => {
    expect(formatIsoDate(easterSunday(year))).toBe(date);
  });
});
