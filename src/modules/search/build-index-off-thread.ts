/**
 * Builds a search index on a worker thread and resolves with it; builds inline when no worker can start.
 * Small universes are built inline: a thread costs more to start than the build itself.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../workers/worker-entry.js';
import { buildSearchIndex, fromTransferable, type SearchDocument, type SearchIndex, type TransferableIndex } from './engine/index.js';

/** Below this many documents the build (a few ms) is cheaper than a thread. @default 2000 */
const WORKER_THRESHOLD = 2000;

export interface BuiltIndex {
  index: SearchIndex;
  /** Where it was built. */
  thread: 'worker' | 'main';
}

export async function buildIndexOffThread(documents: SearchDocument[], options: { workerThreshold?: number } = {}): Promise<BuiltIndex> {
  const inline = (): BuiltIndex => ({ index: buildSearchIndex(documents), thread: 'main' });
  const entry = documents.length >= (options.workerThreshold ?? WORKER_THRESHOLD) ? workerEntry(import.meta.url, 'index-build-worker') : null;
  if (!entry) return inline();
  try {
    return await new Promise<BuiltIndex>((resolve, reject) => {
      const worker = new Worker(entry.script, { eval: entry.evalCode, workerData: { documents } });
      worker.once('message', (payload: TransferableIndex) => {
        resolve({ index: fromTransferable(payload), thread: 'worker' });
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`search index worker exited with code ${code}`)));
    });
  } catch {
    // The same index, built here: slower for the event loop, never wrong.
    return inline();
  }
}
