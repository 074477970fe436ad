/**
 * Files that ship with the package (schema, migrations, embedded market), found from the package root so
 * the same code works from src/ under tsx and from dist/ when built.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`stockql: no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const schemaPath = join(packageRoot, 'schema.graphql');
export const migrationsFolder = join(packageRoot, 'drizzle');
export const embeddedMarketPath = join(packageRoot, 'data', 'embedded-market.csv');
