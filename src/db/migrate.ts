/**
 * Applies the committed migrations in drizzle/ (idempotent: Drizzle records what it applied).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder } from '../paths.js';
import type { DatabaseHandle } from './connection.js';

export function applyMigrations(handle: DatabaseHandle): void {
  migrate(handle.db, { migrationsFolder });
}

let shippedMigrations: number | undefined;

/** How many migrations ship in drizzle/ (read once: they cannot change while the process runs). */
function shippedMigrationCount(): number {
  shippedMigrations ??= (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
  return shippedMigrations;
}

/** True when every migration in drizzle/ has been applied (a readiness check). */
export function migrationsApplied(handle: DatabaseHandle): boolean {
  const table = handle.sqlite
    .prepare(`/* migrationsTable */ SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    .get();
  if (!table) return false;
  const row = handle.sqlite.prepare('/* appliedMigrations */ SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return row.n >= shippedMigrationCount();
}
