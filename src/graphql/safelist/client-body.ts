/**
 * "The document text" of a manifest entry: the text Apollo Client sends for an operation, so that its
 * hash is the `sha256Hash` Apollo Client computes and the `id` Apollo's own manifest generator
 * (`@apollo/generate-persisted-query-manifest`) writes. Three steps, as that generator does them:
 *
 * 1. the operation's document with the fragments it spreads (transitively) from other files, as
 *    Apollo Client's fragment registry adds them;
 * 2. `__typename` appended to every selection set except the operation's root, as InMemoryCache adds it
 *    (always, in Apollo Client 4) — a client without a normalized cache simply gets one field more;
 * 3. operations before fragments, each kind sorted by name (`sortTopLevelDefinitions` from
 *    `@apollo/persisted-query-lists`), then graphql-js `print()`.
 *
 * So the body is not a file's text: comments and formatting go, `__typename` comes. A client that does
 * not use Apollo Client sends the manifest's `body` verbatim, or just its `id`.
 */
import { Kind, print, visit, type ASTNode, type DefinitionNode, type DocumentNode, type FieldNode } from 'graphql';

const TYPENAME_FIELD: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** Apollo Client's `addTypenameToDocument`, rule for rule. */
export function addTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      enter(node, _key, parent) {
        // The root selection set of an operation gets none: `Query.__typename` is no cache key.
        if (isNode(parent) && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
        // Already there, or an introspection selection (`__schema`, `__type`): leave it alone.
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))) return undefined;
        // A selection `@export`ed as a variable must keep its exact shape.
        if (isNode(parent) && parent.kind === Kind.FIELD && parent.directives?.some((d) => d.name.value === 'export')) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME_FIELD] };
      },
    },
  });
}

/** Operations before fragments, each kind by name: the order no longer depends on where fragments came from. */
export function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const rank = (d: DefinitionNode) => (d.kind === Kind.OPERATION_DEFINITION ? 0 : 1);
  const name = (d: DefinitionNode) => (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? (d.name?.value ?? '') : '');
  // Plain code-unit comparison, as Apollo's `<`, not localeCompare: the order must not depend on a locale.
  const definitions = [...document.definitions].sort((a, b) => rank(a) - rank(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  return { ...document, definitions };
}

/** The text a client sends for this operation document (its fragments already included). */
export function clientBody(document: DocumentNode, options: { addTypename: boolean }): string {
  return print(sortTopLevelDefinitions(options.addTypename ? addTypename(document) : document));
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
