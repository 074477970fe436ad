/**
 * Synthetic stocks for a list of listings, generated on a second core while the caller writes.
 *
 * The database write is one synchronous SQLite transaction that pulls stocks from this iterable, so the
 * hand-over is synchronous too: the worker posts each stock and bumps a shared counter; the consumer
 * blocks on that counter (Atomics.wait) and takes the message with receiveMessageOnPort. Writing and
 * generating then overlap instead of adding up. Thread events cannot arrive while the consumer blocks, so
 * the worker reports its state through the shared counters as well. Generation is deterministic: if the
 * worker cannot start or fails, the remaining stocks are generated inline, identically, on one core.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { TradingSession } from '../calendar/index.js';
import type { ListingRow } from '../import/parse-listings-csv.js';
import type { StockWrite } from '../market.store.js';
import { syntheticStock } from '../synthetic-stock.js';
import { workerEntry } from '../../../workers/worker-entry.js';
import { CONSUMED, PRODUCED, SLOTS, STATE } from './generation-protocol.js';

/** Below this many stocks a thread costs more to start than it saves. */
const WORKER_THRESHOLD = 50;
/** How long to wait for the worker to start, and for any one stock, before generating inline. */
const START_TIMEOUT_MS = 15_000;
const STOCK_TIMEOUT_MS = 30_000;

export interface SyntheticStocksOptions {
  /** Generate on a worker thread while the caller writes. @default true */
  parallel?: boolean;
}

export function* syntheticStocks(rows: ListingRow[], seed: number, lastSession: TradingSession, options: SyntheticStocksOptions = {}): Generator<StockWrite> {
  const useWorker = (options.parallel ?? true) && rows.length >= WORKER_THRESHOLD;
  const worker = useWorker ? startWorker(rows, seed, lastSession) : null;
  try {
    for (let i = 0; i < rows.length; i++) {
      yield worker?.take() ?? syntheticStock(rows[i]!, seed, lastSession);
      worker?.taken(i + 1);
    }
  } finally {
    worker?.stop();
  }
}

function startWorker(rows: ListingRow[], seed: number, lastSession: TradingSession) {
  const onLoadFailure = `Atomics.store(new Int32Array(require('node:worker_threads').workerData.counters), ${STATE}, -1)`;
  const entry = workerEntry(import.meta.url, 'generation-worker', onLoadFailure);
  if (!entry) return null;
  const signal = new Int32Array(new SharedArrayBuffer(SLOTS * 4));
  const { port1, port2 } = new MessageChannel();
  let thread: Worker;
  try {
    thread = new Worker(entry.script, {
      eval: entry.evalCode,
      workerData: { rows, seed, lastSession, counters: signal.buffer, port: port2 },
      transferList: [port2],
    });
  } catch {
    return null;
  }
  // Errors are reported through STATE; the listener only keeps them from crashing the process.
  thread.on('error', () => {});
  thread.unref();
  let alive = true;
  let received = 0;
  const stop = () => {
    alive = false;
    port1.close();
    void thread.terminate();
  };
  return {
    /** The next stock from the worker, or null when the worker is gone (the caller generates it). */
    take(): StockWrite | null {
      const deadline = Date.now() + (Atomics.load(signal, STATE) === 1 ? STOCK_TIMEOUT_MS : START_TIMEOUT_MS);
      while (alive) {
        const produced = Atomics.load(signal, PRODUCED);
        if (produced > received) {
          const message = receiveMessageOnPort(port1);
          if (message) {
            received += 1;
            return message.message as StockWrite;
          }
        }
        if (Atomics.load(signal, STATE) === -1 || Date.now() > deadline) stop();
        else Atomics.wait(signal, PRODUCED, produced, 20);
      }
      return null;
    },
    taken(count: number) {
      Atomics.store(signal, CONSUMED, count);
      Atomics.notify(signal, CONSUMED);
    },
    stop,
  };
}
