import { describe, expect, it } from 'vitest';
import {
  lastClosedSession,
  marketHolidaysIn,
  nextSession,
  previousSession,
  sessionOn,
  sessionsBetween,
  sessionsEndingWith,
  isEarlyClose,
  type TradingSession,
} from './index.js';

const utc = (iso: string): number => Date.parse(iso) / 1000;
const isoOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().replace('.000', '');
const session = (date: string): TradingSession => {
  const found = sessionOn(date);
  if (!found) throw new Error(`${date} should be a session`);
  return found;
};
const datesOf = (sessions: TradingSession[]): string[] => sessions.map((s) => s.date);

describe('sessionOn', () => {
  it('a regular weekday opens at 09:30 and closes at 16:00 New York time', () => {
    expect(sessionOn('2026-06-10')).toEqual({ date: '2026-06-10', open: utc('2026-06-10T13:30:00Z'), close: utc('2026-06-10T20:00:00Z') });
  });

  it('weekends are not sessions', () => {
    expect(sessionOn('2026-06-13')).toBeNull();
    expect(sessionOn('2026-06-14')).toBeNull();
  });

  it.each([
    ['2026-04-03', 'Good Friday'],
    ['2026-11-26', 'Thanksgiving'],
    ['2026-07-03', 'Independence Day observed on Friday, as July 4 2026 is a Saturday'],
    ['2027-12-24', 'Christmas observed on Friday, as Dec 25 2027 is a Saturday'],
    ['2027-07-05', 'Independence Day observed on Monday, as July 4 2027 is a Sunday'],
    ['2027-06-18', 'Juneteenth observed on Friday, as June 19 2027 is a Saturday'],
    ['2026-01-19', 'Martin Luther King Jr. Day'],
    ['2026-02-16', "Washington's Birthday"],
    ['2026-05-25', 'Memorial Day'],
    ['2026-09-07', 'Labor Day'],
    ['2025-01-09', 'the national day of mourning for President Carter'],
    ['2023-01-02', "New Year's Day observed on Monday, as Jan 1 2023 is a Sunday"],
  ])('%s is a holiday (%s)', (date) => {
    expect(sessionOn(date)).toBeNull();
  });

  it("New Year's Day on a Saturday is not observed on the Friday before", () => {
    expect(sessionOn('2021-12-31')).not.toBeNull();
    expect(sessionOn('2027-12-31')).not.toBeNull();
  });

  it('Juneteenth is a holiday only from 2022', () => {
    expect(sessionOn('2021-06-18')).not.toBeNull();
    expect(sessionOn('2022-06-20')).toBeNull();
  });

  it('the day after Thanksgiving closes at 13:00 New York time', () => {
    const friday = session('2026-11-27');
    expect(isoOf(friday.open)).toBe('2026-11-27T14:30:00Z');
    expect(isoOf(friday.close)).toBe('2026-11-27T18:00:00Z');
    expect(isEarlyClose(friday)).toBe(true);
  });

  it('Christmas Eve and the day before Independence Day close at 13:00 when they are trading days', () => {
    expect(isoOf(session('2025-12-24').close)).toBe('2025-12-24T18:00:00Z');
    expect(isoOf(session('2025-07-03').close)).toBe('2025-07-03T17:00:00Z');
    expect(isoOf(session('2023-07-03').close)).toBe('2023-07-03T17:00:00Z');
  });

  it('no session closes early when the eve of the holiday is itself a holiday or a weekend', () => {
    // July 3 2026 is the observed Independence Day, so July 2 is a full day; likewise Dec 23 2027.
    expect(isoOf(session('2026-07-02').close)).toBe('2026-07-02T20:00:00Z');
    expect(isoOf(session('2027-12-23').close)).toBe('2027-12-23T21:00:00Z');
    expect(isEarlyClose(session('2022-07-01'))).toBe(false);
  });

  it('daylight saving time moves the open from 14:30 UTC to 13:30 UTC in March and back in November', () => {
    expect(isoOf(session('2026-03-06').open)).toBe('2026-03-06T14:30:00Z');
    expect(isoOf(session('2026-03-09').open)).toBe('2026-03-09T13:30:00Z');
    expect(isoOf(session('2026-10-30').open)).toBe('2026-10-30T13:30:00Z');
    expect(isoOf(session('2026-11-02').open)).toBe('2026-11-02T14:30:00Z');
  });

  it('rejects strings that are not calendar dates', () => {
    expect(() => sessionOn('2026-02-30')).toThrow(RangeError);
    expect(() => sessionOn('tomorrow')).toThrow(/YYYY-MM-DD/);
  });
});

