/**
 * Ticker symbols: 1–10 letters, digits, `.` and `-`, starting with a letter or digit. Class shares are
 * stored with a dot, so `brk-b`, `BRK-B` and `BRK.B` all name BRK.B.
 */
const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.]{0,9}$/;

/** The canonical form of a symbol, or null when it is malformed. */
export function normalizeSymbol(input: string): string | null {
  const canonical = input.trim().toUpperCase().replaceAll('-', '.');
  return SYMBOL_PATTERN.test(canonical) ? canonical : null;
}

export const SYMBOL_RULE = '1–10 letters, digits, "." or "-", starting with a letter or digit (e.g. "AAPL", "BRK.B")';
