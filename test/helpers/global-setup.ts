/**
 * Seeds the embedded market once per test run into a template SQLite file; each test server copies it,
 * so every test file gets its own real database in milliseconds instead of seeding again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMarket } from '../../src/cli/commands/open-writable.js';
import { seedEmbeddedMarket } from '../../src/modules/market/seed-market.js';
import { TEST_AS_OF, TEST_SEED } from './constants.js';

export default async function setup({ provide }: { provide: (key: 'templateDatabase', value: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'stockql-test-template-'));
  const path = join(dir, 'template.db');
  const { database, store } = openMarket(path);
  await seedEmbeddedMarket(store, { seed: TEST_SEED, asOf: TEST_AS_OF });
  // One file, no WAL side files: copies are then complete databases.
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  provide('templateDatabase', path);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
