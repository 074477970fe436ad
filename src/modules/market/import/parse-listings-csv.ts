/**
 * Parsing and validation for `stockql import <file.csv>` (DESIGN.md, "CSV import format"). Pure: it
 * takes the file's contents and returns the valid rows plus every problem found, so the CLI can show a
 * user all the fixes a file needs in one pass instead of one error per run.
 */
import { canonicalSector, GICS_SECTORS, type GicsSector } from '../../sectors/gics.js';
import { normalizeSymbol, SYMBOL_RULE } from '../../stocks/symbol.js';
import { splitCsvRecords } from './csv-records.js';

export interface ListingRow {
  /** 1-based physical line number in the file (the header is line 1). */
  line: number;
  symbol: string;
  name: string;
  sector: GicsSector | null;
  industry: string | null;
  exchange: string | null;
  currency: string;
  marketCap: number | null;
  price: number | null;
}

export interface RowProblem {
  line: number;
  /** The column as spelled in the file's header, or null for a problem with the whole line. */
  column: string | null;
  /** The offending cell as it appears in the file, or null. */
  value: string | null;
  message: string;
}

export interface ParsedListings {
  rows: ListingRow[];
  problems: RowProblem[];
  /** Header cells that are not import columns, as written in the file. */
  ignoredColumns: string[];
}

type Field = 'symbol' | 'name' | 'sector' | 'industry' | 'exchange' | 'currency' | 'marketCap' | 'price';

const REQUIRED: readonly Field[] = ['symbol', 'name', 'sector', 'industry'];
const OPTIONAL: readonly Field[] = ['exchange', 'currency', 'marketCap', 'price'];
const FIELD_BY_HEADER = new Map<string, Field>([
  ...[...REQUIRED, ...OPTIONAL].map((f): [string, Field] => [f.toLowerCase(), f]),
  ['market_cap', 'marketCap'],
]);
const EXPECTED_COLUMNS = `${REQUIRED.join(', ')} (any order; optional: ${OPTIONAL.join(', ')})`;

const MAX_TEXT_LENGTH = 200;
const SECTOR_LIST = `${GICS_SECTORS.slice(0, -1).join(', ')} or ${GICS_SECTORS.at(-1)}`;
const CURRENCY_PATTERN = /^[A-Za-z]{3}$/;
// Plain decimal or exponent notation only: Number() alone would also take "0x1F", "Infinity" and " ".
const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Decodes bytes as strict UTF-8 so a mis-encoded file is reported rather than imported as mojibake. */
function decode(input: string | Buffer): { text: string } | { problem: RowProblem } {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, '') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input) }; // strips a BOM itself
  } catch {
    const lenient = new TextDecoder('utf-8').decode(input);
    const bad = lenient.indexOf('\uFFFD');
    const line = lenient.slice(0, bad).split(/\r\n|\r|\n/).length;
    const message = `the file is not valid UTF-8 (first bad byte on line ${line}): save it as UTF-8 and retry`;
    return { problem: { line, column: null, value: null, message } };
  }
}

/** Code points, so a name of 200 accented or emoji characters is not counted as longer. */
const length = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

interface Header {
  index: Map<Field, number>;
  names: string[];
  ignoredColumns: string[];
  problems: RowProblem[];
}

function readHeader(cells: string[], line: number): Header {
  const names = cells.map((c) => c.trim());
  const index = new Map<Field, number>();
  const ignoredColumns: string[] = [];
  const problems: RowProblem[] = [];
  const firstSeen = new Map<string, number>(); // key -> 0-based position of its first appearance
  names.forEach((name, i) => {
    const field = FIELD_BY_HEADER.get(name.toLowerCase());
    if (field === undefined) ignoredColumns.push(name === '' ? `(unnamed column ${i + 1})` : name);
    else if (!index.has(field)) index.set(field, i);
    if (name === '') return; // several trailing commas are not worth a duplicate complaint
    const key = field ?? name.toLowerCase();
    const earlier = firstSeen.get(key);
    if (earlier === undefined) firstSeen.set(key, i);
    else {
      const message =
        `duplicate column: "${name}" (column ${i + 1}) repeats "${names[earlier]}" (column ${earlier + 1}); ` +
        'expected each column once';
      problems.push({ line, column: name, value: name, message });
    }
  });
  const missing = REQUIRED.filter((f) => !index.has(f));
  if (missing.length > 0) {
    const found = names.map((n) => `"${n}"`).join(', ');
    const message =
      `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ` +
      `expected ${EXPECTED_COLUMNS}; found ${found}`;
    problems.unshift({ line, column: null, value: cells.join(','), message });
  }
  return { index, names, ignoredColumns, problems };
}

type Check<T> = { ok: T } | { error: string };

/** The cell of `field` in a row, or '' when the file has no such column. */
function cellAt(cells: string[], index: Map<Field, number>, field: Field): string {
  const i = index.get(field);
  return i === undefined ? '' : cells[i]!;
}

