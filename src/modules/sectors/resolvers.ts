import type { Resolvers } from '../../generated/resolvers-types.js';
import { listedFieldsFor } from '../stocks/stock-fields.js';

export const sectorResolvers: Resolvers = {
  Query: {
    sectors: (_, __, { services, loaders }) => services.sectors.allSectors(loaders),
    sector: (_, { name }, { services, loaders }) => services.sectors.sectorByName(loaders.sectorStats, name),
  },
  Stock: {
    sectorStats: (stock, _, { services, loaders }) => services.sectors.sectorOfStock(loaders.sectorStats, stock.sector),
  },
  SectorStats: {
    topGainer: (stats, _, { loaders }) => (stats.topGainerSymbol ? loaders.stock.load(stats.topGainerSymbol) : null),
    topLoser: (stats, _, { loaders }) => (stats.topLoserSymbol ? loaders.stock.load(stats.topLoserSymbol) : null),
    stocks: (stats, args, { services, loaders }, info) => services.stocks.listSectorStocks(loaders, stats.sector, args, listedFieldsFor(info)),
  },
};
