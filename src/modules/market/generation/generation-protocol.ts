/** What the generation worker and its consumer share: the job and the counters' slots. */
import type { TradingSession } from '../calendar/index.js';
import type { ListingRow } from '../import/parse-listings-csv.js';

export interface GenerationJob {
  rows: ListingRow[];
  seed: number;
  lastSession: TradingSession;
  /** SharedArrayBuffer of SLOTS Int32 counters. */
  counters: SharedArrayBuffer;
}

/** Stocks posted by the worker. */
export const PRODUCED = 0;
/** Stocks taken by the consumer. */
export const CONSUMED = 1;
/** 1 once the worker runs, -1 when it failed. */
export const STATE = 2;
export const SLOTS = 3;
/** How many generated stocks may wait for the writer (each ~100 kB of bars). */
export const AHEAD_LIMIT = 64;
