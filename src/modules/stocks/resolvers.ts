import type { Resolvers } from '../../generated/resolvers-types.js';
import { listedFieldsFor } from './stock-fields.js';

export const stockResolvers: Resolvers = {
  Query: {
    stock: (_, { symbol }, { services, loaders }) => services.stocks.getStock(loaders.stock, symbol),
    stocks: (_, args, { services, loaders }, info) => services.stocks.listStocks(loaders, args, listedFieldsFor(info)),
    movers: (_, { type, first, sector }, { services, loaders }) => services.stocks.movers(loaders, type, first, sector),
  },
  Stock: {
    // The latest quote is part of the stock row, so it costs no extra read.
    quote: (stock) => (stock.quoteUpdatedAt > 0 ? stock : null),
  },
  Quote: {
    updatedAt: (stock) => stock.quoteUpdatedAt,
  },
  StockConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
};
