/**
 * Worker thread: generates synthetic stocks in order and posts each one (its typed arrays transferred,
 * not copied). `PRODUCED` tells the consumer a stock is waiting; the worker pauses when it is
 * AHEAD_LIMIT stocks ahead, so memory stays bounded however many stocks there are.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { syntheticStock } from '../synthetic-stock.js';
import { AHEAD_LIMIT, CONSUMED, PRODUCED, STATE, type GenerationJob } from './generation-protocol.js';

const { rows, seed, lastSession, counters, port } = workerData as GenerationJob & { port: MessagePort };
const signal = new Int32Array(counters);
Atomics.store(signal, STATE, 1);
Atomics.notify(signal, PRODUCED);

try {
  for (let i = 0; i < rows.length; i++) {
    // Backpressure: wait until the writer has taken enough of what was produced.
    for (let consumed = Atomics.load(signal, CONSUMED); i - consumed >= AHEAD_LIMIT; consumed = Atomics.load(signal, CONSUMED)) {
      Atomics.wait(signal, CONSUMED, consumed, 1000);
    }
    const stock = syntheticStock(rows[i]!, seed, lastSession);
    const buffers = stock.bars.flatMap((s) => [s.time, s.open, s.high, s.low, s.close, s.volume].map((column) => (column as Float64Array).buffer as ArrayBuffer));
    port.postMessage(stock, buffers);
    Atomics.add(signal, PRODUCED, 1);
    Atomics.notify(signal, PRODUCED);
  }
} catch (error) {
  Atomics.store(signal, STATE, -1);
  Atomics.notify(signal, PRODUCED);
  throw error;
}
