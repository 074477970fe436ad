/**
 * Builds the operation manifest from the `.graphql` files clients are built from, and refuses to build
 * one that would safelist an operation the server cannot run: every problem (syntax, a missing or
 * duplicate name, two operations in a file, a fragment no operation uses, any validation error against
 * the schema) is reported at once, with its file, line and column.
 *
 * The rules are those of Apollo's manifest generator, so either tool gives the same manifest: one named
 * operation per file, fragments shared by name across files.
 */
import {
  GraphQLError,
  Kind,
  parse,
  Source,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { clientBody } from './client-body.js';
import { documentId, type ManifestOperation, type OperationManifest } from './operation-manifest.js';

export interface OperationFile {
  /** Shown in problems; relative paths read best. */
  path: string;
  text: string;
}

export interface BuildManifestOptions {
  /** Add `__typename` to selection sets as Apollo Client does; turn off only for clients that do not. @default true */
  addTypename?: boolean;
}

export type BuildManifestResult = { kind: 'built'; manifest: OperationManifest } | { kind: 'invalid'; problems: string[] };

interface ParsedFile {
  path: string;
  operation: OperationDefinitionNode | undefined;
  document: DocumentNode;
}

export function buildOperationManifest(files: readonly OperationFile[], schema: GraphQLSchema, options: BuildManifestOptions = {}): BuildManifestResult {
  const problems: string[] = [];
  const parsed: ParsedFile[] = [];
  const fragments = new Map<string, { definition: FragmentDefinitionNode; path: string }>();
  const operationPaths = new Map<string, string>();

  for (const file of files) {
    let document: DocumentNode;
    try {
      document = parse(new Source(file.text, file.path));
    } catch (error) {
      problems.push(describe(error, file.path));
      continue;
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length > 1) problems.push(`${file.path}: holds ${operations.length} operations (${operations.map(nameOf).join(', ')}); put each in a file of its own`);
    for (const operation of operations) {
      const name = operation.name?.value;
      if (name === undefined) problems.push(`${at(file.path, operation)} an anonymous ${operation.operation}: name it (clients find operations in the manifest by name)`);
      else if (operationPaths.has(name)) problems.push(`${at(file.path, operation)} operation ${name} is already defined in ${operationPaths.get(name)}`);
      else operationPaths.set(name, file.path);
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const name = definition.name.value;
      const earlier = fragments.get(name);
      if (earlier) problems.push(`${at(file.path, definition)} fragment ${name} is already defined in ${earlier.path}`);
      else fragments.set(name, { definition, path: file.path });
    }
    parsed.push({ path: file.path, operation: operations.length === 1 ? operations[0] : undefined, document });
  }

  const usedFragments = new Set<string>();
  const operations: ManifestOperation[] = [];
  for (const file of parsed) {
    if (file.operation?.name === undefined) continue;
    const document = withSpreadFragments(file.document, fragments);
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) usedFragments.add(definition.name.value);
    const errors = validate(schema, document);
    if (errors.length > 0) {
      problems.push(...errors.map((error) => describe(error, file.path)));
      continue;
    }
    const body = clientBody(document, { addTypename: options.addTypename ?? true });
    operations.push({ id: documentId(body), name: file.operation.name.value, type: file.operation.operation, body });
  }
  for (const [name, { definition, path }] of fragments) {
    if (!usedFragments.has(name)) problems.push(`${at(path, definition)} fragment ${name} is used by no operation: use it or delete it`);
  }

  if (problems.length > 0) return { kind: 'invalid', problems };
  operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: 'built', manifest: { format: 'apollo-persisted-query-manifest', version: 1, operations } };
}

/** The file's own definitions plus every fragment they spread, transitively, from other files. */
function withSpreadFragments(document: DocumentNode, fragments: ReadonlyMap<string, { definition: FragmentDefinitionNode }>): DocumentNode {
  const definitions = [...document.definitions];
  const present = new Set(definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
  for (let i = 0; i < definitions.length; i++) {
    visit(definitions[i]!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        // An unknown fragment is left for validation to report, with its location.
        if (present.has(name) || fragment === undefined) return;
        present.add(name);
        definitions.push(fragment.definition);
      },
    });
  }
  return { kind: Kind.DOCUMENT, definitions };
}

function describe(error: unknown, path: string): string {
  if (!(error instanceof GraphQLError)) return `${path}: ${error instanceof Error ? error.message : String(error)}`;
  const location = error.locations?.[0];
  const file = error.source?.name ?? path;
  return location ? `${file}:${location.line}:${location.column} ${error.message}` : `${file}: ${error.message}`;
}

function at(path: string, node: { loc?: { startToken: { line: number; column: number } } }): string {
  return node.loc ? `${path}:${node.loc.startToken.line}:${node.loc.startToken.column}` : `${path}:`;
}

function nameOf(operation: OperationDefinitionNode): string {
  return operation.name?.value ?? 'anonymous';
}