/** A finite positive number, or the reason the cell is not one. Empty or absent means null. */
function positiveNumber(cells: string[], index: Map<Field, number>, names: string[], field: Field): Check<number | null> {
  const i = index.get(field);
  if (i === undefined) return { ok: null };
  const raw = cells[i]!;
  const column = names[i]!;
  const s = raw.trim();
  if (s === '') return { ok: null };
  if (s.includes(',')) {
    return { error: `${column} "${raw}" contains a comma: expected a plain number without thousands separators (e.g. 1234567.5)` };
  }
  if (!NUMBER_PATTERN.test(s)) return { error: `${column} "${raw}" is not a number: expected a plain number such as 1234.5 or 1e9` };
  const n = Number(s);
  if (!Number.isFinite(n)) return { error: `${column} "${raw}" is too large: expected a finite number` };
  if (n <= 0) return { error: `${column} "${raw}" is not positive: expected a number greater than 0` };
  return { ok: n };
}

export function parseListingsCsv(input: string | Buffer): ParsedListings {
  const decoded = decode(input);
  if ('problem' in decoded) return { rows: [], problems: [decoded.problem], ignoredColumns: [] };

  // A line of only spaces counts as blank too: it is never meant as a one-cell row.
  const records = splitCsvRecords(decoded.text).filter(
    (r) => r.error !== null || r.cells.length > 1 || r.cells[0]!.trim() !== '',
  );
  const headerRecord = records[0];
  if (headerRecord === undefined) {
    const message = `the file is empty: expected a header row with ${EXPECTED_COLUMNS}`;
    return { rows: [], problems: [{ line: 1, column: null, value: null, message }], ignoredColumns: [] };
  }
  const header = readHeader(headerRecord.cells, headerRecord.line);
  if (headerRecord.error !== null) {
    header.problems.push({ line: headerRecord.line, column: null, value: null, message: headerRecord.error });
  }
  // A header we cannot trust (missing or ambiguous columns) would mis-assign every cell below it.
  if (header.problems.length > 0) {
    return { rows: [], problems: header.problems, ignoredColumns: header.ignoredColumns };
  }

  const { index, names } = header;
  const rows: ListingRow[] = [];
  const problems: RowProblem[] = [];
  const firstLineOf = new Map<string, { line: number; raw: string }>();

  for (const { line, cells, error } of records.slice(1)) {
    if (error !== null) {
      problems.push({ line, column: null, value: null, message: error });
      continue;
    }
    if (cells.length !== names.length) {
      const message =
        `expected ${names.length} cells (one per header column) but found ${cells.length}; ` +
        'a value containing a comma must be wrapped in double quotes, e.g. "Apple, Inc."';
      problems.push({ line, column: null, value: null, message });
      continue;
    }
    const errors: [Field, string][] = [];
    const rawSymbol = cellAt(cells, index, 'symbol').trim();
    const symbol = normalizeSymbol(rawSymbol);
    if (symbol === null) {
      errors.push(['symbol', rawSymbol === '' ? `symbol is empty: expected ${SYMBOL_RULE}` : `symbol "${rawSymbol}" is malformed: expected ${SYMBOL_RULE}`]);
    } else {
      // Recorded even when the first row has other problems: fixing those must not unmask a duplicate.
      const earlier = firstLineOf.get(symbol);
      if (earlier === undefined) firstLineOf.set(symbol, { line, raw: rawSymbol });
      else errors.push(['symbol', `${rawSymbol} duplicates ${earlier.raw} on line ${earlier.line}: expected each symbol once`]);
    }

    const name = cellAt(cells, index, 'name').trim();
    if (name === '') errors.push(['name', 'name is empty: expected the company name']);
    else if (length(name) > MAX_TEXT_LENGTH) {
      errors.push(['name', `name is ${length(name)} characters long: expected at most ${MAX_TEXT_LENGTH}`]);
    }

    const rawSector = cellAt(cells, index, 'sector').trim();
    const sector = rawSector === '' ? null : canonicalSector(rawSector);
    if (rawSector !== '' && sector === null) {
      errors.push(['sector', `sector "${rawSector}" is not a GICS sector: expected one of ${SECTOR_LIST}, or empty when unknown`]);
    }

    const industry = cellAt(cells, index, 'industry').trim();
    if (length(industry) > MAX_TEXT_LENGTH) {
      errors.push(['industry', `industry is ${length(industry)} characters long: expected at most ${MAX_TEXT_LENGTH}`]);
    }

    const exchange = cellAt(cells, index, 'exchange').trim().toUpperCase();

    const rawCurrency = cellAt(cells, index, 'currency').trim();
    if (rawCurrency !== '' && !CURRENCY_PATTERN.test(rawCurrency)) {
      errors.push(['currency', `currency "${rawCurrency}" is not a 3-letter ISO 4217 code: expected e.g. USD or EUR, or empty for USD`]);
    }

    const marketCap = positiveNumber(cells, index, names, 'marketCap');
    if ('error' in marketCap) errors.push(['marketCap', marketCap.error]);
    const price = positiveNumber(cells, index, names, 'price');
    if ('error' in price) errors.push(['price', price.error]);

    if (errors.length > 0) {
      for (const [field, message] of errors) {
        // Only a column that exists can hold a bad value, so the index is always there.
        const i = index.get(field)!;
        problems.push({ line, column: names[i]!, value: cells[i]!, message });
      }
      continue;
    }
    rows.push({
      line,
      symbol: symbol!,
      name,
      sector,
      industry: industry === '' ? null : industry,
      exchange: exchange === '' ? null : exchange,
      currency: rawCurrency === '' ? 'USD' : rawCurrency.toUpperCase(),
      marketCap: 'ok' in marketCap ? marketCap.ok : null,
      price: 'ok' in price ? price.ok : null,
    });
  }
  return { rows, problems, ignoredColumns: header.ignoredColumns };
}
