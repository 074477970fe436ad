/**
 * The manifest builder: bodies in the form Apollo Client sends (so its hashes hit), and every problem in
 * operations/ reported at once, with where it is.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildOperationManifest, type OperationFile } from '../../src/graphql/safelist/build-manifest.js';
import { loadOperationManifest, parseOperationManifest, serializeOperationManifest } from '../../src/graphql/safelist/operation-manifest.js';
import { schemaPath } from '../../src/paths.js';

const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function build(files: OperationFile[]) {
  return buildOperationManifest(files, schema);
}

describe('manifest bodies', () => {
  const files: OperationFile[] = [
    {
      path: 'operations/quote.graphql',
      text: `# comments and formatting do not reach the body
        query Quote($symbol: ID!) { stock(symbol: $symbol) { ...Facts quote { price } } }`,
    },
    { path: 'operations/facts.graphql', text: 'fragment Facts on Stock { symbol name sectorStats { ...Sector } }\nfragment Sector on SectorStats { sector }' },
    { path: 'operations/movers.graphql', text: 'query Movers { movers(type: GAINERS) { symbol } }' },
  ];

  it('are what Apollo Client sends: its fragments added, __typename below the root, the operation first, printed', () => {
    const result = build(files);
    expect(result.kind).toBe('built');
    if (result.kind !== 'built') return;
    const quote = result.manifest.operations.find((o) => o.name === 'Quote')!;
    expect(quote.body).toBe(
      [
        'query Quote($symbol: ID!) {',
        '  stock(symbol: $symbol) {',
        '    ...Facts',
        '    quote {',
        '      price',
        '      __typename',
        '    }',
        '    __typename',
        '  }',
        '}',
        '',
        'fragment Facts on Stock {',
        '  symbol',
        '  name',
        '  sectorStats {',
        '    ...Sector',
        '    __typename',
        '  }',
        '  __typename',
        '}',
        '',
        'fragment Sector on SectorStats {',
        '  sector',
        '  __typename',
        '}',
      ].join('\n'),
    );
    // The id is the hash an APQ client sends for that text.
    expect(quote.id).toBe(sha256(quote.body));
    expect(quote.type).toBe('query');
  });

  it('carry only the fragments their operation uses, and the manifest lists operations by name', () => {
    const result = build(files);
    if (result.kind !== 'built') throw new Error(result.problems.join('\n'));
    expect(result.manifest.operations.map((o) => o.name)).toEqual(['Movers', 'Quote']);
    expect(result.manifest.operations[0]!.body).toBe('query Movers {\n  movers(type: GAINERS) {\n    symbol\n    __typename\n  }\n}');
  });

  it('do not change with the order of the files', () => {
    const text = (result: ReturnType<typeof build>) => (result.kind === 'built' ? serializeOperationManifest(result.manifest) : result.problems.join('\n'));
    expect(text(build([...files].reverse()))).toBe(text(build(files)));
  });
});

describe('problems in operations/', () => {
  it('are all reported at once, each with its file, line and column', () => {
    const result = build([
      { path: 'ops/typo.graphql', text: 'query Typo {\n  stok(symbol: "AAPL") { name }\n}' },
      { path: 'ops/broken.graphql', text: 'query Broken { stock(symbol: ' },
      { path: 'ops/two.graphql', text: 'query One { sectors { sector } }\nquery Two { sectors { sector } }' },
      { path: 'ops/anonymous.graphql', text: '{ sectors { sector } }' },
      { path: 'ops/again.graphql', text: 'query Typo { sectors { sector } }' },
      { path: 'ops/fragments.graphql', text: 'fragment Unused on Stock { symbol }' },
      { path: 'ops/variables.graphql', text: 'query Needs($symbol: ID!) { stock(symbol: "AAPL") { symbol } }' },
    ]);
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ops\/typo\.graphql:2:3 Cannot query field "stok" on type "Query"\. Did you mean "stock"/),
        expect.stringMatching(/^ops\/broken\.graphql:1:30 Syntax Error/),
        'ops/two.graphql: holds 2 operations (One, Two); put each in a file of its own',
        'ops/anonymous.graphql:1:1 an anonymous query: name it (clients find operations in the manifest by name)',
        'ops/again.graphql:1:1 operation Typo is already defined in ops/typo.graphql',
        'ops/fragments.graphql:1:1 fragment Unused is used by no operation: use it or delete it',
        expect.stringMatching(/^ops\/variables\.graphql:1:13 Variable "\$symbol" is never used in operation "Needs"/),
      ]),
    );
    expect(result.problems).toHaveLength(7);
  });
});

describe('loading a manifest', () => {
  it('accepts the committed one', () => {
    expect(loadOperationManifest().operations.length).toBeGreaterThan(0);
  });

  it('refuses one whose body was edited by hand, since no client could send that text by its id', () => {
    const manifest = loadOperationManifest();
    const tampered = structuredClone(manifest);
    tampered.operations[0]!.body = tampered.operations[0]!.body.replace('symbol', 'symbol name');
    expect(() => parseOperationManifest(tampered, 'edited.json')).toThrow(
      new RegExp(`edited\\.json does not hold together:\\n  - ${manifest.operations[0]!.name}: id ${manifest.operations[0]!.id} is not the SHA-256 of its body .*regenerate the manifest`),
    );
  });

  it('says what shape it expected when the file is something else', () => {
    expect(() => parseOperationManifest({ operations: {} }, 'other.json')).toThrow(/other\.json is not an operation manifest \(expected \{ format: "apollo-persisted-query-manifest".*\n  - format:/);
  });
});
