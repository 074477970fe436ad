/**
 * Counts answered GraphQL requests and those that carried errors (for Query.metrics and /metrics), and
 * marks the request's context when its response has errors, so the edge cache never keeps one.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { RequestCounters } from '../../modules/metrics/metrics.service.js';
import type { GraphQLContext } from '../context.js';

export function requestCounterPlugin(counters: RequestCounters): ApolloServerPlugin<GraphQLContext> {
  // One listener for every request (it keeps no per-request state): nothing is allocated per request.
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async willSendResponse({ response, contextValue, operationName }) {
      counters.requests += 1;
      contextValue.response.operationName = operationName ?? null;
      const hasErrors = response.body.kind !== 'single' || Boolean(response.body.singleResult.errors?.length);
      if (hasErrors && response.body.kind === 'single') counters.errors += 1;
      // Incremental responses are never cached either: their errors may come in later parts.
      if (hasErrors) contextValue.response.hasErrors = true;
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
