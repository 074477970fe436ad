/**
 * Mirrors a seeded stockql market from its SQLite file into a PostgreSQL database, for the peer benchmark
 * (bench/peer.bench.ts) to serve the same data through PostGraphile. Replaces the `stocks` and `sectors`
 * tables of the target database; touches nothing else there.
 *
 *   npx tsx bench/mirror-to-postgres.ts <sqlite file> <postgres url>
 *
 * What is copied:
 * - `stocks`, every column of src/db/schema.ts (read from the Drizzle table, so a new column is mirrored
 *   too), with the same names and the same values (SQLite REAL → double precision, so prices round-trip
 *   bit for bit).
 * - `sectors`: one row per sector with the figures stockql's `SectorStats` reports, computed by stockql's
 *   own sector store on the SQLite file and copied as values. Computing them again in PostgreSQL would not
 *   do: its avg() sums in a different order than SQLite's, and the last digit of averageChangePercent would
 *   differ between the two servers. A foreign key from `stocks.sector` lets PostGraphile expose the row.
 *   (Top gainer and loser are left out: the list query does not ask for them.)
 *
 * Bars are not copied: the benchmark's list query reads quotes, which live in the `stocks` row, and never
 * a bar; millions of bar rows would only make the mirror slow.
 */
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { stocks } from '../src/db/schema.js';
import { createSectorStore } from '../src/modules/sectors/sectors.store.js';

export interface MirrorSummary {
  stocks: number;
  sectors: number;
  /** The indexes created on the mirror, by name. */
  indexes: string[];
  elapsedMs: number;
}

/** Rows per multi-row INSERT: 17 columns × 500 rows stays far below PostgreSQL's 65,535 parameters. */
const BATCH_ROWS = 500;

// SQLite storage classes to PostgreSQL types: REAL is an IEEE double in both; INTEGER holds Unix
// milliseconds here, which need 64 bits.
const POSTGRES_TYPES: Record<string, string> = { text: 'text', real: 'double precision', integer: 'bigint' };

const sectorColumns = [
  ['name', 'text PRIMARY KEY', 'sector'],
  ['stock_count', 'integer NOT NULL', 'stockCount'],
  ['total_market_cap', 'double precision NOT NULL', 'totalMarketCap'],
  ['average_change_percent', 'double precision NOT NULL', 'averageChangePercent'],
  ['advancers', 'integer NOT NULL', 'advancers'],
  ['decliners', 'integer NOT NULL', 'decliners'],
  ['unchanged', 'integer NOT NULL', 'unchanged'],
] as const;

// What an operator would index for the lists stockql serves, the way src/db/schema.ts does for SQLite:
// each order with its symbol tie-break (a backward scan serves DESC, as `market_cap DESC, symbol DESC`
// does for the benchmark's query), and the sector for the foreign key and per-sector pages. PostGraphile
// also uses these to decide which orders to expose (ignoreIndexes: false).
const stockIndexes = [
  ['stocks_market_cap_idx', 'market_cap, symbol'],
  ['stocks_price_idx', 'price, symbol'],
  ['stocks_change_percent_idx', 'change_percent, symbol'],
  ['stocks_volume_idx', 'volume, symbol'],
  ['stocks_sector_market_cap_idx', 'sector, market_cap, symbol'],
] as const;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** `($1, $2), ($3, $4)`: the placeholders of a multi-row INSERT of `rows` rows of `width` values. */
function placeholders(rows: number, width: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
}

async function insertBatches(client: pg.Client, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    await client.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${placeholders(batch.length, columns.length)}`, batch.flat());
  }
}

function stocksTableSql(): { ddl: string; columns: string[] } {
  const { columns } = getTableConfig(stocks);
  const definitions = columns.map((column) => {
    const type = POSTGRES_TYPES[column.getSQLType()];
    if (!type) throw new Error(`mirror: no PostgreSQL type for stocks.${column.name} (${column.getSQLType()})`);
    const constraints = [column.primary ? 'PRIMARY KEY' : column.notNull ? 'NOT NULL' : '', column.name === 'sector' ? 'REFERENCES sectors (name)' : ''];
    return `${quote(column.name)} ${type} ${constraints.join(' ')}`.trim();
  });
  return { ddl: `CREATE TABLE stocks (${definitions.join(', ')})`, columns: columns.map((c) => c.name) };
}

/** Copies the stocks and their sector statistics from `sqlitePath` into the database at `postgresUrl`. */
export async function mirrorToPostgres(sqlitePath: string, postgresUrl: string): Promise<MirrorSummary> {
  const started = performance.now();
  const sqlite = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  try {
    const { ddl, columns } = stocksTableSql();
    const stockRows = sqlite.prepare(`SELECT ${columns.map(quote).join(', ')} FROM stocks ORDER BY symbol`).raw().all() as unknown[][];
    const sectorRows = (await createSectorStore(sqlite).findAll()).map((row) => sectorColumns.map(([, , field]) => row[field]));

    await client.connect();
    // One transaction: a failed mirror leaves the target as it was.
    await client.query('BEGIN');
    await client.query('DROP TABLE IF EXISTS stocks, sectors');
    await client.query(`CREATE TABLE sectors (${sectorColumns.map(([name, type]) => `${name} ${type}`).join(', ')})`);
    await client.query(ddl);
    await insertBatches(client, 'sectors', sectorColumns.map(([name]) => name), sectorRows);
    await insertBatches(client, 'stocks', columns, stockRows);
    // Indexes after the rows: building each once is faster than maintaining it row by row.
    for (const [name, on] of stockIndexes) await client.query(`CREATE INDEX ${name} ON stocks (${on})`);
    await client.query('COMMIT');
    // Fresh statistics, so the planner knows the row counts before the first query (autovacuum may not
    // have looked yet).
    await client.query('ANALYZE stocks, sectors');
    return {
      stocks: stockRows.length,
      sectors: sectorRows.length,
      indexes: ['stocks_pkey', 'sectors_pkey', ...stockIndexes.map(([name]) => name)],
      elapsedMs: performance.now() - started,
    };
  } finally {
    sqlite.close();
    await client.end().catch(() => undefined);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [sqlitePath, postgresUrl] = process.argv.slice(2);
  if (!sqlitePath || !postgresUrl) {
    process.stderr.write('usage: npx tsx bench/mirror-to-postgres.ts <sqlite file> <postgres url>\n');
    process.exit(2);
  }
  const summary = await mirrorToPostgres(sqlitePath, postgresUrl);
  process.stdout.write(
    `mirrored ${summary.stocks} stocks and ${summary.sectors} sectors from ${sqlitePath} in ${Math.round(summary.elapsedMs)} ms ` +
      `(indexes: ${summary.indexes.join(', ')}; bars are not mirrored)\n`,
  );
}
