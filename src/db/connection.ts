/**
 * Opens the SQLite database with production pragmas and instruments every statement it prepares.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';
import { currentStatementRecorder } from './statement-recorder.js';

/** How long a writer waits for another writer's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export type Drizzle = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  /** The raw driver, for the statements Drizzle cannot express (bulk writes, aggregations). */
  sqlite: Database.Database;
  db: Drizzle;
  path: string;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Open read-only (an API process next to a separate writer). @default false */
  readonly?: boolean;
  /** Page cache size in KiB. @default 65536 (64 MiB) */
  cacheKiB?: number;
  /** Memory-mapped I/O size in bytes. @default 268435456 (256 MiB) */
  mmapBytes?: number;
  /** Page size of a new database file, in bytes (ignored for existing files). @default 16384 */
  pageSize?: number;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  applyPragmas(sqlite, options);
  instrumentStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  return {
    sqlite,
    db,
    path,
    close: () => {
      if (!sqlite.open) return;
      // Lets SQLite keep its query-planner statistics fresh, as its docs recommend before closing.
      if (!options.readonly) sqlite.pragma('optimize');
      sqlite.close();
    },
  };
}

function applyPragmas(sqlite: Database.Database, options: OpenDatabaseOptions): void {
  // Only takes effect on a new, empty file (before WAL is switched on); larger pages make bulk bar writes
  // and range scans cheaper (fewer B-tree pages per chart).
  if (!options.readonly) sqlite.pragma(`page_size = ${options.pageSize ?? 16384}`);
  // Readers never block the writer and vice versa; NORMAL is durable across application crashes in WAL
  // mode and only a power loss can drop the last commits.
  if (!options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`cache_size = -${options.cacheKiB ?? 65536}`);
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`mmap_size = ${options.mmapBytes ?? 268435456}`);
  // A second process holding the write lock makes us wait rather than fail with SQLITE_BUSY.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
}

type Executor = 'run' | 'get' | 'all' | 'iterate';
const executors: Executor[] = ['run', 'get', 'all', 'iterate'];

/**
 * Wraps `prepare` so every execution of every statement (Drizzle's and ours) is counted and timed in the
 * current StatementRecorder. Wrapping the instance methods keeps `raw()`/`pluck()` chaining intact, as
 * those return the same statement object.
 */
function instrumentStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const name of executors) {
      const original = statement[name] as (...args: unknown[]) => unknown;
      (statement as unknown as Record<Executor, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
        const recorder = currentStatementRecorder();
        if (!recorder) return original.apply(statement, args);
        const started = performance.now();
        try {
          return original.apply(statement, args);
        } finally {
          recorder.record(performance.now() - started);
        }
      };
    }
    return statement;
  }) as typeof sqlite.prepare;
}
