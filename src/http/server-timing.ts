/**
 * The Server-Timing header every GraphQL response carries: total time, SQL statements and their time,
 * and whether the response came from a cache.
 */
import type { StatementRecorder } from '../db/statement-recorder.js';

export function serverTiming(totalMs: number, recorder: StatementRecorder, cache: 'hit' | 'miss'): string {
  return [
    `total;dur=${totalMs.toFixed(2)}`,
    `db;dur=${recorder.durationMs.toFixed(2)};desc="${recorder.statements} queries"`,
    `cache;desc="${cache}"`,
  ].join(', ');
}
