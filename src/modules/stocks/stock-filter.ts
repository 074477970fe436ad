/**
 * Validates a client's StockFilter into canonical StockCriteria, or says which field to fix.
 */
import type { StockFilter } from '../../generated/resolvers-types.js';
import { badUserInput } from '../../graphql/errors.js';
import { canonicalSector } from '../sectors/gics.js';
import type { StockCriteria } from './stocks.store.js';
import { normalizeSymbol, SYMBOL_RULE } from './symbol.js';

export const MAX_FILTER_SYMBOLS = 500;

/** The StockFilter input type of schema.graphql. */
export type StockFilterInput = StockFilter;

/** The result of validation: criteria to query with, or `empty` when no stock can match (unknown sector). */
export type ValidatedFilter = { kind: 'criteria'; criteria: StockCriteria } | { kind: 'empty' };

export function validateStockFilter(filter: StockFilterInput | null | undefined, argumentName = 'filter'): ValidatedFilter {
  if (!filter) return { kind: 'criteria', criteria: {} };
  const criteria: StockCriteria = {
    minPrice: filter.minPrice,
    maxPrice: filter.maxPrice,
    minChangePercent: filter.minChangePercent,
    maxChangePercent: filter.maxChangePercent,
    minMarketCap: filter.minMarketCap,
    maxMarketCap: filter.maxMarketCap,
  };
  for (const [low, high] of [['minPrice', 'maxPrice'], ['minChangePercent', 'maxChangePercent'], ['minMarketCap', 'maxMarketCap']] as const) {
    const min = filter[low];
    const max = filter[high];
    if (min != null && max != null && min > max) {
      throw badUserInput(argumentName, `${argumentName}.${low} (${min}) is greater than ${argumentName}.${high} (${max}): swap them.`);
    }
  }
  for (const key of ['industry', 'exchange'] as const) {
    const value = filter[key]?.trim();
    if (value) criteria[key] = value;
  }
  if (filter.sector != null && filter.sector.trim() !== '') {
    const sector = canonicalSector(filter.sector);
    // An unknown sector is a valid question with an empty answer, not an error.
    if (!sector) return { kind: 'empty' };
    criteria.sector = sector;
  }
  if (filter.symbols != null) {
    if (filter.symbols.length > MAX_FILTER_SYMBOLS) {
      throw badUserInput(argumentName, `${argumentName}.symbols has ${filter.symbols.length} symbols; at most ${MAX_FILTER_SYMBOLS} are allowed.`);
    }
    const symbols = filter.symbols.map((raw) => {
      const symbol = normalizeSymbol(raw);
      if (!symbol) throw badUserInput(argumentName, `${argumentName}.symbols contains ${JSON.stringify(raw)}, which is not a ticker symbol: use ${SYMBOL_RULE}.`);
      return symbol;
    });
    criteria.symbols = [...new Set(symbols)];
  }
  return { kind: 'criteria', criteria };
}
