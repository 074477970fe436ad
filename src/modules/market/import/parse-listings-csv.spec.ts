import { describe, expect, it } from 'vitest';
import { GICS_SECTORS } from '../../sectors/gics.js';
import { SYMBOL_RULE } from '../../stocks/symbol.js';
import { parseListingsCsv } from './parse-listings-csv.js';

const HEADER = 'symbol,name,sector,industry';
const csv = (...lines: string[]): string => lines.join('\n');
/** Problems of one parse, as "line column: message" for readable assertions. */
const messages = (input: string | Buffer): string[] =>
  parseListingsCsv(input).problems.map((p) => `${p.line} ${p.column ?? '-'}: ${p.message}`);

describe('parseListingsCsv: happy path', () => {
  it('returns canonical rows with the physical line of each record', () => {
    const result = parseListingsCsv(
      csv(
        'symbol,name,sector,industry,exchange,currency,marketCap,price',
        'aapl, Apple Inc. ,information technology,Consumer Electronics , nasdaq ,usd,3.4e12,189.5',
        'BRK-B,Berkshire Hathaway,Financials,Insurance,nyse,USD,900000000000,410',
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, symbol: 'AAPL', name: 'Apple Inc.', sector: 'Information Technology', industry: 'Consumer Electronics', exchange: 'NASDAQ', currency: 'USD', marketCap: 3.4e12, price: 189.5 },
      { line: 3, symbol: 'BRK.B', name: 'Berkshire Hathaway', sector: 'Financials', industry: 'Insurance', exchange: 'NYSE', currency: 'USD', marketCap: 9e11, price: 410 },
    ]);
  });

  it('defaults absent optional columns to no exchange, USD and no numbers', () => {
    const [row] = parseListingsCsv(csv(HEADER, 'MSFT,Microsoft,Information Technology,Software')).rows;
    expect(row).toMatchObject({ exchange: null, currency: 'USD', marketCap: null, price: null });
  });

  it('treats empty cells as unknown: null sector, industry, exchange and numbers, USD currency', () => {
    const [row] = parseListingsCsv(csv(`${HEADER},exchange,currency,marketCap,price`, 'XYZ,Xyz Corp,,,,,,')).rows;
    expect(row).toEqual({ line: 2, symbol: 'XYZ', name: 'Xyz Corp', sector: null, industry: null, exchange: null, currency: 'USD', marketCap: null, price: null });
  });

  it('accepts required columns in any order with header names in any case and padded with spaces', () => {
    const result = parseListingsCsv(csv(' Industry ,SECTOR,Name, symbol', 'Banks,financials,JPMorgan Chase,jpm'));
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ symbol: 'JPM', name: 'JPMorgan Chase', sector: 'Financials', industry: 'Banks' });
  });

  it.each(['marketCap', 'market_cap', 'MarketCap', 'MARKET_CAP', 'marketcap'])('accepts %s as the market cap column', (column) => {
    const result = parseListingsCsv(csv(`${HEADER},${column}`, 'KO,Coca-Cola,Consumer Staples,Beverages,2.6e11'));
    expect(result.rows[0]?.marketCap).toBe(2.6e11);
  });

  it('strips a UTF-8 byte order mark from a string and from a Buffer', () => {
    const text = `\uFEFF${csv(HEADER, 'KO,Coca-Cola,Consumer Staples,Beverages')}`;
    expect(parseListingsCsv(text).rows).toHaveLength(1);
    expect(parseListingsCsv(Buffer.from(text, 'utf8')).rows).toHaveLength(1);
  });

  it('keeps Unicode names and quotes intact', () => {
    const result = parseListingsCsv(
      Buffer.from(csv(HEADER, 'EL,Estée Lauder,Consumer Staples,Personal Care', 'ORLY,O’Reilly Automotive,Consumer Discretionary,', 'BF.B,Brown–Forman,Consumer Staples,', 'Q,Quote "Co",,'), 'utf8'),
    );
    expect(result.rows.map((r) => r.name)).toEqual(['Estée Lauder', 'O’Reilly Automotive', 'Brown–Forman', 'Quote "Co"']);
  });
});

