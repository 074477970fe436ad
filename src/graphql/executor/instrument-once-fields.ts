/**
 * The fields whose Apollo field hook needs to run only once per request, not once per instance.
 *
 * Apollo runs `willResolveField` around every resolver call: a 100-row page with `quote` and `sectorStats`
 * is 200 calls, each building a cache policy, its closures and a completion callback. Our one
 * `willResolveField` hook is Apollo's cacheControl plugin (see inline-leaf-fields.ts), and what it does for
 * one instance of a field is restrict the request's policy by a hint computed from the field's
 * @cacheControl, its return type's @cacheControl and whether it is a root field, unless the resolver
 * changes the hint through `info.cacheControl`. For a field that
 * - is not a root field, and
 * - has a resolver declared with fewer than four parameters (it cannot reach `info`, so it cannot set a
 *   hint: our resolvers are arrow functions, which have no `arguments` either),
 * every instance restricts the policy by the same hint, and restricting by the same hint again changes
 * nothing. So the compiled code calls Apollo's wrapper for the first instance in a request (the policy
 * is restricted exactly as before) and the field's own resolver for the rest.
 *
 * Like inline leaf fields, this holds only while cacheControl is the server's one `willResolveField` hook.
 */
import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { nonRootFields } from './inline-leaf-fields.js';

type Resolver = GraphQLFieldResolver<unknown, unknown>;

export interface OnceInstrumentedField {
  field: GraphQLField<unknown, unknown>;
  /** The field's own resolver, taken before Apollo wraps it. */
  ownResolve: Resolver;
}

/** Must be called on the schema before Apollo serves it: afterwards every field has Apollo's wrapper. */
export function onceInstrumentedFields(schema: GraphQLSchema): readonly OnceInstrumentedField[] {
  return nonRootFields(schema).flatMap((field) => (field.resolve !== undefined && field.resolve.length < 4 ? [{ field, ownResolve: field.resolve }] : []));
}

/**
 * The resolver compiled code calls for such a field: `instrumented` (Apollo's wrapper, as the schema has it
 * when the operation compiles) for the first instance of each request, the field's own for the others.
 * Requests are told apart by their context value, which Apollo creates per request.
 */
export function instrumentedOncePerRequest(instrumented: Resolver, own: Resolver): Resolver {
  const seen = new WeakSet<object>();
  return (source, args, context, info) => {
    if (seen.has(context as object)) return own(source, args, context, info);
    seen.add(context as object);
    return instrumented(source, args, context, info);
  };
}
