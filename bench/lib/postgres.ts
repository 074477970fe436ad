/**
 * The machine's PostgreSQL, for the peer benchmark: whether it answers, a throwaway database per run,
 * and the backend processes serving a database (to pin them like the servers).
 *
 * PostgreSQL is optional on a developer's machine, so nothing here throws for a server that is not
 * there: `connectAdmin` says why instead, and the benchmark is skipped with that reason.
 */
import pg from 'pg';

/** The maintenance connection; BENCH_POSTGRES_URL overrides it (same server, any existing database). */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const CONNECT_TIMEOUT_MS = 2000;

/** `host:port` of a connection URL, for messages. */
export function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A connected maintenance client, or the reason there is none (never throws). */
export async function connectAdmin(url = ADMIN_URL): Promise<{ client: pg.Client } | { unreachable: string }> {
  const where = `PostgreSQL at ${serverOf(url)}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // The client's own timeout covers the TCP connect and the startup; the race covers anything it misses
  // (a name that takes long to resolve), so the probe is bounded whatever happens.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CONNECT_TIMEOUT_MS + 500);
  });
  try {
    const outcome = await Promise.race([client.connect().then(() => 'connected' as const), timeout]);
    if (outcome === 'timeout') throw new Error('timeout');
    return { client };
  } catch (error) {
    client.end().catch(() => undefined);
    const { code, message } = error as { code?: string; message: string };
    if (message === 'timeout' || /timeout/i.test(message)) return { unreachable: `${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s` };
    if (code === 'ECONNREFUSED') return { unreachable: `${where} refused the connection (nothing listens there)` };
    return { unreachable: `${where} could not be used: ${message}${code ? ` (${code})` : ''}` };
  } finally {
    clearTimeout(timer);
  }
}

const identifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function createDatabase(admin: pg.Client, database: string): Promise<void> {
  // A database of the same name left by a run that was killed before its cleanup (same pid, later boot).
  await dropDatabase(admin, database);
  await admin.query(`CREATE DATABASE ${identifier(database)}`);
}

/** Drops the database even while connections to it remain (PostgreSQL 13+ ends them first). */
export async function dropDatabase(admin: pg.Client, database: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${identifier(database)} WITH (FORCE)`);
}

/** The pids of the client backends connected to `database`, as the server's process table has them. */
export async function backendPids(admin: pg.Client, database: string): Promise<number[]> {
  const result = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid() ORDER BY pid`,
    [database],
  );
  return result.rows.map((row) => row.pid);
}

export async function serverVersion(admin: pg.Client): Promise<string> {
  const result = await admin.query<{ server_version: string }>('SHOW server_version');
  return result.rows[0]?.server_version.split(' ')[0] ?? 'unknown';
}
