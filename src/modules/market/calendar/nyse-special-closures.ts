/**
 * Unscheduled full-day NYSE closures (national days of mourning, 9/11, storms).
 *
 * No rule can predict these, yet real price histories skip them; listing the known ones keeps
 * synthetic and provider histories aligned on the same sessions. Future ones are unknowable:
 * append them here when the exchange announces them.
 */
export const NYSE_SPECIAL_CLOSURES: ReadonlyArray<{ date: string; reason: string }> = [
  { date: '1985-09-27', reason: 'Hurricane Gloria' },
  { date: '1994-04-27', reason: 'National Day of Mourning for President Richard Nixon' },
  { date: '2001-09-11', reason: 'September 11 attacks' },
  { date: '2001-09-12', reason: 'September 11 attacks' },
  { date: '2001-09-13', reason: 'September 11 attacks' },
  { date: '2001-09-14', reason: 'September 11 attacks' },
  { date: '2004-06-11', reason: 'National Day of Mourning for President Ronald Reagan' },
  { date: '2007-01-02', reason: 'National Day of Mourning for President Gerald Ford' },
  { date: '2012-10-29', reason: 'Hurricane Sandy' },
  { date: '2012-10-30', reason: 'Hurricane Sandy' },
  { date: '2018-12-05', reason: 'National Day of Mourning for President George H. W. Bush' },
  { date: '2025-01-09', reason: 'National Day of Mourning for President Jimmy Carter' },
];
