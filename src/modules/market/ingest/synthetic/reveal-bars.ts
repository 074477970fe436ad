/**
 * A simulated session's bars as far as the clock has revealed them.
 *
 * Intraday bars appear once they have ended (the 10:30 five-minute bar at 10:35; the session's last
 * hourly bar, 15:30–16:00, at 16:00), so a bar once shown never changes. The daily bar is the one
 * exception, on purpose: the session in progress gets a partial daily bar aggregated from its revealed
 * minutes, as Yahoo serves today's bar during the session, so daily charts and the day's change move
 * with the market. It grows into the session's real daily bar: at the close it equals it exactly.
 */
import { barAt } from '../../synthetic/bar-series.js';
import type { BarSeries } from '../../synthetic/index.js';
import type { BarInterval, ProviderBar } from '../provider.js';
import type { ChainedSession } from './session-chain.js';

function intradaySeries(chained: ChainedSession, interval: Exclude<BarInterval, '1d'>): BarSeries {
  switch (interval) {
    case '1m':
      return chained.bars.oneMinute;
    case '5m':
      return chained.bars.fiveMinute;
    case '1h':
      return chained.bars.hourly;
  }
}

/**
 * The session's daily bar from its first `revealedMinutes` minutes: open of the first, close of the
 * last, the extremes of their highs and lows, their volumes summed in order (as the simulator sums
 * them, so a whole session gives its daily bar to the last bit).
 */
export function revealedDailyBar(chained: ChainedSession): ProviderBar {
  const minutes = chained.bars.oneMinute;
  const last = chained.revealedMinutes - 1;
  const bar = { ...barAt(minutes, 0), time: chained.session.open, close: minutes.close[last]! };
  for (let i = 1; i <= last; i++) {
    if (minutes.high[i]! > bar.high) bar.high = minutes.high[i]!;
    if (minutes.low[i]! < bar.low) bar.low = minutes.low[i]!;
    bar.volume += minutes.volume[i]!;
  }
  return bar;
}

/** Appends the session's revealed bars at `interval` to `out`, in time order. */
export function appendRevealedBars(chained: ChainedSession, interval: BarInterval, out: ProviderBar[]): void {
  if (interval === '1d') {
    out.push(revealedDailyBar(chained));
    return;
  }
  const series = intradaySeries(chained, interval);
  const { session, revealedMinutes } = chained;
  const revealedUntil = session.open + revealedMinutes * 60;
  for (let i = 0; i < series.length; i++) {
    const end = Math.min(series.time[i]! + series.intervalSeconds, session.close);
    if (end > revealedUntil) break;
    out.push(barAt(series, i));
  }
}
