/**
 * The operation manifest: the operations clients may send, in Apollo's persisted query manifest format
 * (`apollo-persisted-query-manifest`, version 1), so the same file works with Apollo Client's
 * `generatePersistedQueryIdsFromManifest` and with GraphOS tooling. Each operation's `id` is the SHA-256
 * hex of its `body`: exactly the `sha256Hash` an automatic-persisted-queries client sends for that text.
 *
 * The server reads the committed file (src/generated/, written by scripts/build-operation-manifest.ts)
 * and checks it here, because a hand-edited body whose id no longer matches would be a hole in the
 * safelist that no client could ever use.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../paths.js';

/** The committed manifest; the same path from src/ under tsx and from dist/. */
export const operationManifestPath = join(packageRoot, 'src', 'generated', 'operation-manifest.json');

const operationSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
  name: z.string().min(1),
  type: z.enum(['query', 'mutation', 'subscription']),
  body: z.string().min(1),
});

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(operationSchema),
});

export type ManifestOperation = z.infer<typeof operationSchema>;
export type OperationManifest = z.infer<typeof manifestSchema>;

/** The id of a document text: what Apollo Server computes for APQ and Apollo Client sends as `sha256Hash`. */
export function documentId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Checks parsed JSON as a manifest: its shape, that every id is its body's hash, and that ids and names
 * are unique. Throws one error that lists every problem, naming `source` (a file path).
 */
export function parseOperationManifest(json: unknown, source: string): OperationManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${source} is not an operation manifest (expected { format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }):\n${list(problems)}`);
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const { id, name, body } of parsed.data.operations) {
    const actual = documentId(body);
    if (actual !== id) problems.push(`${name}: id ${id} is not the SHA-256 of its body (that is ${actual}); regenerate the manifest instead of editing it`);
    if (ids.has(id)) problems.push(`${name}: id ${id} appears twice`);
    if (names.has(name)) problems.push(`${name}: the name appears twice`);
    ids.add(id);
    names.add(name);
  }
  if (problems.length > 0) throw new Error(`${source} does not hold together:\n${list(problems)}`);
  return parsed.data;
}

/** Reads and checks a manifest file. @default path operationManifestPath */
export function loadOperationManifest(path: string = operationManifestPath): OperationManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the operation manifest ${path} (${(error as Error).message}): run \`npm run operations\` to generate it.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}): run \`npm run operations\` to regenerate it.`);
  }
  return parseOperationManifest(json, path);
}

/** The manifest as it is written to disk: two-space JSON and a final newline, so diffs stay small. */
export function serializeOperationManifest(manifest: OperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function list(problems: string[]): string {
  return problems.map((p) => `  - ${p}`).join('\n');
}
