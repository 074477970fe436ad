/**
 * Lists of objects whose selected fields are all inline leaves (inline-leaf-fields.ts), compiled as one
 * projection per list instead of graphql-jit's per-item machinery.
 *
 * A one-year chart is 252 points of six leaves. For each point graphql-jit calls a list-item handler with
 * two fresh closures, and for each leaf it builds the leaf's location and path arrays as arguments (used
 * only if the leaf fails): some twenty short-lived objects per point, most of a cold chart's garbage.
 * For a list whose every selected field is read as a plain property and only serialized, the same result
 * is one object per item with the selected keys in order, each value its scalar's `serialize`: that is
 * what a projection built once per selection does here.
 *
 * How: while an operation compiles, such a list field's type is swapped for a leaf scalar that returns
 * its value as it is, and its resolver for one that runs the field's own (Apollo's wrapper, told the true
 * return type so the cacheControl plugin gives the same hint) and projects the items. Anything the
 * projection does not expect — a null where the type forbids it, a value its scalar refuses, an item that
 * is a promise or an error, a value that is not a list — throws, the compiled run reports an error, and
 * graphql-js answers the request (jit-executor.ts), so errors stay exactly graphql-js's.
 *
 * A list qualifies in an operation only if every occurrence of it selects plain fields: no fragments, no
 * directives, no arguments, each `__typename` or an inline leaf of the item type.
 */
import {
  GraphQLNonNull,
  GraphQLScalarType,
  Kind,
  TypeInfo,
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { FAST_SERIALIZERS } from './fast-serializers.js';
import { nonRootFields } from './inline-leaf-fields.js';

type Resolver = GraphQLFieldResolver<unknown, unknown>;

export interface LeafListField {
  field: GraphQLField<unknown, unknown>;
  itemType: GraphQLObjectType;
  itemsNonNull: boolean;
  /** The item type's fields a projection may read (inline leaves), by name. */
  leaves: ReadonlyMap<string, GraphQLField<unknown, unknown>>;
}

/** The value of a swapped field is already its answer: the projection made it. */
const PROJECTED_LIST = new GraphQLScalarType({ name: 'StockqlProjectedList', serialize: (value) => value });

/** Must be called on the schema before Apollo serves it, with the fields inline-leaf-fields.ts allows. */
export function leafListFields(schema: GraphQLSchema, inline: readonly GraphQLField<unknown, unknown>[]): readonly LeafListField[] {
  const inlineSet = new Set(inline);
  return nonRootFields(schema).flatMap((field) => {
    const list = getNullableType(field.type);
    if (!isListType(list) || isListType(getNullableType(list.ofType))) return [];
    const itemType = getNamedType(list.ofType);
    if (!isObjectType(itemType)) return [];
    // A leaf field holding a list of scalars (search highlights' offsets) is left to graphql-jit.
    const isScalarLeaf = (leaf: GraphQLField<unknown, unknown>) => inlineSet.has(leaf) && !isListType(getNullableType(leaf.type));
    const leaves = new Map(Object.values(itemType.getFields()).flatMap((leaf) => (isScalarLeaf(leaf) ? [[leaf.name, leaf] as const] : [])));
    return leaves.size === 0 ? [] : [{ field, itemType, itemsNonNull: isNonNullType(list.ofType), leaves }];
  });
}

/** The candidates every occurrence of which, in this operation, selects only what a projection can answer. */
export function projectableIn(candidates: readonly LeafListField[], schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): LeafListField[] {
  const byField = new Map(candidates.map((candidate) => [candidate.field, candidate]));
  const refused = new Set<LeafListField>();
  const seen = new Set<LeafListField>();
  const typeInfo = new TypeInfo(schema);
  // The operation and every fragment of the document: a fragment this operation does not use only refuses more.
  const definitions = document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION);
  visit({ kind: Kind.DOCUMENT, definitions }, visitWithTypeInfo(typeInfo, {
    Field(node) {
      const candidate = byField.get(typeInfo.getFieldDef() as GraphQLField<unknown, unknown>);
      if (candidate === undefined) return;
      seen.add(candidate);
      if (!selectsOnlyLeaves(node, candidate)) refused.add(candidate);
    },
  }));
  return [...seen].filter((candidate) => !refused.has(candidate));
}

