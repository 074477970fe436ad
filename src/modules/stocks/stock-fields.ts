/**
 * Which stock row values a list's selection shows, so a page reads only those columns. A list of 100
 * stocks with their price and market cap needs 7 of a row's 17 values; reading values out of SQLite is
 * the largest cost of a cold page (about half of its statement), and the values nobody reads were most of
 * it. A selection this walk does not fully recognise reads whole rows: a wrong guess costs speed, never a
 * value. Rows read in part are never primed into the stock loader (a later `stock(symbol)` would see
 * holes) and are cached under a key that names their fields.
 */
import type { FieldNode } from 'graphql';
import { getTableColumns } from 'drizzle-orm';
import { stocks, type StockRow } from '../../db/schema.js';
import { perSelection, selectedFields, type Fragments, type SelectionInfo } from '../../graphql/selected-fields.js';

export type StockField = keyof StockRow;

/** Each row field's column, as the Drizzle schema names it. */
export const STOCK_FIELD_COLUMNS = Object.fromEntries(
  Object.entries(getTableColumns(stocks)).map(([field, column]) => [field, column.name]),
) as Record<StockField, string>;

/** What each field of `Stock` reads from its row (resolvers included); `quote` also reads its subfields'. */
const STOCK_FIELD_NEEDS: Record<string, readonly StockField[]> = {
  __typename: [],
  symbol: ['symbol'],
  name: ['name'],
  exchange: ['exchange'],
  sector: ['sector'],
  industry: ['industry'],
  currency: ['currency'],
  quote: ['quoteUpdatedAt'],
  chart: ['symbol'],
  charts: ['symbol'],
  sectorStats: ['sector'],
};

const QUOTE_FIELD_NEEDS: Record<string, readonly StockField[]> = {
  __typename: [],
  price: ['price'],
  change: ['change'],
  changePercent: ['changePercent'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  previousClose: ['previousClose'],
  volume: ['volume'],
  marketCap: ['marketCap'],
  updatedAt: ['quoteUpdatedAt'],
};

/** What a connection's selection reads: the row fields its stocks show, and whether it shows cursors. */
export interface ListedFields {
  /** Row fields, always with `symbol` (the keyset's tiebreak); null: whole rows. */
  fields: ReadonlySet<StockField> | null;
  /** `edges { cursor }` or `pageInfo` is selected: the order's value must be read too. */
  cursors: boolean;
}

const WHOLE_ROWS: ListedFields = { fields: null, cursors: true };

/** Adds what `stockFields` (the fields of one Stock selection) read to `into`; false if one is unknown. */
function addStockNeeds(stockFields: FieldNode[] | null, fragments: Fragments, into: Set<StockField>): boolean {
  if (stockFields === null) return false;
  for (const field of stockFields) {
    const needs = STOCK_FIELD_NEEDS[field.name.value];
    if (needs === undefined) return false;
    for (const need of needs) into.add(need);
    if (field.name.value !== 'quote') continue;
    const quoteFields = selectedFields(field.selectionSet, fragments);
    if (quoteFields === null) return false;
    for (const quoteField of quoteFields) {
      const quoteNeeds = QUOTE_FIELD_NEEDS[quoteField.name.value];
      if (quoteNeeds === undefined) return false;
      for (const need of quoteNeeds) into.add(need);
    }
  }
  return true;
}

function listedFieldsOf(info: SelectionInfo): ListedFields {
  const fields = new Set<StockField>(['symbol']);
  let cursors = false;
  for (const node of info.fieldNodes) {
    const connectionFields = selectedFields(node.selectionSet, info.fragments);
    if (connectionFields === null) return WHOLE_ROWS;
    for (const field of connectionFields) {
      const name = field.name.value;
      if (name === 'nodes') {
        if (!addStockNeeds(selectedFields(field.selectionSet, info.fragments), info.fragments, fields)) return WHOLE_ROWS;
      } else if (name === 'edges') {
        const edgeFields = selectedFields(field.selectionSet, info.fragments);
        if (edgeFields === null) return WHOLE_ROWS;
        for (const edgeField of edgeFields) {
          if (edgeField.name.value === 'cursor') cursors = true;
          else if (edgeField.name.value === 'node') {
            if (!addStockNeeds(selectedFields(edgeField.selectionSet, info.fragments), info.fragments, fields)) return WHOLE_ROWS;
          } else if (edgeField.name.value !== '__typename') return WHOLE_ROWS;
        }
      } else if (name === 'pageInfo') cursors = true;
      else if (name !== 'totalCount' && name !== '__typename') return WHOLE_ROWS;
    }
  }
  return { fields, cursors };
}

/** What the stock connection field being resolved reads. */
export const listedFieldsFor = perSelection(listedFieldsOf);
