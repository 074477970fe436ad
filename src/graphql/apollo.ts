/**
 * The Apollo server: schema, landing page, error masking and plugins. It is driven by our own node:http
 * handler (src/http/), not by express, because the framework costs more than the data here (STACK.md).
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { NamespaceKeyValueCache } from '../cache/index.js';
import type { Logger } from '../logger.js';
import type { RequestCounters } from '../modules/metrics/metrics.service.js';
import type { GraphQLContext } from './context.js';
import { ErrorCode, MASKED_ERROR_MESSAGE } from './errors.js';
import { jitExecutorGateway } from './executor/executor-gateway.js';
import { queryLimitsPlugin, type QueryLimits } from './plugins/query-limits.js';
import { manifestKeyValueCache } from './safelist/manifest-cache.js';
import type { OperationManifest } from './safelist/operation-manifest.js';
import { safelistPlugin } from './safelist/safelist-plugin.js';
import { requestCounterPlugin } from './plugins/request-counter.js';
import { unexpectedErrorsPlugin } from './plugins/unexpected-errors.js';
import { buildSchema } from './schema.js';

export interface ApolloOptions {
  isProduction: boolean;
  /** Where automatic persisted queries are kept (a namespace of the cache layer). */
  persistedQueryCache: NamespaceKeyValueCache;
  logger: Logger;
  counters: RequestCounters;
  queryLimits: QueryLimits;
  /** `apq`: any operation, the manifest's served by id from the start; `safelist`: only the manifest's. */
  persistedQueries: 'apq' | 'safelist';
  /** The trusted documents (src/generated/operation-manifest.json, from operations/*.graphql). */
  operationManifest: OperationManifest;
  /** `jit`: queries compiled by graphql-jit (src/graphql/executor/); `graphql-js`: Apollo's own execution. @default jit */
  executor?: 'jit' | 'graphql-js';
}

export function createApollo(options: ApolloOptions): ApolloServer<GraphQLContext> {
  const { isProduction, persistedQueryCache, logger, counters, queryLimits, persistedQueries, operationManifest, executor = 'jit' } = options;
  const safelist = persistedQueries === 'safelist';
  const schema = buildSchema();
  return new ApolloServer<GraphQLContext>({
    // The gateway option replaces only execution; everything else below applies in both modes. Of the plugins
    // below (and Apollo's implicit ones), only cacheControl hooks willResolveField, so no-op leaf hooks may go.
    ...(executor === 'jit' ? { gateway: jitExecutorGateway(schema, { logger, inlineNoOpLeafFields: true }) } : { schema }),
    introspection: !isProduction,
    includeStacktraceInErrorResponses: !isProduction,
    csrfPrevention: true,
    // HTTP batching stays off: one operation per request keeps costs and limits per request meaningful.
    allowBatchedHttpRequests: false,
    // APQ: a client sends a query's hash; the text is registered once and then found in the cache layer. The
    // manifest's operations are known by id from the start; in safelist mode nothing else is, or can be registered.
    persistedQueries: {
      cache: safelist ? manifestKeyValueCache(operationManifest) : manifestKeyValueCache(operationManifest, persistedQueryCache),
      ttl: 24 * 60 * 60,
    },
    plugins: [
      isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      // Before the others, so a refused operation costs them nothing.
      ...(safelist ? [safelistPlugin(operationManifest, { onRefused: (refusal) => logger.debug('operation refused by the safelist', { ...refusal }) })] : []),
      requestCounterPlugin(counters),
      unexpectedErrorsPlugin(logger),
      queryLimitsPlugin(queryLimits),
    ],
    // Without Apollo's final newline: `JSON.stringify(x) + '\n'` is a rope copied flat again on first read;
    // the HTTP writers add the newline to the bytes instead (src/http/json-body.ts), so the wire is unchanged.
    stringifyResult: (value) => JSON.stringify(value),
    formatError: (formatted, error) => maskUnexpectedError(formatted, error, isProduction),
  });
}

/** The error behind a GraphQLError when it is not a deliberate one (bad input, validation): a bug or an outage. */
export function unexpectedCause(error: unknown): unknown {
  const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
  return original === null || original instanceof GraphQLError ? null : original;
}

/**
 * Deliberate errors (GraphQLErrors with a code) pass through; anything else is shown to clients in
 * production only as "Unexpected error." (the unexpected-errors plugin logs the original with the
 * request id).
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError, error: unknown, isProduction: boolean): GraphQLFormattedError {
  if (unexpectedCause(error) === null) return formatted;
  if (!isProduction) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  return { message: MASKED_ERROR_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
