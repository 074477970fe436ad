/**
 * The executable schema: schema.graphql (the contract) plus each feature's resolvers.
 */
import { readFileSync } from 'node:fs';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.js';
import { chartResolvers } from '../modules/charts/resolvers.js';
import { metricsResolvers } from '../modules/metrics/resolvers.js';
import { searchResolvers } from '../modules/search/resolvers.js';
import { sectorResolvers } from '../modules/sectors/resolvers.js';
import { stockResolvers } from '../modules/stocks/resolvers.js';
import { schemaPath } from '../paths.js';
import { DateTimeScalar } from './date-time.js';

export function buildSchema(): GraphQLSchema {
  const resolvers: Resolvers[] = [
    { DateTime: DateTimeScalar },
    stockResolvers,
    chartResolvers,
    sectorResolvers,
    searchResolvers,
    metricsResolvers,
  ];
  return makeExecutableSchema({ typeDefs: readFileSync(schemaPath, 'utf8'), resolvers });
}