describe('marketHolidaysIn', () => {
  it("lists the NYSE's published 2026 holidays", () => {
    expect(marketHolidaysIn(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25',
      '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25',
    ]);
  });

  it("lists the NYSE's published 2027 holidays", () => {
    expect(marketHolidaysIn(2027).map((h) => h.date)).toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31',
      '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24',
    ]);
  });
});

describe('lastClosedSession', () => {
  it('on a Sunday is the Friday before', () => {
    expect(lastClosedSession(utc('2026-03-08T15:00:00Z')).date).toBe('2026-03-06');
  });

  it('during a session is the previous session, and from the closing bell on it is that session', () => {
    expect(lastClosedSession(utc('2026-06-10T19:59:59Z')).date).toBe('2026-06-09');
    expect(lastClosedSession(utc('2026-06-10T20:00:00Z')).date).toBe('2026-06-10');
  });

  it('before Monday’s open is the Friday before', () => {
    expect(lastClosedSession(utc('2026-06-15T13:00:00Z')).date).toBe('2026-06-12');
  });

  it('after a 13:00 early close is that day', () => {
    expect(lastClosedSession(utc('2026-11-27T18:30:00Z')).date).toBe('2026-11-27');
  });

  it("on New Year's Day is the last session of the previous year", () => {
    expect(lastClosedSession(utc('2026-01-01T18:00:00Z')).date).toBe('2025-12-31');
  });

  it('late in the evening New York time, when UTC is already tomorrow, is that day', () => {
    expect(lastClosedSession(utc('2026-06-11T03:00:00Z')).date).toBe('2026-06-10');
  });
});

describe('walking between sessions', () => {
  it('nextSession skips Good Friday and the weekend; previousSession walks back', () => {
    expect(nextSession(session('2026-04-02')).date).toBe('2026-04-06');
    expect(previousSession(session('2026-04-06')).date).toBe('2026-04-02');
  });

  it('nextSession and previousSession cross year boundaries', () => {
    expect(nextSession(session('2025-12-31')).date).toBe('2026-01-02');
    expect(previousSession(session('2026-01-02')).date).toBe('2025-12-31');
  });

  it('sessionsEndingWith returns that many sessions in ascending order, ending with the given one', () => {
    expect(datesOf(sessionsEndingWith(session('2026-01-05'), 4))).toEqual(['2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05']);
    expect(sessionsEndingWith(session('2026-01-05'), 0)).toEqual([]);
  });

  it('sessionsEndingWith rejects a day that is not a session and a negative count', () => {
    expect(() => sessionsEndingWith({ date: '2026-04-03', open: 0, close: 0 }, 3)).toThrow(/not an NYSE trading day/);
    expect(() => sessionsEndingWith(session('2026-04-02'), -1)).toThrow(RangeError);
  });

  it('sessionsBetween includes both ends and skips weekends and holidays', () => {
    expect(datesOf(sessionsBetween('2026-11-25', '2026-11-30'))).toEqual(['2026-11-25', '2026-11-27', '2026-11-30']);
    expect(sessionsBetween('2026-11-30', '2026-11-25')).toEqual([]);
  });

  it('a year has the trading days the NYSE announced (250 in 2025, 251 in 2026)', () => {
    expect(sessionsBetween('2025-01-01', '2025-12-31')).toHaveLength(250);
    expect(sessionsBetween('2026-01-01', '2026-12-31')).toHaveLength(251);
  });

  it('enumerating thirty years agrees with sessionsEndingWith and sessionOn', () => {
    const all = sessionsBetween('1997-01-01', '2026-12-31');
    expect(sessionsEndingWith(all.at(-1)!, all.length)).toEqual(all);
    expect(all.every((s, i) => i === 0 || (s.open > all[i - 1]!.close && sessionOn(s.date) === s))).toBe(true);
  });
});

describe('agreement with the IANA time zone database', () => {
  const newYorkClock = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

  it('every session from 1998 to 2030 opens at 09:30 and closes at 16:00 or 13:00 New York time', () => {
    const wrong = sessionsBetween('1998-01-01', '2030-12-31').filter((s) => {
      const open = newYorkClock.format(new Date(s.open * 1000));
      const close = newYorkClock.format(new Date(s.close * 1000));
      return open !== `${s.date}, 09:30` || (close !== `${s.date}, 16:00` && close !== `${s.date}, 13:00`);
    });
    expect(wrong).toEqual([]);
  });
});
