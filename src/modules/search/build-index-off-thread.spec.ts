import { describe, expect, it } from 'vitest';
import { generateUniverse } from '../../../bench/lib/universe.js';
import { buildIndexOffThread } from './build-index-off-thread.js';
import { buildSearchIndex, search } from './engine/index.js';

describe('building the search index off the main thread', () => {
  it('builds on a worker an index that answers exactly like one built here', async () => {
    const documents = generateUniverse(3000);
    const built = await buildIndexOffThread(documents, { workerThreshold: 1 });
    expect(built.thread).toBe('worker');
    const local = buildSearchIndex(documents);
    for (const query of ['north', 'pacific energy', 'glbal', 'ab', documents[42]!.symbol.toLowerCase()]) {
      expect(search(built.index, query, { limit: 10 })).toEqual(search(local, query, { limit: 10 }));
    }
  });

  it('builds small universes here, without a thread', async () => {
    expect((await buildIndexOffThread(generateUniverse(10))).thread).toBe('main');
  });
});
