/**
 * Strict HTTP-date parsing (RFC 9110 §5.6.7) for Retry-After. `Date.parse` is not used because it accepts
 * far too much ("5" is a date in 2001, and asctime dates are read in local time), and a header a provider
 * got wrong must come out as "no date", never as some other date.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/** `Sun, 06 Nov 1994 08:49:37 GMT` — the form senders must use. */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` — obsolete, but recipients must accept it. */
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` — obsolete (C's asctime), always UTC. */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Unix milliseconds of an HTTP-date, or `null` when `value` is not one. `now` resolves two-digit years. */
export function parseHttpDate(value: string, now: number = Date.now()): number | null {
  let match = IMF_FIXDATE.exec(value);
  if (match !== null) {
    const [, day, month, year, ...time] = match;
    return utc(Number(year), month, Number(day), time);
  }
  match = RFC850_DATE.exec(value);
  if (match !== null) {
    const [, day, month, yy, ...time] = match;
    return utc(fullYear(Number(yy), now), month, Number(day), time);
  }
  match = ASCTIME_DATE.exec(value);
  if (match !== null) {
    const [, month, day, h, m, s, year] = match;
    return utc(Number(year), month, Number(day), [h, m, s]);
  }
  return null;
}

/**
 * RFC 9110: a two-digit year that would be more than 50 years in the future means the most recent past
 * year with those last two digits; so the answer lies in (thisYear - 50, thisYear + 50].
 */
function fullYear(yy: number, now: number): number {
  const thisYear = new Date(now).getUTCFullYear();
  const year = thisYear - (thisYear % 100) + yy;
  if (year > thisYear + 50) return year - 100;
  if (year <= thisYear - 50) return year + 100;
  return year;
}

/** `time` is the regex's [hh, mm, ss] captures. */
function utc(year: number, month: string | undefined, day: number, time: Array<string | undefined>): number | null {
  const monthIndex = MONTHS.indexOf(month ?? '');
  const [hours = NaN, minutes = NaN, seconds = NaN] = time.map(Number);
  // Seconds may be 60 (a leap second, which the grammar permits); Date rolls it into the next minute.
  if (monthIndex < 0 || !(hours <= 23 && minutes <= 59 && seconds <= 60)) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, monthIndex, day);
  // "31 Feb" rolls into March: reject it instead of guessing.
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== day) return null;
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}
