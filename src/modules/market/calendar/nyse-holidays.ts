/**
 * Which days of a year the NYSE is closed, or closes early, by its published rules (Rule 7.2).
 *
 * Full holidays: New Year's Day, Martin Luther King Jr. Day (3rd Monday of January, observed since
 * 1998), Washington's Birthday (3rd Monday of February), Good Friday, Memorial Day (last Monday of
 * May), Juneteenth (June 19, since 2022), Independence Day, Labor Day (1st Monday of September),
 * Thanksgiving (4th Thursday of November), Christmas, plus the known unscheduled closures.
 * A holiday on a Saturday is observed the Friday before and on a Sunday the Monday after — except
 * New Year's Day on a Saturday, which is not observed at all (the exchange keeps Dec 31 open to
 * close the accounting year, e.g. 2022-01-01 and 2028-01-01).
 *
 * Early closes at 13:00 ET, on trading weekdays only:
 * - the day after Thanksgiving;
 * - Christmas Eve (Dec 24), unless it is the observed Christmas holiday (Christmas on a Saturday);
 * - July 3, the day before Independence Day. When July 4 falls on a Saturday, July 3 is the observed
 *   holiday instead, and when it falls on a Sunday or Monday, July 3 is a weekend day: then no
 *   session closes early that week (as in 2015, 2020, 2021, 2022, 2026, 2027). This matches every
 *   NYSE calendar published since 2008; earlier years occasionally differed.
 */
import {
  type DayNumber,
  WEEKDAY,
  civilFromDayNumber,
  dayNumberFromCivil,
  dayOfWeek,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  parseIsoDate,
} from './civil-date.js';
import { easterSunday } from './easter.js';
import { NYSE_SPECIAL_CLOSURES } from './nyse-special-closures.js';

export interface NyseYearRules {
  /** Full-day closures on weekdays, by day, with the holiday's name. */
  readonly holidays: ReadonlyMap<DayNumber, string>;
  /** Trading days that end at 13:00 ET, by day, with the reason. */
  readonly earlyCloses: ReadonlyMap<DayNumber, string>;
}

/** Weekend holidays move to the nearest weekday: Saturday → Friday, Sunday → Monday. */
function observedDay(day: DayNumber): DayNumber {
  const weekday = dayOfWeek(day);
  if (weekday === WEEKDAY.SATURDAY) return day - 1;
  if (weekday === WEEKDAY.SUNDAY) return day + 1;
  return day;
}

function isWeekend(day: DayNumber): boolean {
  const weekday = dayOfWeek(day);
  return weekday === WEEKDAY.SATURDAY || weekday === WEEKDAY.SUNDAY;
}

const specialClosuresByYear = new Map<number, Array<{ day: DayNumber; reason: string }>>();
for (const closure of NYSE_SPECIAL_CLOSURES) {
  const day = parseIsoDate(closure.date);
  const { year } = civilFromDayNumber(day);
  const list = specialClosuresByYear.get(year) ?? [];
  list.push({ day, reason: closure.reason });
  specialClosuresByYear.set(year, list);
}

function buildYearRules(year: number): NyseYearRules {
  const holidays = new Map<DayNumber, string>();
  const newYearsDay = dayNumberFromCivil(year, 1, 1);
  if (dayOfWeek(newYearsDay) !== WEEKDAY.SATURDAY) holidays.set(observedDay(newYearsDay), "New Year's Day");
  if (year >= 1998) holidays.set(nthWeekdayOfMonth(year, 1, WEEKDAY.MONDAY, 3), 'Martin Luther King Jr. Day');
  holidays.set(nthWeekdayOfMonth(year, 2, WEEKDAY.MONDAY, 3), "Washington's Birthday");
  holidays.set(easterSunday(year) - 2, 'Good Friday');
  holidays.set(lastWeekdayOfMonth(year, 5, WEEKDAY.MONDAY), 'Memorial Day');
  if (year >= 2022) holidays.set(observedDay(dayNumberFromCivil(year, 6, 19)), 'Juneteenth National Independence Day');
  holidays.set(observedDay(dayNumberFromCivil(year, 7, 4)), 'Independence Day');
  holidays.set(nthWeekdayOfMonth(year, 9, WEEKDAY.MONDAY, 1), 'Labor Day');
  const thanksgiving = nthWeekdayOfMonth(year, 11, WEEKDAY.THURSDAY, 4);
  holidays.set(thanksgiving, 'Thanksgiving Day');
  holidays.set(observedDay(dayNumberFromCivil(year, 12, 25)), 'Christmas Day');
  for (const closure of specialClosuresByYear.get(year) ?? []) holidays.set(closure.day, closure.reason);

  const earlyCloses = new Map<DayNumber, string>();
  const addEarlyCloseIfTrading = (day: DayNumber, reason: string): void => {
    if (!isWeekend(day) && !holidays.has(day)) earlyCloses.set(day, reason);
  };
  addEarlyCloseIfTrading(dayNumberFromCivil(year, 7, 3), 'Day before Independence Day');
  addEarlyCloseIfTrading(thanksgiving + 1, 'Day after Thanksgiving');
  addEarlyCloseIfTrading(dayNumberFromCivil(year, 12, 24), 'Christmas Eve');

  return { holidays, earlyCloses };
}

// Holidays are asked for once per session enumerated; building a year costs far more than a lookup.
const yearRulesCache = new Map<number, NyseYearRules>();

/** The NYSE holidays and early closes of a calendar year (cached). */
export function nyseYearRules(year: number): NyseYearRules {
  let rules = yearRulesCache.get(year);
  if (!rules) {
    rules = buildYearRules(year);
    yearRulesCache.set(year, rules);
  }
  return rules;
}
