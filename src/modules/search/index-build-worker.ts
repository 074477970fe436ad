/**
 * Worker thread: builds a search index from the documents it is given and posts it back as transferable
 * data, so a rebuild after an import or ingest never stalls the API's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildSearchIndex, toTransferable, type SearchDocument } from './engine/index.js';

const { documents } = workerData as { documents: SearchDocument[] };
const { payload, transfer } = toTransferable(buildSearchIndex(documents));
parentPort!.postMessage(payload, transfer);
