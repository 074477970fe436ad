import type { Resolvers } from '../../generated/resolvers-types.js';

export const metricsResolvers: Resolvers = {
  Query: {
    metrics: (_, __, { services }) => services.metrics.snapshot(),
  },
  SlowRequest: {
    sqlStatements: (request) => request.statements,
  },
};
