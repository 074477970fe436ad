import type { Resolvers } from '../../generated/resolvers-types.js';

export const searchResolvers: Resolvers = {
  Query: {
    search: (_, args, { services, loaders }) => services.search.search(loaders, args),
  },
};
