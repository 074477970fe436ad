/**
 * Logs every unexpected error (a bug or an outage, not bad input) in full, with the request id the client
 * got in `x-request-id`: in production the client sees only "Unexpected error.", and this line is how an
 * operator finds what happened.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from '../../logger.js';
import { unexpectedCause } from '../apollo.js';
import type { GraphQLContext } from '../context.js';

export function unexpectedErrorsPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  // One listener for every request (it keeps no per-request state): nothing is allocated per request.
  const listener: GraphQLRequestListener<GraphQLContext> = {
    async didEncounterErrors({ errors, contextValue, operationName }) {
      for (const error of errors) {
        const cause = unexpectedCause(error);
        if (cause === null) continue;
        logger.error('unexpected error while resolving', {
          requestId: contextValue.requestId,
          operation: operationName ?? null,
          path: error.path,
          message: cause instanceof Error ? cause.message : String(cause),
          stack: cause instanceof Error ? cause.stack : undefined,
        });
      }
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
