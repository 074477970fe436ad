/**
 * Shared pieces of the synthetic provider's tests: New York wall-clock instants, anchors, and a tiny
 * in-memory "database" of daily bars that answers `anchorOf` the way the real store should.
 */
import { easternWallTimeToUnix, parseIsoDate, sessionOn } from '../../../src/modules/market/calendar/index.js';
import type { BarInterval, ChartPayload, IngestRange, Provider, ProviderBar } from '../../../src/modules/market/ingest/provider.js';
import type { SyntheticAnchor } from '../../../src/modules/market/ingest/synthetic/synthetic-provider.js';

export const SEED = 42;
export const SECTOR = 'Information Technology';
export const SHARES = 2.4e10;

/** Unix milliseconds of a New York wall-clock time, e.g. `newYork('2026-11-30', '10:31:59.999')`. */
export function newYork(date: string, time: string): number {
  const [hours, minutes, seconds = '0'] = time.split(':');
  return easternWallTimeToUnix(parseIsoDate(date), Number(hours) * 60 + Number(minutes)) * 1000 + Math.round(Number(seconds) * 1000);
}

/** A stock whose latest stored daily bar is the session on `date`, closing at `close`. */
export function anchorOn(date: string, close: number): SyntheticAnchor {
  const session = sessionOn(date);
  if (!session) throw new Error(`Expected a trading day for the anchor, got ${date}`);
  return { sector: SECTOR, sharesOutstanding: SHARES, lastDaily: { time: session.open, close } };
}

/** A settable clock for `now`. */
export function clockAt(ms: number) {
  const clock = { ms, now: () => clock.ms };
  return clock;
}

export function fetch(provider: Provider, symbol: string, range: IngestRange, interval: BarInterval): Promise<ChartPayload> {
  return provider.fetchChart({ symbol, range, interval }, new AbortController().signal);
}

/**
 * Daily bars per symbol, as the ingester would keep them: each payload's daily bars are upserted by time,
 * and `anchorOf` answers with the latest bar that starts before the provider's cut-off.
 */
export class DailyBarStore {
  private readonly bars = new Map<string, ProviderBar[]>();
  readonly anchorOf = async (symbol: string, before: number): Promise<SyntheticAnchor | null> => {
    const bar = this.bars.get(symbol)?.filter((b) => b.time < before).at(-1);
    return bar ? { sector: SECTOR, sharesOutstanding: SHARES, lastDaily: { time: bar.time, close: bar.close } } : null;
  };

  /** @param seed each symbol's stored daily closes, by session date */
  constructor(seed: Record<string, ReadonlyArray<{ date: string; close: number }>>) {
    for (const [symbol, closes] of Object.entries(seed)) {
      this.upsert(symbol, closes.map(({ date, close }) => ({ ...anchorOn(date, close).lastDaily, open: close, high: close, low: close, volume: 0 })));
    }
  }

  upsert(symbol: string, daily: readonly ProviderBar[]): void {
    const byTime = new Map((this.bars.get(symbol) ?? []).map((bar) => [bar.time, bar]));
    for (const bar of daily) byTime.set(bar.time, bar);
    this.bars.set(symbol, [...byTime.values()].sort((a, b) => a.time - b.time));
  }

  dailyOf(symbol: string): ProviderBar[] {
    return this.bars.get(symbol) ?? [];
  }
}
