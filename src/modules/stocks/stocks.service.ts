/**
 * The rules of reading stocks: input validation, paging and movers. Every read goes through the
 * per-request loaders, which batch it, share it within the request and read through the cache.
 */
import type { StockRow } from '../../db/schema.js';
import { badUserInput } from '../../graphql/errors.js';
import { canonicalSector } from '../sectors/gics.js';
import { emptyConnection, toConnection, type StockConnectionModel } from './connection.js';
import { decodeCursor } from './cursor.js';
import { primeStocks, type StockLoader, type StockLoaders } from './loaders.js';
import { validateStockFilter, type StockFilterInput } from './stock-filter.js';
import { STOCK_FIELD_COLUMNS, type ListedFields, type StockField } from './stock-fields.js';
import { STOCK_ORDER_SPECS, type StockOrderKey } from './stock-order.js';
import type { MoverKind, StockCriteria } from './stocks.store.js';
import { normalizeSymbol, SYMBOL_RULE } from './symbol.js';

export const MAX_PAGE_SIZE = 500;
export const MAX_MOVERS = 100;

export interface StockListArgs {
  first?: number | null;
  after?: string | null;
  filter?: StockFilterInput | null;
  orderBy?: StockOrderKey | null;
}

/** Checks that `value` is an integer in 1..max, else says so about `argumentName`. */
export function requirePageSize(value: number | null | undefined, fallback: number, max: number, argumentName = 'first'): number {
  const size = value ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badUserInput(argumentName, `"${argumentName}" must be between 1 and ${max}; got ${size}.`);
  }
  return size;
}

export function requireSymbol(input: string, argumentName = 'symbol'): string {
  const symbol = normalizeSymbol(input);
  if (!symbol) throw badUserInput(argumentName, `${JSON.stringify(input)} is not a ticker symbol: use ${SYMBOL_RULE}.`);
  return symbol;
}

const ALL_STOCK_FIELDS = Object.keys(STOCK_FIELD_COLUMNS) as StockField[];

/** The fields a page reads, in column order, or null for whole rows. */
function pageFields(listed: ListedFields | undefined, order: StockOrderKey): StockField[] | null {
  if (listed?.fields == null) return null;
  const wanted = new Set(listed.fields);
  if (listed.cursors) wanted.add(STOCK_ORDER_SPECS[order].field);
  const fields = ALL_STOCK_FIELDS.filter((field) => wanted.has(field));
  return fields.length === ALL_STOCK_FIELDS.length ? null : fields;
}

export function createStocksService() {
  async function page(loaders: StockLoaders, args: StockListArgs, criteria: StockCriteria, listed?: ListedFields): Promise<StockConnectionModel> {
    const first = requirePageSize(args.first, 50, MAX_PAGE_SIZE);
    const order = args.orderBy ?? 'MARKET_CAP_DESC';
    const after = args.after != null ? decodeCursor(args.after, order) : null;
    const fields = pageFields(listed, order);
    const rows = await loaders.stockPage.load({ criteria, order, after, limit: first + 1, fields });
    // Only whole rows may answer a later stock(symbol) of the same request.
    if (fields === null) primeStocks(loaders.stock, rows);
    return toConnection(rows, first, order, after !== null, () => loaders.stockCount.load(criteria));
  }

  return {
    /** Null when no such stock; BAD_USER_INPUT when `symbol` is malformed. */
    async getStock(loader: StockLoader, symbolInput: string): Promise<StockRow | null> {
      return loader.load(requireSymbol(symbolInput));
    },

    /** `listed`: what the selection shows (stock-fields.ts); absent, whole rows are read. */
    async listStocks(loaders: StockLoaders, args: StockListArgs, listed?: ListedFields): Promise<StockConnectionModel> {
      const filter = validateStockFilter(args.filter);
      if (filter.kind === 'empty') {
        requirePageSize(args.first, 50, MAX_PAGE_SIZE);
        return emptyConnection();
      }
      return page(loaders, args, filter.criteria, listed);
    },

    /** The stocks of one (canonical) sector, one page at a time. */
    async listSectorStocks(loaders: StockLoaders, sector: string, args: Omit<StockListArgs, 'filter'>, listed?: ListedFields): Promise<StockConnectionModel> {
      return page(loaders, args, { sector }, listed);
    },

    async movers(loaders: StockLoaders, kind: MoverKind, firstInput: number | null | undefined, sectorInput: string | null | undefined): Promise<StockRow[]> {
      const first = requirePageSize(firstInput, 10, MAX_MOVERS);
      let sector: string | null = null;
      if (sectorInput != null && sectorInput.trim() !== '') {
        sector = canonicalSector(sectorInput);
        if (!sector) return [];
      }
      const rows = await loaders.movers.load({ kind, first, sector });
      primeStocks(loaders.stock, rows);
      return rows;
    },
  };
}

export type StocksService = ReturnType<typeof createStocksService>;
