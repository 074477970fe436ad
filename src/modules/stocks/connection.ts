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

/**
 * Cursors are built only when a client reads them (most lists select `nodes` alone): `edges` encodes one
 * per row on first read, `pageInfo` only the first and last.
 */
class KeysetConnection implements StockConnectionModel {
  readonly nodes: StockRow[];
  private readonly hasNextPage: boolean;
  #edges: StockConnectionModel['edges'] | undefined;
  #pageInfo: StockConnectionModel['pageInfo'] | undefined;

  constructor(
    rows: StockRow[],
    first: number,
    private readonly order: StockOrderKey,
    private readonly isAfterCursor: boolean,
    readonly totalCount: () => Promise<number>,
  ) {
    // The page query asks for one row more than `first`: its presence is the next page.
    this.hasNextPage = rows.length > first;
    this.nodes = this.hasNextPage ? rows.slice(0, first) : rows;
  }

  get edges(): StockConnectionModel['edges'] {
    this.#edges ??= this.nodes.map((node) => ({ cursor: this.cursorOf(node), node }));
    return this.#edges;
  }

  get pageInfo(): StockConnectionModel['pageInfo'] {
    if (this.#pageInfo === undefined) {
      const first = this.nodes[0];
      const last = this.nodes.at(-1);
      this.#pageInfo = {
        hasNextPage: this.hasNextPage,
        hasPreviousPage: this.isAfterCursor,
        startCursor: first ? this.cursorOf(first) : null,
        endCursor: last ? this.cursorOf(last) : null,
      };
    }
    return this.#pageInfo;
  }

  private cursorOf(node: StockRow): string {
    return encodeCursor(this.order, { value: STOCK_ORDER_SPECS[this.order].valueOf(node), symbol: node.symbol });
  }
}

export function toConnection(
  rows: StockRow[],
  first: number,
  order: StockOrderKey,
  isAfterCursor: boolean,
  totalCount: () => Promise<number>,
): StockConnectionModel {
  return new KeysetConnection(rows, first, order, isAfterCursor, totalCount);
}

export function emptyConnection(): StockConnectionModel {
  return {
    edges: [],
    nodes: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: async () => 0,
  };
}
