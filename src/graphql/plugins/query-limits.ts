/**
 * Refuses operations that are too deep or cost too much, before any resolver runs. It runs per request
 * in `didResolveOperation`, with the request's variables: as a validation rule it would run without
 * them and break every operation with a required variable (STACK.md, pitfall 2).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, GraphQLError } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors.js';
import { stockqlCostEstimator } from '../limits/cost-model.js';
import { queryDepth } from '../limits/query-depth.js';

export interface QueryLimits {
  /** @default 10000 */
  maxCost: number;
  /** @default 10 */
  maxDepth: number;
}

export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          // Apollo resolves the operation before this hook; without one it has already answered.
          if (!operation) return;
          // Variables that do not fit their types are Apollo's to refuse (400 BAD_USER_INPUT, when it
          // executes); pricing them first would throw from here and turn a client mistake into a 500.
          if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          const depth = queryDepth(document, operation);
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`The operation nests ${depth} levels deep; at most ${limits.maxDepth} are allowed: flatten it or split it.`, {
              extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, maxDepth: limits.maxDepth, http: { status: 400 } },
            });
          }
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [stockqlCostEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `The operation costs ${cost}; at most ${limits.maxCost} is allowed: ask for fewer items (a smaller "first"), shorter chart ranges or coarser intervals, or split it.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
