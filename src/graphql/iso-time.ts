/**
 * `new Date(ms).toISOString()` without a Date per call: a chart of a few thousand points serialises a
 * few thousand times, and the Date objects alone were a tenth of a cold chart request (and their garbage
 * more). The date part is kept per day (charts repeat days: minute and hourly bars share them, daily bars
 * repeat across ranges and requests); the time of day is formatted from integers. Anything outside the
 * plain four-digit-year range goes to `toISOString` itself, so the output is always identical to it.
 *
 * Whole strings are kept too, per instant: bar times are shared by every stock (all sessions open and close
 * at the same instants), so a few thousand instants cover every chart, and a kept string is one Map read
 * instead of a new 24-character string per point (what was left of a cold chart's formatting garbage).
 */

const DAY_MS = 86_400_000;
/** Years 0000..9999: where toISOString writes `YYYY-MM-DDTHH:MM:SS.mmmZ` (24 characters). */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_800_000;
const MAX_DAYS_KEPT = 50_000;
/** Bounds the memory of the kept strings (about 100 bytes each) if times are not shared after all. */
const MAX_TIMES_KEPT = 65_536;

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();
const formatted = new Map<number, string>();

export function isoTime(ms: number): string {
  const kept = formatted.get(ms);
  if (kept !== undefined) return kept;
  if (!Number.isInteger(ms) || ms < MIN_MS || ms >= MAX_MS) return new Date(ms).toISOString();
  if (formatted.size >= MAX_TIMES_KEPT) formatted.clear();
  const text = format(ms);
  formatted.set(ms, text);
  return text;
}

function format(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_DAYS_KEPT) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[rest - seconds * 1000]}Z`;
}
