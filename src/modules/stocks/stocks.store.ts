/**
 * The stocks repository: every SQL statement about listings and their latest quotes.
 * Statements are built once per query shape (which filters are present, which order, first page or not)
 * and kept prepared, so a request pays only for binding and stepping.
 */
import { and, asc, desc, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Drizzle } from '../../db/connection.js';
import { stocks, type StockRow } from '../../db/schema.js';
import { STOCK_ORDER_SPECS, type StockOrderKey } from './stock-order.js';

/** Conditions of a stock list, already validated and canonical (sector names, symbols). */
export interface StockCriteria {
  sector?: string | null;
  industry?: string | null;
  exchange?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  minChangePercent?: number | null;
  maxChangePercent?: number | null;
  minMarketCap?: number | null;
  maxMarketCap?: number | null;
  symbols?: readonly string[] | null;
}

/** Where a page starts: after the row with this sort value and symbol. */
export interface Keyset {
  value: string | number;
  symbol: string;
}

export interface StockPageQuery {
  criteria: StockCriteria;
  order: StockOrderKey;
  after: Keyset | null;
  limit: number;
}

export type MoverKind = 'GAINERS' | 'LOSERS' | 'MOST_ACTIVE';

export interface StockStore {
  findBySymbols(symbols: readonly string[]): Promise<StockRow[]>;
  findPage(query: StockPageQuery): Promise<StockRow[]>;
  count(criteria: StockCriteria): Promise<number>;
  findMovers(kind: MoverKind, limit: number, sector: string | null): Promise<StockRow[]>;
}

type CriteriaKey = keyof StockCriteria;
const CRITERIA_KEYS: CriteriaKey[] = [
  'sector', 'industry', 'exchange', 'minPrice', 'maxPrice', 'minChangePercent', 'maxChangePercent',
  'minMarketCap', 'maxMarketCap', 'symbols',
];

/** The SQL condition for one criterion, bound to a placeholder of the same name. */
function condition(key: CriteriaKey): SQL {
  const p = sql.placeholder(key);
  switch (key) {
    case 'sector': return sql`${stocks.sector} = ${p}`;
    case 'industry': return sql`${stocks.industry} = ${p} COLLATE NOCASE`;
    case 'exchange': return sql`${stocks.exchange} = ${p} COLLATE NOCASE`;
    case 'minPrice': return gte(stocks.price, p);
    case 'maxPrice': return lte(stocks.price, p);
    case 'minChangePercent': return gte(stocks.changePercent, p);
    case 'maxChangePercent': return lte(stocks.changePercent, p);
    case 'minMarketCap': return gte(stocks.marketCap, p);
    case 'maxMarketCap': return lte(stocks.marketCap, p);
    // json_each binds a list of any length to one prepared statement.
    case 'symbols': return sql`${stocks.symbol} IN (SELECT value FROM json_each(${p}))`;
  }
}

function presentKeys(criteria: StockCriteria): CriteriaKey[] {
  return CRITERIA_KEYS.filter((k) => criteria[k] !== undefined && criteria[k] !== null);
}

function bindCriteria(criteria: StockCriteria, keys: CriteriaKey[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key of keys) params[key] = key === 'symbols' ? JSON.stringify(criteria.symbols) : criteria[key];
  return params;
}

interface Prepared<T> {
  all(params?: Record<string, unknown>): T[];
  get(params?: Record<string, unknown>): T | undefined;
}

/** Prepared statements by shape; bounded because shapes come from client input. */
class ShapeCache<T> {
  private readonly byShape = new Map<string, Prepared<T>>();
  constructor(private readonly limit = 512) {}
  get(shape: string, build: () => Prepared<T>): Prepared<T> {
    let prepared = this.byShape.get(shape);
    if (!prepared) {
      if (this.byShape.size >= this.limit) this.byShape.delete(this.byShape.keys().next().value!);
      prepared = build();
      this.byShape.set(shape, prepared);
    }
    return prepared;
  }
}

export function createStockStore(db: Drizzle): StockStore {
  const bySymbols = db
    .select()
    .from(stocks)
    .where(sql`${stocks.symbol} IN (SELECT value FROM json_each(${sql.placeholder('symbols')}))`)
    .prepare();
  const pages = new ShapeCache<StockRow>();
  const counts = new ShapeCache<{ n: number }>();
  const movers = new ShapeCache<StockRow>();

  return {
    async findBySymbols(symbols) {
      if (symbols.length === 0) return [];
      return bySymbols.all({ symbols: JSON.stringify(symbols) });
    },

    async findPage({ criteria, order, after, limit }) {
      const keys = presentKeys(criteria);
      const spec = STOCK_ORDER_SPECS[order];
      const shape = `${order}|${after ? 'after' : 'first'}|${keys.join(',')}`;
      const prepared = pages.get(shape, () => {
        const conditions = keys.map(condition);
        if (after) conditions.push(keysetCondition(order));
        const direction = spec.direction === 'asc' ? asc : desc;
        const orderBy = order === 'SYMBOL_ASC' ? [asc(stocks.symbol)] : [direction(spec.expression), direction(stocks.symbol)];
        return db
          .select()
          .from(stocks)
          .where(and(...conditions))
          .orderBy(...orderBy)
          .limit(sql.placeholder('limit'))
          .prepare();
      });
      const params = bindCriteria(criteria, keys);
      if (after) Object.assign(params, { afterValue: after.value, afterSymbol: after.symbol });
      return prepared.all({ ...params, limit });
    },

    async count(criteria) {
      const keys = presentKeys(criteria);
      const prepared = counts.get(keys.join(','), () =>
        db.select({ n: sql<number>`count(*)` }).from(stocks).where(and(...keys.map(condition))).prepare(),
      );
      return prepared.get(bindCriteria(criteria, keys))?.n ?? 0;
    },

    async findMovers(kind, limit, sector) {
      const prepared = movers.get(`${kind}|${sector ? 'sector' : 'all'}`, () => {
        const conditions: SQL[] = [];
        if (sector) conditions.push(condition('sector'));
        // Gainers must have gained and losers lost: a list of "gainers" that fell would mislead.
        if (kind === 'GAINERS') conditions.push(sql`${stocks.changePercent} > 0`);
        if (kind === 'LOSERS') conditions.push(sql`${stocks.changePercent} < 0`);
        const column = kind === 'MOST_ACTIVE' ? stocks.volume : stocks.changePercent;
        const direction = kind === 'LOSERS' ? asc : desc;
        return db
          .select()
          .from(stocks)
          .where(and(...conditions))
          .orderBy(direction(column), direction(stocks.symbol))
          .limit(sql.placeholder('limit'))
          .prepare();
      });
      return prepared.all({ sector, limit });
    },
  };
}

/** Rows strictly after the cursor in the order's direction, as one row-value comparison on the index. */
function keysetCondition(order: StockOrderKey): SQL {
  const spec = STOCK_ORDER_SPECS[order];
  const value = sql.placeholder('afterValue');
  const symbol = sql.placeholder('afterSymbol');
  if (order === 'SYMBOL_ASC') return sql`${stocks.symbol} > ${symbol}`;
  const operator = spec.direction === 'asc' ? sql.raw('>') : sql.raw('<');
  return sql`(${spec.expression}, ${stocks.symbol}) ${operator} (${value}, ${symbol})`;
}
