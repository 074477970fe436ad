import { type DayNumber, dayNumberFromCivil } from './civil-date.js';

/**
 * Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * The NYSE closes on Good Friday, two days earlier.
 */
export function easterSunday(year: number): DayNumber {
  const goldenNumber = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const skippedLeapDays = Math.floor(century / 4);
  const centuryRemainder = century % 4;
  const lunarCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - lunarCorrection + 1) / 3);
  const epact = (19 * goldenNumber + century - skippedLeapDays - solarCorrection + 15) % 30;
  const leapYearsOfCentury = Math.floor(yearOfCentury / 4);
  const yearOfCenturyRemainder = yearOfCentury % 4;
  const weekdayCorrection = (32 + 2 * centuryRemainder + 2 * leapYearsOfCentury - epact - yearOfCenturyRemainder) % 7;
  const lateMarchCorrection = Math.floor((goldenNumber + 11 * epact + 22 * weekdayCorrection) / 451);
  const monthAndDay = epact + weekdayCorrection - 7 * lateMarchCorrection + 114;
  const month = Math.floor(monthAndDay / 31);
  const day = (monthAndDay % 31) + 1;
  return dayNumberFromCivil(year, month, day);
}
