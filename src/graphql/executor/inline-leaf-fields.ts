/**
 * The fields whose per-field instrumentation is provably a no-op, so compiled code may read them inline.
 *
 * Apollo wraps every field resolver of the schema it serves, so that `willResolveField` runs for every
 * field of every object in a response: a 100-row page of stocks is about 2,000 calls, each building a
 * cache policy. For most of them that work changes nothing. The only `willResolveField` hook our server
 * installs is Apollo's cacheControl plugin (src/graphql/apollo.ts lists the plugins), and for a field that
 * - is not a root field (root fields get the default maxAge),
 * - returns a scalar or enum (only composite return types carry a type's hint or the default maxAge),
 * - has no @cacheControl of its own, and
 * - has no resolver of its own (nothing could call `info.cacheControl.setCacheHint`),
 * its policy stays empty and restricting the request's policy by it changes nothing. graphql-jit then reads
 * such a field as a property of its parent, the way graphql-js's default resolver does. (Where the two
 * would differ — a property holding a function or a promise — the value fails to serialize, the compiled
 * run reports an error, and graphql-js answers the request: see jit-executor.ts.)
 *
 * A plugin that wants to see every field (tracing, usage reporting with field stats) must turn this off.
 */
import { getNamedType, isLeafType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';

/** The fields of the schema's own object types other than the root types (whose fields get the default maxAge). */
export function nonRootFields(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((type) => type != null));
  return Object.values(schema.getTypeMap()).flatMap((type) =>
    isObjectType(type) && !type.name.startsWith('__') && !roots.has(type) ? Object.values(type.getFields()) : [],
  );
}

/** Must be called on the schema before Apollo serves it: afterwards every field has Apollo's wrapper. */
export function inlineLeafFields(schema: GraphQLSchema): readonly GraphQLField<unknown, unknown>[] {
  return nonRootFields(schema).filter((field) => {
    const annotated = field.astNode?.directives?.some((directive) => directive.name.value === 'cacheControl') ?? false;
    return field.resolve === undefined && isLeafType(getNamedType(field.type)) && !annotated;
  });
}
