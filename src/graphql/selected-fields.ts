/**
 * The fields a resolver's selection asks for, for resolvers that read only what will be shown (chart
 * columns, stock list columns). Walks inline fragments and fragment spreads; a field under @skip or
 * @include counts as asked (reading a value too many is safe, one too few is not).
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

export type Fragments = Record<string, FragmentDefinitionNode>;

/** What a selection walk reads of a resolver's info. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** Every field of a selection set, through fragments; null if it spreads a fragment the document lacks. */
export function selectedFields(set: SelectionSetNode | undefined, fragments: Fragments, out: FieldNode[] = []): FieldNode[] | null {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') out.push(selection);
    else {
      const inner = selection.kind === 'InlineFragment' ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      if (inner === undefined || selectedFields(inner, fragments, out) === null) return null;
    }
  }
  return out;
}

/** Whether every field (of a walk that succeeded) is one of `allowed`. */
export function onlyFields(fields: FieldNode[] | null, allowed: ReadonlySet<string>): fields is FieldNode[] {
  return fields !== null && fields.every((field) => allowed.has(field.name.value));
}

/**
 * `analyse` memoized per field-node list: the executor passes the same list for every item of a list (every
 * stock of a page, every sector), so a selection is walked once per document, not once per item.
 */
export function perSelection<T>(analyse: (info: SelectionInfo) => T) {
  const known = new WeakMap<readonly FieldNode[], T>();
  return (info: SelectionInfo): T => {
    if (known.has(info.fieldNodes)) return known.get(info.fieldNodes)!;
    const value = analyse(info);
    known.set(info.fieldNodes, value);
    return value;
  };
}