function selectsOnlyLeaves(node: FieldNode, { leaves }: LeafListField): boolean {
  return (node.selectionSet?.selections ?? []).every(
    (selection) =>
      selection.kind === Kind.FIELD &&
      !selection.directives?.length &&
      !selection.arguments?.length &&
      (selection.name.value === '__typename' || leaves.has(selection.name.value)),
  );
}

/** The field's type while the operation compiles: the list's own nullability, a leaf inside. */
export function projectedType(field: GraphQLField<unknown, unknown>): GraphQLOutputType {
  return isNonNullType(field.type) ? new GraphQLNonNull(PROJECTED_LIST) : PROJECTED_LIST;
}

/** The resolver compiled in: the field's own (`resolve`, as the schema has it), then the projection. */
export function projectingResolver(candidate: LeafListField, resolve: Resolver | undefined): Resolver {
  const originalType = candidate.field.type;
  const projectors = new WeakMap<readonly FieldNode[], Projector>();
  return (source, args, context, info) => {
    let project = projectors.get(info.fieldNodes);
    if (project === undefined) projectors.set(info.fieldNodes, (project = projector(candidate, info.fieldNodes)));
    // graphql-jit builds `info` afresh per call; the hooks around the resolver must see the field's true type.
    (info as { returnType: GraphQLOutputType }).returnType = originalType;
    const value = (resolve ?? (defaultFieldResolver as Resolver))(source, args, context, info);
    return isPromiseLike(value) ? Promise.resolve(value).then(project) : project(value);
  };
}

type Projector = (value: unknown) => unknown;
type Serializer = (value: unknown) => unknown;

/** The items' selected keys in order (merged over every node, as graphql-js collects them), as one function. */
function projector({ itemType, itemsNonNull, leaves }: LeafListField, fieldNodes: readonly FieldNode[]): Projector {
  const keys = new Map<string, string>();
  for (const node of fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) throw new Error('unexpected selection in a projected list');
      const key = selection.alias?.value ?? selection.name.value;
      if (!keys.has(key)) keys.set(key, selection.name.value);
    }
  }
  const serializers: Serializer[] = [];
  const properties = [...keys].map(([key, name]) => {
    if (name === '__typename') return `${JSON.stringify(key)}: ${JSON.stringify(itemType.name)}`;
    const leaf = leaves.get(name)!;
    serializers.push(serializerOf(getNamedType(leaf.type) as GraphQLLeafType));
    const nonNull = isNonNullType(leaf.type);
    return `${JSON.stringify(key)}: leaf(item[${JSON.stringify(name)}], s[${serializers.length - 1}], ${nonNull})`;
  });
  // Generated once per selection: a literal with fixed keys is what V8 makes fastest to build and to stringify.
  const item = new Function('leaf', 's', `return (item) => ({ ${properties.join(', ')} });`)(leafValue, serializers) as (item: Record<string, unknown>) => unknown;
  return (value) => {
    if (value == null) return value;
    if (typeof value === 'string' || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new Error('a projected list is not iterable');
    const out: unknown[] = [];
    for (const entry of value as Iterable<unknown>) {
      if (entry == null) {
        if (itemsNonNull) throw new Error('a null item in a list of non-null items');
        out.push(null);
      } else if (typeof entry !== 'object' || entry instanceof Error || isPromiseLike(entry)) {
        throw new Error('a projected list item is not a plain object');
      } else out.push(item(entry as Record<string, unknown>));
    }
    return out;
  };
}

function leafValue(value: unknown, serialize: Serializer, nonNull: boolean): unknown {
  if (value == null) {
    if (nonNull) throw new Error('a null leaf of a non-null field');
    return null;
  }
  // graphql-js's default resolver would call a method; leave that to it.
  if (typeof value === 'function') throw new Error('a leaf property is a function');
  const serialized = serialize(value);
  // graphql-js refuses a serializer's null or undefined as an error; so does graphql-jit, so the fallback answers.
  if (serialized == null) throw new Error('a leaf serialized to nothing');
  return serialized;
}

function serializerOf(type: GraphQLLeafType): Serializer {
  return FAST_SERIALIZERS[type.name] ?? ((value) => type.serialize(value));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
