/**
 * Whether a list of stocks shows `sectorStats`, so the list preloads its rows' sectors (sectors.service.ts,
 * preloadFor). Walked once per document (perSelection). A field under @skip/@include, or a spread the walk
 * cannot follow, counts as shown: a preload too many costs one batched read, never a value.
 */
import type { SelectionSetNode } from 'graphql';
import { perSelection, selectedFields, type Fragments, type SelectionInfo } from '../../graphql/selected-fields.js';

function stockShowsSectorStats(set: SelectionSetNode | undefined, fragments: Fragments): boolean {
  const fields = selectedFields(set, fragments);
  return fields === null || fields.some((field) => field.name.value === 'sectorStats');
}

/** For `nodes` (or any field whose items are stocks). */
export const stocksShowSectorStats = perSelection((info: SelectionInfo) =>
  info.fieldNodes.some((node) => stockShowsSectorStats(node.selectionSet, info.fragments)),
);

/** For `edges`: the stock is each edge's `node`. */
export const edgesShowSectorStats = perSelection((info: SelectionInfo) =>
  info.fieldNodes.some((node) => {
    const edgeFields = selectedFields(node.selectionSet, info.fragments);
    return edgeFields === null || edgeFields.some((field) => field.name.value === 'node' && stockShowsSectorStats(field.selectionSet, info.fragments));
  }),
);
