/**
 * The resolvers graphql-jit compiles into an operation, where they differ from the ones Apollo runs: leaf
 * fields read inline (inline-leaf-fields.ts) and fields whose Apollo hook runs once per request
 * (instrument-once-fields.ts).
 *
 * graphql-jit takes each field's resolver when it compiles, and compiling is synchronous: the resolvers
 * are swapped in, the operation compiles, and Apollo's wrappers are put back before any request can run,
 * let alone see the schema.
 */
import type { GraphQLField } from 'graphql';
import { instrumentedOncePerRequest, type OnceInstrumentedField } from './instrument-once-fields.js';

export interface CompileTimeFields {
  /** Compiled as plain property reads. */
  inline: readonly GraphQLField<unknown, unknown>[];
  /** Compiled to call Apollo's wrapper once per request and the field's own resolver after. */
  instrumentedOnce: readonly OnceInstrumentedField[];
}

export function withCompileTimeResolvers<T>({ inline, instrumentedOnce }: CompileTimeFields, compile: () => T): T {
  const fields = [...inline, ...instrumentedOnce.map(({ field }) => field)];
  const saved = fields.map((field) => field.resolve);
  try {
    for (const field of inline) field.resolve = undefined;
    for (const { field, ownResolve } of instrumentedOnce) {
      // Apollo's wrapper, as the schema has it now; undefined only if Apollo did not wrap the field.
      field.resolve = field.resolve === undefined || field.resolve === ownResolve ? ownResolve : instrumentedOncePerRequest(field.resolve, ownResolve);
    }
    return compile();
  } finally {
    fields.forEach((field, index) => {
      field.resolve = saved[index];
    });
  }
}
