/**
 * Counts answered GraphQL requests and those that carried errors (for Query.metrics and /metrics).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestCounters } from '../../modules/metrics/metrics.service.js';

export function requestCounterPlugin(counters: RequestCounters): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          counters.requests += 1;
          if (response.body.kind === 'single' && response.body.singleResult.errors?.length) counters.errors += 1;
        },
      };
    },
  };
}
