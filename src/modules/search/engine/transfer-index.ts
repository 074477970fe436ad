/**
 * Moving a built index between threads: an index is typed arrays and string arrays, which structured
 * clone carries (the typed arrays' buffers transferred, not copied); only the classes around them have
 * to be put back on arrival. This lets a worker thread build an index while the main thread serves.
 */
import { CompiledSearchIndex, type CompiledIndexParts } from './compiled-index.js';
import type { SearchIndex } from './types.js';
import { VocabularyTrie } from './vocabulary-trie.js';

/** A built index as plain data, ready for postMessage. */
export interface TransferableIndex {
  parts: CompiledIndexParts;
}

/** The index as plain data, and the buffers to transfer with it. The index must not be used afterwards. */
export function toTransferable(index: SearchIndex): { payload: TransferableIndex; transfer: ArrayBuffer[] } {
  if (!(index instanceof CompiledSearchIndex)) throw new TypeError('toTransferable() needs an index made by buildSearchIndex()');
  const buffers = new Set<ArrayBuffer>();
  const collect = (value: unknown) => {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
  };
  Object.values(index.parts).forEach(collect);
  Object.values(index.parts.trie).forEach(collect);
  return { payload: { parts: index.parts }, transfer: [...buffers] };
}

/** Rebuilds a usable index from data made by toTransferable (after postMessage). */
export function fromTransferable(payload: TransferableIndex): SearchIndex {
  const trie = Object.assign(Object.create(VocabularyTrie.prototype) as VocabularyTrie, payload.parts.trie);
  return new CompiledSearchIndex({ ...payload.parts, trie });
}
