import type { Resolvers } from '../../generated/resolvers-types.js';
import { highlightsAskedFor } from './search-highlights.js';

export const searchResolvers: Resolvers = {
  Query: {
    search: (_, args, { services, loaders }, info) => services.search.search(loaders, args, highlightsAskedFor(info)),
  },
};
