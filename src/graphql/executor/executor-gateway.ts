/**
 * Plugs the compiled executor into Apollo Server through its `gateway` option, the one supported way to
 * replace execution while keeping Apollo's whole request pipeline.
 *
 * In gateway mode Apollo still parses (with its document store), validates, handles persisted queries,
 * runs every plugin hook and wraps the schema's resolvers for `willResolveField` (so cacheControl hints,
 * dynamic ones included, still reach the Cache-Control header), formats and masks errors and answers 400
 * for variable errors; only the call to graphql-js's execute is replaced by `executor`. A plugin's
 * `responseForOperation` would skip the execution hooks, and with them the cache hints, so it is not used.
 *
 * The schema never changes while the server runs: it is announced once, when Apollo loads the gateway.
 */
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { printSchema, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context.js';
import { inlineLeafFields } from './inline-leaf-fields.js';
import { onceInstrumentedFields } from './instrument-once-fields.js';
import { leafListFields } from './leaf-lists.js';
import { createJitExecutor, type JitExecutorOptions } from './jit-executor.js';

// The gateway types come from @apollo/server's own options, so no package beyond it is imported.
export type ExecutorGateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
type SchemaListener = Parameters<ExecutorGateway['onSchemaLoadOrUpdate']>[0];
type GatewayExecutor = NonNullable<Awaited<ReturnType<ExecutorGateway['load']>>['executor']>;

export interface JitGatewayOptions extends Omit<JitExecutorOptions, 'compileTimeFields'> {
  /**
   * Compile leaf fields whose Apollo field hooks are no-ops as property reads (inline-leaf-fields.ts), and run
   * the hook once per request for fields whose every instance gives the same hint (instrument-once-fields.ts):
   * true only while Apollo's cacheControl plugin is the server's one `willResolveField` hook. @default false
   */
  inlineNoOpLeafFields?: boolean;
}

/** Call with the schema before Apollo serves it (Apollo then wraps its resolvers). */
export function jitExecutorGateway(schema: GraphQLSchema, { inlineNoOpLeafFields = false, ...options }: JitGatewayOptions): ExecutorGateway {
  const inline = inlineNoOpLeafFields ? inlineLeafFields(schema) : [];
  const compileTimeFields = inlineNoOpLeafFields ? { inline, instrumentedOnce: onceInstrumentedFields(schema), leafLists: leafListFields(schema, inline) } : undefined;
  const execute = createJitExecutor({ ...options, ...(compileTimeFields && { compileTimeFields }) });
  const listeners = new Set<SchemaListener>();

  const executor: GatewayExecutor = (requestContext) =>
    execute({
      schema: requestContext.schema,
      document: requestContext.document,
      // Typed as always present, but Apollo calls the executor without one when no operation matched.
      operation: requestContext.operation ?? undefined,
      contextValue: requestContext.context,
      variables: requestContext.request.variables,
      operationName: requestContext.request.operationName,
      overallCachePolicy: requestContext.overallCachePolicy,
    });

  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Apollo subscribes before it loads and takes the schema it serves from that announcement.
    async load() {
      const announcement = { apiSchema: schema, coreSupergraphSdl: printSchema(schema) };
      for (const listener of listeners) listener(announcement);
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
}
