/**
 * The resolvers graphql-jit compiles into an operation, where they differ from the ones Apollo runs: leaf
 * fields read inline (inline-leaf-fields.ts), fields whose Apollo hook runs once per request
 * (instrument-once-fields.ts), and lists of objects whose selection is only inline leaves, answered by one
 * projection (leaf-lists.ts).
 *
 * graphql-jit takes each field's resolver and type when it compiles, and compiling is synchronous: they
 * are swapped in, the operation compiles, and Apollo's wrappers and the schema's types are put back before
 * any request can run, let alone see the schema.
 */
import type { DocumentNode, GraphQLField, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { instrumentedOncePerRequest, type OnceInstrumentedField } from './instrument-once-fields.js';
import { projectableIn, projectedType, projectingResolver, type LeafListField } from './leaf-lists.js';

export interface CompileTimeFields {
  /** Compiled as plain property reads. */
  inline: readonly GraphQLField<unknown, unknown>[];
  /** Compiled to call Apollo's wrapper once per request and the field's own resolver after. */
  instrumentedOnce: readonly OnceInstrumentedField[];
  /** Candidates for a projection, used where the operation's selection of them allows it. */
  leafLists: readonly LeafListField[];
}

/** The operation `compile` compiles: which leaf lists it may project depends on its selections. */
export interface CompiledOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

export function withCompileTimeResolvers<T>({ inline, instrumentedOnce, leafLists }: CompileTimeFields, target: CompiledOperation, compile: () => T): T {
  const projected = leafLists.length === 0 ? [] : projectableIn(leafLists, target.schema, target.document, target.operation);
  const fields = [...inline, ...instrumentedOnce.map(({ field }) => field), ...projected.map(({ field }) => field)];
  const saved = fields.map((field) => ({ resolve: field.resolve, type: field.type }));
  try {
    for (const field of inline) field.resolve = undefined;
    for (const { field, ownResolve } of instrumentedOnce) {
      // Apollo's wrapper, as the schema has it now; undefined only if Apollo did not wrap the field.
      field.resolve = field.resolve === undefined || field.resolve === ownResolve ? ownResolve : instrumentedOncePerRequest(field.resolve, ownResolve);
    }
    // After the swaps above, so a projected list runs whatever resolver the field would have had.
    for (const candidate of projected) {
      candidate.field.resolve = projectingResolver(candidate, candidate.field.resolve);
      candidate.field.type = projectedType(candidate.field);
    }
    return compile();
  } finally {
    fields.forEach((field, index) => {
      field.resolve = saved[index]!.resolve;
      field.type = saved[index]!.type;
    });
  }
}
