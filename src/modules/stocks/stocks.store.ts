/**
 * The stocks repository: every SQL statement about listings and their latest quotes.
 * Statements are built once per query shape (which filters are present, which order, first page or not)
 * and kept prepared, so a request pays only for binding and stepping. Rows come back as `.raw()` arrays
 * mapped by hand (stock-columns.ts): the row marshalling, not the SQL, is what a cold list costs.
 * Statements go through `sqlite.prepare`, which src/db/connection.ts instruments, so each is counted.
 */
import type Database from 'better-sqlite3';
import type { Drizzle } from '../../db/connection.js';
import type { StockRow } from '../../db/schema.js';
import { STOCK_ROW_COLUMNS, stockColumnsOf, toPartialStockRows, toStockRow, toStockRows } from './stock-columns.js';
import type { StockField } from './stock-fields.js';
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
  /** The row fields to read, in STOCK_FIELD_COLUMNS order (stock-fields.ts); null or absent: whole rows. */
  fields?: readonly StockField[] | null;
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

/** The SQL condition for one criterion, with one positional parameter. */
const CONDITIONS: Record<CriteriaKey, string> = {
  sector: 'sector = ?',
  // COLLATE on the parameter makes the comparison case-insensitive, as the (x COLLATE NOCASE) indexes are.
  industry: 'industry = ? COLLATE NOCASE',
  exchange: 'exchange = ? COLLATE NOCASE',
  minPrice: 'price >= ?',
  maxPrice: 'price <= ?',
  minChangePercent: 'change_percent >= ?',
  maxChangePercent: 'change_percent <= ?',
  minMarketCap: 'market_cap >= ?',
  maxMarketCap: 'market_cap <= ?',
  // json_each binds a list of any length to one prepared statement.
  symbols: 'symbol IN (SELECT value FROM json_each(?))',
};

function presentKeys(criteria: StockCriteria): CriteriaKey[] {
  return CRITERIA_KEYS.filter((k) => criteria[k] !== undefined && criteria[k] !== null);
}

/** The parameters of `keys`' conditions, in the order `whereClause(keys)` has its placeholders. */
function bindCriteria(criteria: StockCriteria, keys: CriteriaKey[]): unknown[] {
  return keys.map((key) => (key === 'symbols' ? JSON.stringify(criteria.symbols) : criteria[key]));
}

function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

/** Prepared statements by shape; bounded because shapes come from client input. */
class ShapeCache {
  private readonly byShape = new Map<string, Database.Statement>();
  constructor(private readonly limit = 512) {}
  get(shape: string, build: () => Database.Statement): Database.Statement {
    let prepared = this.byShape.get(shape);
    if (!prepared) {
      if (this.byShape.size >= this.limit) this.byShape.delete(this.byShape.keys().next().value!);
      prepared = build();
      this.byShape.set(shape, prepared);
    }
    return prepared;
  }
}

/** @param db its better-sqlite3 client runs the statements; Drizzle stays for the schema and migrations. */
export function createStockStore(db: Drizzle): StockStore {
  // drizzle() attaches the client it wraps as $client; the Drizzle type of src/db does not declare it.
  const sqlite = (db as Drizzle & { $client?: Database.Database }).$client;
  if (!sqlite) throw new Error('createStockStore expected a Drizzle database over better-sqlite3 (with $client), got one without.');
  const selectRows = `SELECT ${STOCK_ROW_COLUMNS} FROM "stocks"`;
  // One symbol (stock(symbol), most requests) is a primary-key lookup; a batch binds its list as JSON.
  const bySymbol = sqlite.prepare(`/* stockBySymbol */ ${selectRows} WHERE symbol = ?`).raw();
  const bySymbols = sqlite.prepare(`/* stocksBySymbols */ ${selectRows} WHERE symbol IN (SELECT value FROM json_each(?))`).raw();
  const pages = new ShapeCache();
  const counts = new ShapeCache();
  const movers = new ShapeCache();

  return {
    async findBySymbols(symbols) {
      if (symbols.length === 0) return [];
      if (symbols.length === 1) {
        const row = bySymbol.get(symbols[0]) as unknown[] | undefined;
        return row ? [toStockRow(row)] : [];
      }
      return toStockRows(bySymbols.all(JSON.stringify(symbols)) as unknown[][]);
    },

    async findPage({ criteria, order, after, limit, fields = null }) {
      const keys = presentKeys(criteria);
      const shape = `${order}|${after ? 'after' : 'first'}|${keys.join(',')}|${fields?.join(',') ?? '*'}`;
      const prepared = pages.get(shape, () => {
        const spec = STOCK_ORDER_SPECS[order];
        const conditions = keys.map((key) => CONDITIONS[key]);
        if (after) conditions.push(keysetCondition(order));
        const direction = spec.direction === 'asc' ? 'ASC' : 'DESC';
        const orderBy = order === 'SYMBOL_ASC' ? 'symbol ASC' : `${spec.expression} ${direction}, symbol ${direction}`;
        return sqlite.prepare(`/* stockPage */ SELECT ${stockColumnsOf(fields)} FROM "stocks"${whereClause(conditions)} ORDER BY ${orderBy} LIMIT ?`).raw();
      });
      const params = bindCriteria(criteria, keys);
      if (after) {
        if (order === 'SYMBOL_ASC') params.push(after.symbol);
        else params.push(after.value, after.symbol);
      }
      params.push(limit);
      const rows = prepared.all(params) as unknown[][];
      return fields === null ? toStockRows(rows) : toPartialStockRows(rows, fields);
    },

    async count(criteria) {
      const keys = presentKeys(criteria);
      const prepared = counts.get(keys.join(','), () =>
        sqlite.prepare(`/* stockCount */ SELECT count(*) FROM "stocks"${whereClause(keys.map((key) => CONDITIONS[key]))}`).pluck(),
      );
      return (prepared.get(bindCriteria(criteria, keys)) as number | undefined) ?? 0;
    },

    async findMovers(kind, limit, sector) {
      const prepared = movers.get(`${kind}|${sector ? 'sector' : 'all'}`, () => {
        const conditions: string[] = [];
        if (sector) conditions.push(CONDITIONS.sector);
        // Gainers must have gained and losers lost: a list of "gainers" that fell would mislead.
        if (kind === 'GAINERS') conditions.push('change_percent > 0');
        if (kind === 'LOSERS') conditions.push('change_percent < 0');
        const column = kind === 'MOST_ACTIVE' ? 'volume' : 'change_percent';
        const direction = kind === 'LOSERS' ? 'ASC' : 'DESC';
        return sqlite.prepare(`/* stockMovers */ ${selectRows}${whereClause(conditions)} ORDER BY ${column} ${direction}, symbol ${direction} LIMIT ?`).raw();
      });
      return toStockRows((sector ? prepared.all(sector, limit) : prepared.all(limit)) as unknown[][]);
    },
  };
}

/** Rows strictly after the cursor in the order's direction, as one row-value comparison on the index. */
function keysetCondition(order: StockOrderKey): string {
  if (order === 'SYMBOL_ASC') return 'symbol > ?';
  const spec = STOCK_ORDER_SPECS[order];
  return `(${spec.expression}, symbol) ${spec.direction === 'asc' ? '>' : '<'} (?, ?)`;
}
