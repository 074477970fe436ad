/**
 * The Server-Timing header every GraphQL response carries: total time, SQL statements and their time,
 * and how the cache served it (`hit` when nothing came from the database; `edge;desc="hit"` when the
 * whole response came from the edge cache, before GraphQL ran at all).
 */
import { performance } from 'node:perf_hooks';
import type { CacheOutcome } from '../cache/index.js';

export interface TimedStatements {
  statements: number;
  durationMs: number;
}

const NO_STATEMENTS: TimedStatements = { statements: 0, durationMs: 0 };

export function serverTiming(totalMs: number, recorder: TimedStatements, cache: CacheOutcome): string {
  // One template, no array to join: this runs on every response.
  return `total;dur=${totalMs.toFixed(2)}, db;dur=${recorder.durationMs.toFixed(2)};desc="${recorder.statements} queries", cache;desc="${cache}"`;
}

/** The same entries for a whole response from the edge cache (built on every hit, so kept minimal). */
export function edgeHitTiming(totalMs: number): string {
  return `total;dur=${totalMs.toFixed(2)}, ${EDGE_HIT_REST}`;
}

const EDGE_HIT_REST = `${serverTiming(0, NO_STATEMENTS, 'hit').replace(/^total;dur=[\d.]+, /, '')}, edge;desc="hit"`;

/** For answers written before any GraphQL work (refusals: 405, 413, 415, 429, bad JSON): time only. */
export function refusalTiming(startedAt: number): Record<string, string> {
  return { 'server-timing': serverTiming(performance.now() - startedAt, NO_STATEMENTS, 'none') };
}
