/**
 * Refuses operations that are too deep or cost too much, before any resolver runs. It runs per request
 * in `didResolveOperation`, with the request's variables: as a validation rule it would run without
 * them and break every operation with a required variable (STACK.md, pitfall 2).
 *
 * The figures depend only on (document, operation name, variables), and clients send the same few
 * operations again and again, so they are remembered (./limit-figures-cache.ts): the analysis walks
 * the whole document with a TypeInfo visitor, which cost more than everything else we add to a cold
 * `stock(symbol)` request.
 */
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { getVariableValues, GraphQLError, type OperationDefinitionNode } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../errors.js';
import { stockqlCostEstimator } from '../limits/cost-model.js';
import { queryDepth } from '../limits/query-depth.js';
import { LimitFiguresCache, type LimitFigures } from './limit-figures-cache.js';

export interface QueryLimits {
  /** @default 10000 */
  maxCost: number;
  /** @default 10 */
  maxDepth: number;
}

const estimators = [stockqlCostEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The figures the limits are checked against; null when the variables do not fit their types. */
function figuresOf(context: GraphQLRequestContextDidResolveOperation<object>, operation: OperationDefinitionNode, maxDepth: number): LimitFigures {
  const { request, document, schema } = context;
  // Variables that do not fit their types are Apollo's to refuse (400 BAD_USER_INPUT, when it
  // executes); pricing them first would throw from here and turn a client mistake into a 500.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return null;
  const depth = queryDepth(document, operation);
  // A too-deep operation is refused for its depth and never priced: pricing a deep one could take long.
  if (depth > maxDepth) return { depth, cost: 0 };
  const cost = getComplexity({
    schema,
    query: document,
    operationName: request.operationName ?? undefined,
    variables: request.variables ?? {},
    estimators,
  });
  return { depth, cost };
}

export function queryLimitsPlugin(limits: QueryLimits, figures = new LimitFiguresCache()): ApolloServerPlugin {
  // One listener for every request: it keeps no per-request state, so none is allocated.
  const listener: GraphQLRequestListener<object> = {
    async didResolveOperation(context) {
      // Apollo resolves the operation before this hook; without one it has already answered.
      const { operation } = context;
      if (!operation) return;
      const key = figures.keyOf(context.queryHash, context.request.operationName, context.request.variables);
      let known = key === null ? undefined : figures.get(key);
      if (known === undefined) {
        known = figuresOf(context, operation, limits.maxDepth);
        if (key !== null) figures.set(key, known);
      }
      if (known === null) return;
      const { depth, cost } = known;
      if (depth > limits.maxDepth) {
        throw new GraphQLError(`The operation nests ${depth} levels deep; at most ${limits.maxDepth} are allowed: flatten it or split it.`, {
          extensions: { code: ErrorCode.QUERY_TOO_DEEP, depth, maxDepth: limits.maxDepth, http: { status: 400 } },
        });
      }
      if (cost > limits.maxCost) {
        throw new GraphQLError(
          `The operation costs ${cost}; at most ${limits.maxCost} is allowed: ask for fewer items (a smaller "first"), shorter chart ranges or coarser intervals, or split it.`,
          { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: limits.maxCost, http: { status: 400 } } },
        );
      }
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
