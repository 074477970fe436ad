import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { BarInterval, IngestRange } from '../../../src/modules/market/ingest/provider.js';
import { createSyntheticProvider, type SyntheticAnchor } from '../../../src/modules/market/ingest/synthetic/synthetic-provider.js';
import { anchorOn, clockAt, fetch, newYork, SEED } from './helpers.js';

const SECTORS = ['Energy', 'Financials', 'Health Care', 'Information Technology', null];
const SYMBOLS = Array.from({ length: 500 }, (_, i) => `S${String(i).padStart(3, '0')}`);
const anchors = new Map<string, SyntheticAnchor>(
  SYMBOLS.map((symbol, i) => [symbol, { ...anchorOn('2026-11-24', 20 + i), sector: SECTORS[i % SECTORS.length]! }]),
);
const anchorOf = async (symbol: string) => anchors.get(symbol) ?? null;

/** What the updater asks for every symbol each round: today's minutes and the recent coarser bars. */
const ROUND: Array<[IngestRange, BarInterval]> = [['1d', '1m'], ['5d', '5m'], ['1mo', '1h'], ['6mo', '1d']];

async function updaterRound(provider: ReturnType<typeof createSyntheticProvider>, symbols: readonly string[] = SYMBOLS) {
  const started = performance.now();
  // One chart kind for the whole market at a time, so a too-small cache never sees a stock twice in a row.
  const payloads = await Promise.all(ROUND.flatMap(([range, interval]) => symbols.map((symbol) => fetch(provider, symbol, range, interval))));
  return { payloads, ms: performance.now() - started };
}

describe('the synthetic provider under the updater’s load', () => {
  it('simulates each stock’s session once, however many minutes of it are asked for', async () => {
    const clock = clockAt(newYork('2026-11-25', '10:00'));
    const provider = createSyntheticProvider({ seed: SEED, anchorOf, now: clock.now });
    const first = await updaterRound(provider);
    expect(provider.simulatedSessions).toBe(SYMBOLS.length);

    const timings: string[] = [];
    for (clock.ms += 60_000; clock.ms <= newYork('2026-11-25', '10:10'); clock.ms += 60_000) {
      timings.push((await updaterRound(provider)).ms.toFixed(0));
    }
    expect(provider.simulatedSessions).toBe(SYMBOLS.length);
    console.log(
      `synthetic provider, ${SYMBOLS.length} symbols × ${ROUND.length} charts: first round ${first.ms.toFixed(0)} ms (simulating), ` +
        `then ${timings.join(', ')} ms per round from the cache`,
    );
  });

  it('answers the same with a cache far too small for the market, only slower', async () => {
    const nowMs = newYork('2026-11-30', '11:00');
    // A slice of the market keeps the cramped run (every session simulated four times) short on a busy machine.
    const symbols = SYMBOLS.slice(0, 60);
    const roomy = createSyntheticProvider({ seed: SEED, anchorOf, now: () => nowMs, cachedSessions: symbols.length * 3 });
    const cramped = createSyntheticProvider({ seed: SEED, anchorOf, now: () => nowMs, cachedSessions: 8 });
    const [fromRoomy, fromCramped] = [await updaterRound(roomy, symbols), await updaterRound(cramped, symbols)];
    expect(fromCramped.payloads).toEqual(fromRoomy.payloads);
    // Three sessions per stock since Tuesday (Wednesday, the half day, Monday): each simulated once with room,
    // again for every chart without.
    expect(roomy.simulatedSessions).toBe(symbols.length * 3);
    expect(cramped.simulatedSessions).toBe(symbols.length * 3 * ROUND.length);
  });
});
