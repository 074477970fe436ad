import type { Resolvers } from '../../generated/resolvers-types.js';
import { listedFieldsFor } from '../stocks/stock-fields.js';
import { edgesShowSectorStats, stocksShowSectorStats } from './shows-sector-stats.js';

export const sectorResolvers: Resolvers = {
  Query: {
    sectors: (_, __, { services, loaders }) => services.sectors.allSectors(loaders),
    sector: (_, { name }, { services, loaders }) => services.sectors.sectorByName(loaders.sectorStats, name),
  },
  Stock: {
    sectorStats: (stock, _, { services, loaders }) => services.sectors.sectorOfStock(loaders, stock.sector),
  },
  // A page that shows sectorStats loads its sectors first, so each row's resolves as a value.
  StockConnection: {
    nodes: (connection, _, { services, loaders }, info) =>
      stocksShowSectorStats(info) ? services.sectors.preloadFor(loaders, connection.nodes) : connection.nodes,
    edges: (connection, _, { services, loaders }, info) =>
      edgesShowSectorStats(info) ? services.sectors.preloadFor(loaders, connection.nodes).then(() => connection.edges) : connection.edges,
  },
  SectorStats: {
    topGainer: (stats, _, { loaders }) => (stats.topGainerSymbol ? loaders.stock.load(stats.topGainerSymbol) : null),
    topLoser: (stats, _, { loaders }) => (stats.topLoserSymbol ? loaders.stock.load(stats.topLoserSymbol) : null),
    stocks: (stats, args, { services, loaders }, info) => services.stocks.listSectorStocks(loaders, stats.sector, args, listedFieldsFor(info)),
  },
};
