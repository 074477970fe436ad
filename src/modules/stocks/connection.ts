/**
 * Relay connections over keyset pages: the page query asks for one row more than `first` to learn
 * whether a next page exists, and `totalCount` is a separate COUNT run only when a client selects it.
 */
import type { StockRow } from '../../db/schema.js';
import { encodeCursor } from './cursor.js';
import { STOCK_ORDER_SPECS, type StockOrderKey } from './stock-order.js';

export interface StockConnectionModel {
  edges: { cursor: string; node: StockRow }[];
  nodes: StockRow[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Lazy: counting is a statement of its own, worth running only when selected. */
  totalCount: () => Promise<number>;
}

export function toConnection(
  rows: StockRow[],
  first: number,
  order: StockOrderKey,
  isAfterCursor: boolean,
  totalCount: () => Promise<number>,
): StockConnectionModel {
  const nodes = rows.slice(0, first);
  const spec = STOCK_ORDER_SPECS[order];
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order, { value: spec.valueOf(node), symbol: node.symbol }), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: isAfterCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

export function emptyConnection(): StockConnectionModel {
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: async () => 0,
  };
}