describe('parseListingsCsv: header', () => {
  it('reports all missing required columns once on line 1, with what was found, and returns no rows', () => {
    const result = parseListingsCsv(csv('Symbol,Title,price', 'AAPL,Apple,1'));
    expect(result.rows).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 1, column: null });
    expect(result.problems[0]?.message).toMatch(/missing required columns name, sector, industry/);
    expect(result.problems[0]?.message).toContain('found "Symbol", "Title", "price"');
  });

  it('ignores unknown columns and lists them', () => {
    const result = parseListingsCsv(csv(`Notes,${HEADER},ISIN`, 'n/a,KO,Coca-Cola,Consumer Staples,Beverages,US1912161007'));
    expect(result.ignoredColumns).toEqual(['Notes', 'ISIN']);
    expect(result.rows[0]).toMatchObject({ symbol: 'KO', name: 'Coca-Cola' });
  });

  it('reports a column named twice on line 1, also when two spellings of market cap are used', () => {
    expect(messages(csv(`${HEADER},Name`, 'KO,a,,,b'))).toEqual([
      '1 Name: duplicate column: "Name" (column 5) repeats "name" (column 2); expected each column once',
    ]);
    const result = parseListingsCsv(csv(`${HEADER},marketCap,market_cap`, 'KO,Coca-Cola,,,1,2'));
    expect(result.rows).toEqual([]);
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([[1, 'market_cap']]);
  });

  it('reports an empty file', () => {
    expect(messages('')).toEqual([expect.stringMatching(/^1 -: the file is empty: expected a header row with symbol, name/)]);
  });

  it('reports bytes that are not UTF-8 with their line instead of importing mojibake', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\nNES,Nestl`), Buffer.from([0xe9]), Buffer.from(',,\n')]);
    expect(messages(bytes)).toEqual([expect.stringMatching(/^2 -: the file is not valid UTF-8/)]);
  });
});

describe('parseListingsCsv: records and lines', () => {
  it('skips blank and whitespace-only lines while keeping physical line numbers', () => {
    const result = parseListingsCsv(csv(HEADER, '', 'A,Alpha,,', '   ', '', 'B,Beta,,', ''));
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.symbol])).toEqual([[3, 'A'], [6, 'B']]);
  });

  it('reports a row with the wrong number of cells on its line and still parses the others', () => {
    const result = parseListingsCsv(csv(HEADER, 'AAPL,Apple, Inc.,Information Technology,Hardware', 'MSFT,Microsoft', 'KO,Coca-Cola,,'));
    expect(result.rows.map((r) => r.symbol)).toEqual(['KO']);
    expect(result.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(result.problems[0]?.message).toMatch(/^expected 4 cells \(one per header column\) but found 5; .*double quotes/);
    expect(result.problems[1]?.message).toMatch(/but found 2/);
  });

  it('reads quoted cells containing commas and doubled quotes', () => {
    const [row] = parseListingsCsv(csv(HEADER, '"AAPL","Apple, Inc. ""the fruit""",Information Technology,"Phones, Computers"')).rows;
    expect(row).toMatchObject({ symbol: 'AAPL', name: 'Apple, Inc. "the fruit"', industry: 'Phones, Computers' });
  });

  it('reads line breaks inside quotes and numbers each record by the line it starts on', () => {
    const result = parseListingsCsv(csv(HEADER, 'A,"Alpha\nHoldings",,"multi', 'line', 'industry"', 'B,Beta,,'));
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.name])).toEqual([[2, 'Alpha\nHoldings'], [6, 'Beta']]);
    expect(result.rows[0]?.industry).toBe('multi\nline\nindustry');
  });

  it('accepts CRLF line endings, including inside quoted cells', () => {
    const result = parseListingsCsv(`${HEADER}\r\nA,"Alpha\r\nCo",,\r\n\r\nB,Beta,Energy,Oil\r\n`);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.name, r.industry])).toEqual([[2, 'Alpha\r\nCo', null], [5, 'Beta', 'Oil']]);
  });

  it('reports a quote that is never closed on the line where it opened', () => {
    const result = parseListingsCsv(csv(HEADER, 'A,Alpha,,', 'B,"Beta,,', 'C,Gamma,,'));
    expect(result.rows.map((r) => r.symbol)).toEqual(['A']);
    expect(messages(csv(HEADER, 'A,Alpha,,', 'B,"Beta,,', 'C,Gamma,,'))).toEqual([
      expect.stringMatching(/^3 -: the quoted value in cell 2 opened on line 3 is never closed/),
    ]);
  });

  it('reports text after a closing quote and keeps reading the following rows', () => {
    const result = parseListingsCsv(csv(HEADER, 'A,"Alpha" Corp,,', 'B,Beta,,'));
    expect(result.rows.map((r) => r.symbol)).toEqual(['B']);
    expect(result.problems).toEqual([
      { line: 2, column: null, value: null, message: expect.stringMatching(/^unexpected text after the closing quote in cell 2/) },
    ]);
  });
});

describe('parseListingsCsv: cell validation', () => {
  it('reports a malformed symbol with its value and the symbol rule', () => {
    const result = parseListingsCsv(csv(HEADER, 'TOOLONGSYMBOL1,Foo,,', '$X,Bar,,', ',Baz,,'));
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      { line: 2, column: 'symbol', value: 'TOOLONGSYMBOL1', message: `symbol "TOOLONGSYMBOL1" is malformed: expected ${SYMBOL_RULE}` },
      { line: 3, column: 'symbol', value: '$X', message: `symbol "$X" is malformed: expected ${SYMBOL_RULE}` },
      { line: 4, column: 'symbol', value: '', message: `symbol is empty: expected ${SYMBOL_RULE}` },
    ]);
  });

  it('reports an empty name and a name longer than 200 characters', () => {
    expect(messages(csv(HEADER, 'A,  ,,', `B,${'x'.repeat(201)},,`))).toEqual([
      '2 name: name is empty: expected the company name',
      '3 name: name is 201 characters long: expected at most 200',
    ]);
  });

  it('counts characters, not UTF-16 units, so 200 accented or emoji characters fit', () => {
    const result = parseListingsCsv(csv(HEADER, `A,${'é'.repeat(200)},,`, `B,${'📈'.repeat(200)},,`));
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(2);
  });

  it('reports a sector outside GICS and lists the 11 accepted names', () => {
    const result = parseListingsCsv(csv(HEADER, 'A,Alpha,Tech,Software'));
    expect(result.rows).toEqual([]);
    expect(result.problems[0]).toMatchObject({ line: 2, column: 'sector', value: 'Tech' });
    expect(result.problems[0]?.message).toMatch(/^sector "Tech" is not a GICS sector: expected one of /);
    for (const sector of GICS_SECTORS) expect(result.problems[0]?.message).toContain(sector);
  });

  it('reports an industry longer than 200 characters', () => {
    expect(messages(csv(HEADER, `A,Alpha,,${'y'.repeat(250)}`))).toEqual(['2 industry: industry is 250 characters long: expected at most 200']);
  });

  it('reports a currency that is not three letters and upper-cases a valid one', () => {
    const result = parseListingsCsv(csv(`${HEADER},currency`, 'A,Alpha,,,eur', 'B,Beta,,,US$', 'C,Gamma,,,EURO'));
    expect(result.rows.map((r) => [r.symbol, r.currency])).toEqual([['A', 'EUR']]);
    expect(result.problems.map((p) => [p.line, p.column, p.value])).toEqual([[3, 'currency', 'US$'], [4, 'currency', 'EURO']]);
    expect(result.problems[0]?.message).toMatch(/^currency "US\$" is not a 3-letter ISO 4217 code: expected/);
  });

  it.each([['1234.5', 1234.5], ['1e9', 1e9], ['.5', 0.5], [' 42 ', 42], ['7.', 7]])('accepts %j as a positive number', (cell, value) => {
    const [row] = parseListingsCsv(csv(`${HEADER},marketCap,price`, `A,Alpha,,,${cell},${cell}`)).rows;
    expect(row).toMatchObject({ marketCap: value, price: value });
  });

  it.each([
    ['abc', 'is not a number'],
    ['NaN', 'is not a number'],
    ['Infinity', 'is not a number'],
    ['$5', 'is not a number'],
    ['0x10', 'is not a number'],
    ['-5', 'is not positive: expected a number greater than 0'],
    ['0', 'is not positive'],
    ['1e999', 'is too large'],
  ])('rejects %j as a market cap and as a price', (cell, reason) => {
    const result = parseListingsCsv(csv(`${HEADER},market_cap,price`, `A,Alpha,,,${cell},${cell}`));
    expect(result.rows).toEqual([]);
    expect(result.problems.map((p) => [p.column, p.value])).toEqual([['market_cap', cell], ['price', cell]]);
    expect(result.problems[0]?.message).toContain(`market_cap "${cell}" ${reason}`);
    expect(result.problems[1]?.message).toContain(`price "${cell}" ${reason}`);
  });

  it('rejects thousands separators in a quoted number and says to drop them', () => {
    expect(messages(csv(`${HEADER},price`, 'A,Alpha,,,"1,000"'))).toEqual([
      '2 price: price "1,000" contains a comma: expected a plain number without thousands separators (e.g. 1234567.5)',
    ]);
  });

  it('reports a symbol that repeats an earlier one after normalization, naming the earlier line', () => {
    const result = parseListingsCsv(csv(HEADER, 'A,Alpha,,', 'BRK.B,Berkshire B,,', 'brk-b,Berkshire again,,', 'a,Alpha again,,'));
    expect(result.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(messages(csv(HEADER, 'A,Alpha,,', 'BRK.B,Berkshire B,,', 'brk-b,Berkshire again,,', 'a,Alpha again,,'))).toEqual([
      '4 symbol: brk-b duplicates BRK.B on line 3: expected each symbol once',
      '5 symbol: a duplicates A on line 2: expected each symbol once',
    ]);
    expect(messages(csv(HEADER, 'X,x,,', 'BRK.B,b,,', 'BRK-B,b,,'))).toContain('4 symbol: BRK-B duplicates BRK.B on line 3: expected each symbol once');
  });

  it('still reports a duplicate when the first occurrence was rejected for another reason', () => {
    expect(messages(csv(HEADER, 'A,,,', 'A,Alpha,,'))).toEqual([
      '2 name: name is empty: expected the company name',
      '3 symbol: A duplicates A on line 2: expected each symbol once',
    ]);
  });

  it('collects every problem of a row, not just the first, and leaves the row out', () => {
    const result = parseListingsCsv(csv(`${HEADER},currency,marketCap,price`, 'b@d,,Tech,Software,dollars,abc,-1', 'OK,Fine,,,,,'));
    expect(result.rows.map((r) => r.symbol)).toEqual(['OK']);
    expect(result.problems.map((p) => p.column)).toEqual(['symbol', 'name', 'sector', 'currency', 'marketCap', 'price']);
    expect(new Set(result.problems.map((p) => p.line))).toEqual(new Set([2]));
  });
});

describe('parseListingsCsv: volume', () => {
  it('parses a generated 6,000-row file', () => {
    const lines = [`${HEADER},exchange,currency,marketCap,price`];
    for (let i = 0; i < 6000; i++) {
      const sector = GICS_SECTORS[i % GICS_SECTORS.length];
      lines.push(`S${i},"Company ${i}, Inc.",${sector},Industry ${i % 97},NYSE,USD,${(i + 1) * 1e6},${(i % 500) + 1.25}`);
    }
    const result = parseListingsCsv(lines.join('\r\n'));
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(6000);
    expect(result.rows.at(-1)).toMatchObject({ line: 6001, symbol: 'S5999', name: 'Company 5999, Inc.' });
  });
});
