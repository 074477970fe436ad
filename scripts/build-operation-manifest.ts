/**
 * Writes src/generated/operation-manifest.json (the persisted-query safelist) from operations/*.graphql,
 * validated against schema.graphql. Run with tsx; part of `npm run codegen` and `npm run build`.
 *
 *   tsx scripts/build-operation-manifest.ts           write the manifest
 *   tsx scripts/build-operation-manifest.ts --check   exit 1 when the committed manifest is stale (CI)
 *
 * `--operations <dir>`, `--out <file>` and `--schema <file>` override the default paths.
 */
import { parseArgs } from 'node:util';
import { runManifestCommand } from '../src/graphql/safelist/manifest-command.js';

try {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      operations: { type: 'string' },
      out: { type: 'string' },
      schema: { type: 'string' },
    },
  });
  process.exitCode = runManifestCommand(
    { check: values.check, operationsDir: values.operations, manifestPath: values.out, schemaPath: values.schema },
    { out: (line) => console.log(line), err: (line) => console.error(line) },
  );
} catch (error) {
  console.error(`build-operation-manifest: ${error instanceof Error ? error.message : String(error)}`);
  console.error('usage: tsx scripts/build-operation-manifest.ts [--check] [--operations <dir>] [--out <file>] [--schema <file>]');
  process.exitCode = 2;
}
