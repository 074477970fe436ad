/**
 * A small RFC 4180 record splitter. csv-parse is installed, but it reports the line on which a record
 * *ends* (shifted further by skipped blank lines) and throws on a malformed quote, losing every other
 * record; the import needs the physical line where each record *starts* and wants a bad quote to be
 * one problem among many, so the splitting is done here in a single linear pass.
 */

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  cells: string[];
  /** Why the record is malformed (a quoting mistake), or null. */
  error: string | null;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks (CRLF, LF or a lone CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** Index of the next comma or line break at or after `from`, or text.length. */
function cellEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === CR || c === LF) break;
    i++;
  }
  return i;
}

/**
 * Splits CSV text into records. Quoted cells may hold commas, line breaks and `""` escapes; a quote
 * inside an unquoted cell is kept literally (so `O"Reilly` survives). Blank lines come back as a record
 * with one empty cell and are left to the caller to skip.
 */
export function splitCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    const startLine = line;
    const cells: string[] = [];
    let error: string | null = null;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        const cellLine = line;
        let value = '';
        let i = pos + 1;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            value += text.slice(i);
            line += countLineBreaks(text, i, n);
            pos = n;
            break;
          }
          value += text.slice(i, q);
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            continue;
          }
          closed = true;
          pos = q + 1;
          break;
        }
        if (!closed) {
          error ??=
            `the quoted value in cell ${cells.length + 1} opened on line ${cellLine} is never closed, ` +
            'so the rest of the file could not be read: expected a closing "';
        } else if (pos < n && ![COMMA, CR, LF].includes(text.charCodeAt(pos))) {
          // Keep the stray text so the record still has the right shape, but refuse it.
          const end = cellEnd(text, pos);
          value += text.slice(pos, end);
          pos = end;
          error ??=
            `unexpected text after the closing quote in cell ${cells.length + 1}: ` +
            'expected a comma or the end of the line (write a quote inside a quoted value as "")';
        }
        cells.push(value);
      } else {
        const end = cellEnd(text, pos);
        cells.push(text.slice(pos, end));
        pos = end;
      }
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        continue; // a comma as the very last character still yields a final empty cell
      }
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push({ line: startLine, cells, error });
  }
  return records;
}
