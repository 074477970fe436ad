/**
 * Opaque page cursors. A cursor records the order it was issued for and the last row's sort value and
 * symbol; anything that does not decode to exactly that (edited, truncated, from another order) is
 * refused with a message, rather than silently giving a wrong page.
 */
import { badUserInput } from '../../graphql/errors.js';
import type { Keyset } from './stocks.store.js';
import { STOCK_ORDER_SPECS, type StockOrderKey } from './stock-order.js';

const VERSION = 'c1';

export function encodeCursor(order: StockOrderKey, keyset: Keyset): string {
  return Buffer.from(JSON.stringify([VERSION, order, keyset.value, keyset.symbol])).toString('base64url');
}

/** Decodes `cursor` for `order`; throws BAD_USER_INPUT (argument `after`) when the server did not issue it. */
export function decodeCursor(cursor: string, order: StockOrderKey): Keyset {
  const invalid = (why: string) =>
    badUserInput('after', `"after" is not a cursor this server issued (${why}): pass a pageInfo.endCursor or edge cursor unchanged.`);
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid('not a cursor string');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('does not decode');
  }
  if (!Array.isArray(decoded) || decoded.length !== 4 || decoded[0] !== VERSION) throw invalid('does not decode');
  const [, issuedFor, value, symbol] = decoded as [string, unknown, unknown, unknown];
  if (issuedFor !== order) {
    throw badUserInput('after', `"after" was issued for orderBy ${String(issuedFor)}, not ${order}: start again without "after" when changing the order.`);
  }
  const spec = STOCK_ORDER_SPECS[order];
  const valueOk = spec.valueType === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string';
  if (!valueOk || typeof symbol !== 'string' || symbol.length === 0) throw invalid('does not decode');
  return { value: value as string | number, symbol };
}
