/**
 * Which of the latest sessions a chart range covers, counted back from the newest session the way Yahoo
 * counts: '1d' and '5d' in sessions, the others in calendar months ('1mo' from 2026-05-15 covers the
 * sessions after 2026-04-15), 'max' everything.
 */
import { addCalendarMonths, parseIsoDate, type TradingSession } from '../../calendar/index.js';
import type { IngestRange } from '../provider.js';

type RangeSpan = { kind: 'sessions'; count: number } | { kind: 'months'; count: number } | { kind: 'all' };

// A Record, so a range added to IngestRange does not compile until it is given a span here.
const SPANS: Record<IngestRange, RangeSpan> = {
  '1d': { kind: 'sessions', count: 1 },
  '5d': { kind: 'sessions', count: 5 },
  '1mo': { kind: 'months', count: 1 },
  '3mo': { kind: 'months', count: 3 },
  '6mo': { kind: 'months', count: 6 },
  '1y': { kind: 'months', count: 12 },
  '2y': { kind: 'months', count: 24 },
  '5y': { kind: 'months', count: 60 },
  '10y': { kind: 'months', count: 120 },
  max: { kind: 'all' },
};

/** The tail of `items` (ascending by session) that `range` covers, ending with the newest. */
export function withinRange<T extends { session: TradingSession }>(items: readonly T[], range: IngestRange): T[] {
  const newest = items.at(-1);
  if (!newest) return [];
  const span = SPANS[range];
  switch (span.kind) {
    case 'all':
      return items.slice();
    case 'sessions':
      return items.slice(Math.max(0, items.length - span.count));
    case 'months': {
      const firstDay = addCalendarMonths(parseIsoDate(newest.session.date), -span.count) + 1;
      return items.filter((item) => parseIsoDate(item.session.date) >= firstDay);
    }
  }
}
