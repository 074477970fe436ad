import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, getOperationAST, parse, type DocumentNode } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { createJitExecutor, type JitExecutionRequest } from '../../src/graphql/executor/jit-executor.js';
import type { Logger } from '../../src/logger.js';

const srcRoot = join(import.meta.dirname, '..', '..', 'src');

const schema = makeExecutableSchema({
  typeDefs: `
    input Filter { sector: String, limit: Int = 3 }
    type Item { id: ID!, name: String! }
    type Query {
      items(filter: Filter): [Item!]!
      echo(filter: Filter, order: String = "ASC"): String!
      broken: Item
    }
    type Mutation { touch: Int! }`,
  resolvers: {
    Query: {
      items: () => [{ id: 1, name: 'one' }, { id: 2, name: null }],
      echo: (_: unknown, args: unknown) => JSON.stringify(args),
      broken: () => ({ id: 'x', name: 'fine' }),
    },
    Mutation: { touch: () => 1 },
  },
});

function recorder() {
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = { debug: (message, fields = {}) => lines.push({ message, fields }), info() {}, warn() {}, error() {}, isEnabled: () => true };
  return { lines, logger, messages: () => lines.map((line) => line.message) };
}

function request(document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): JitExecutionRequest {
  return { schema, document, operation: getOperationAST(document, operationName) ?? undefined, contextValue: {}, variables, operationName, overallCachePolicy: undefined };
}

describe('the compiled executor', () => {
  it('compiles an operation once per parsed document and operation name', async () => {
    const log = recorder();
    const run = createJitExecutor({ logger: log.logger });
    const document = parse('query A { echo } query B { echo(order: "DESC") }');
    for (const name of ['A', 'B', 'A', 'B', 'A']) await run(request(document, {}, name));
    expect(log.lines.map((line) => line.fields.operation)).toEqual(['A', 'B']);
    // The same text parsed again is another document: Apollo's document store hands out one object per query.
    await run(request(parse('query A { echo } query B { echo(order: "DESC") }'), {}, 'A'));
    expect(log.lines).toHaveLength(3);
  });

  it('answers with graphql-js’s result when the compiled run has errors, and says so at debug', async () => {
    const log = recorder();
    const document = parse('{ items { id name } }');
    const answer = await createJitExecutor({ logger: log.logger })(request(document));
    expect(answer).toEqual(await execute({ schema, document, contextValue: {} }));
    expect(Object.keys(answer)).toEqual(['errors', 'data']);
    expect(log.messages()).toEqual(['graphql-jit compiled an operation', 'compiled run had errors; graphql-js answers the request']);
  });

  it('puts the overall cache policy back before graphql-js runs the operation again', async () => {
    const policy = { maxAge: undefined as number | undefined, scope: undefined as 'PUBLIC' | 'PRIVATE' | undefined, replace() {}, restrict() {}, policyIfCacheable: () => null };
    const policyAtEachRun: unknown[] = [];
    // `a` narrows the policy as a field hint would; `b` breaks the compiled run, so graphql-js runs again.
    const narrowing = makeExecutableSchema({
      typeDefs: 'type Query { a: Int, b: Int! }',
      resolvers: {
        Query: {
          a: () => {
            policyAtEachRun.push({ maxAge: policy.maxAge, scope: policy.scope });
            policy.maxAge = 5;
            policy.scope = 'PRIVATE';
            return 1;
          },
          b: () => null,
        },
      },
    });
    await createJitExecutor({ logger: recorder().logger })({ ...request(parse('{ a b }')), schema: narrowing, overallCachePolicy: policy });
    expect(policyAtEachRun).toEqual([{ maxAge: undefined, scope: undefined }, { maxAge: undefined, scope: undefined }]);
    expect(policy).toMatchObject({ maxAge: 5, scope: 'PRIVATE' });
  });

  it('gives a non-null variable its default, where graphql-jit alone refuses it as missing', async () => {
    const document = parse('query($order: String! = "DESC") { echo(order: $order) }');
    const jit = compileQuery(schema, document);
    if (!isCompiledQuery(jit)) throw new Error('did not compile');
    expect((await jit.query(undefined, {}, {})).errors?.[0]?.message).toMatch(/was not provided/);
    const log = recorder();
    expect(await createJitExecutor({ logger: log.logger })(request(document, {}))).toEqual({ data: { echo: '{"order":"DESC"}' } });
    expect(log.messages()).toEqual(['graphql-jit compiled an operation']);
  });

  it('leaves a variable inside an input object to graphql-js when it is absent (graphql-jit would pass null)', async () => {
    const document = parse('query($s: String) { echo(filter: { sector: $s }) }');
    const jit = compileQuery(schema, document);
    if (!isCompiledQuery(jit)) throw new Error('did not compile');
    expect(await jit.query(undefined, {}, {})).toEqual({ data: { echo: '{"filter":{"sector":null,"limit":3},"order":"ASC"}' } });
    const run = createJitExecutor({ logger: recorder().logger });
    expect(await run(request(document, {}))).toEqual(await execute({ schema, document, contextValue: {} }));
    expect(await run(request(document, {}))).toEqual({ data: { echo: '{"filter":{"limit":3},"order":"ASC"}' } });
    expect(await run(request(document, { s: 'Energy' }))).toEqual({ data: { echo: '{"filter":{"sector":"Energy","limit":3},"order":"ASC"}' } });
  });

  it('leaves mutations, directives and introspection to graphql-js, and says why once', async () => {
    const log = recorder();
    const run = createJitExecutor({ logger: log.logger });
    const mutation = parse('mutation { touch }');
    await run(request(mutation));
    await run(request(mutation));
    await run(request(parse('query($x: Boolean!) { echo @include(if: $x) }'), { x: true }));
    await run(request(parse('{ __schema { queryType { name } } }')));
    expect(log.lines.map((line) => line.fields.reason)).toEqual(['a mutation, not a query', 'uses @include', 'an introspection query']);
  });
});

describe('the premise of inline leaf fields and once-per-request hooks (createApollo sets inlineNoOpLeafFields)', () => {
  it('holds while no code of ours hooks willResolveField: Apollo’s cacheControl plugin is the only one', () => {
    const files = readdirSync(srcRoot, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.startsWith(join('graphql', 'executor')));
    const hooking = files.filter((file) => /willResolveField/.test(readFileSync(join(srcRoot, file), 'utf8').replace(/\/\/.*$/gm, '')));
    expect(hooking).toEqual([]);
  });
});
