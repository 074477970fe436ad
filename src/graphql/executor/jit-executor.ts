/**
 * Executes queries with graphql-jit (an operation compiled once to plain JavaScript) and answers with
 * exactly what graphql-js would have answered.
 *
 * The compiled code is faithful on the path that matters for speed: a query whose every field resolves.
 * Where it is not — the wording, order, paths and original errors of field errors (graphql-jit keeps
 * non-null violations apart and drops the original error of a failed serialization, which changes what
 * production masks) — graphql-js is the reference: a compiled run that produced any error is discarded
 * and the operation is run again by graphql-js. That is safe because only queries are compiled
 * (operation-support.ts), and cheap because the request's DataLoaders already hold what the first run
 * read; error responses are rare and never cached (the edge cache and Cache-Control refuse them).
 *
 * Two more places where graphql-jit departs from graphql-js are worked around before it runs: it is
 * given graphql-js's coerced variables (it would refuse a non-null variable left to its default), and an
 * operation with a variable inside an input object or list literal goes to graphql-js when that variable
 * is absent or null (operation-support.ts).
 *
 * Everything around execution stays Apollo's, as without a gateway: parsing, validation, persisted
 * queries, the plugins (safelist, limits, counters, error logging), error formatting and masking. Field
 * instrumentation too: Apollo wraps the schema's field resolvers before it executes, and the compiled code
 * calls those wrappers, so the cacheControl plugin sees every field whose hint can matter, `setCacheHint`
 * included (the rest are read inline, inline-leaf-fields.ts, or hooked once per request where every instance
 * would give the same hint, instrument-once-fields.ts).
 */
import { performance } from 'node:perf_hooks';
import type { CachePolicy } from '@apollo/cache-control-types';
import { getVariableValues, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { FAST_SERIALIZERS } from './fast-serializers.js';
import type { Logger } from '../../logger.js';
import { CompileCache } from './compile-cache.js';
import { withCompileTimeResolvers, type CompileTimeFields } from './compile-time-resolvers.js';
import { operationSupport } from './operation-support.js';
import { referenceExecute, type ExecutionRequest } from './reference-execute.js';

export interface JitExecutionRequest extends ExecutionRequest {
  /** The operation Apollo resolved from the document and operation name; undefined when none matched. */
  operation: OperationDefinitionNode | undefined;
  /** The request's overall cache policy, which field hints restrict as fields resolve. */
  overallCachePolicy: CachePolicy | undefined;
}

export interface JitExecutorOptions {
  logger: Logger;
  /** Parsed documents that may keep compiled operations at once. @default 1000 */
  maxCachedDocuments?: number;
  /** Fields compiled without Apollo's hook on every instance (compile-time-resolvers.ts). @default none */
  compileTimeFields?: CompileTimeFields;
}

/** How one operation of one document runs: compiled, or by graphql-js (and why, said once). */
type Plan =
  | { kind: 'compiled'; schema: GraphQLSchema; query: CompiledQuery; nestedVariables: readonly string[] }
  | { kind: 'reference'; schema: GraphQLSchema; reason: string };

/** What graphql-js's execute allows before it gives up coercing variables (buildExecutionContext). */
const MAX_VARIABLE_COERCION_ERRORS = 50;

export type JitExecutor = (request: JitExecutionRequest) => Promise<ExecutionResult>;

const NO_FIELDS: CompileTimeFields = { inline: [], instrumentedOnce: [], leafLists: [] };

export function createJitExecutor({ logger, maxCachedDocuments = 1000, compileTimeFields = NO_FIELDS }: JitExecutorOptions): JitExecutor {
  const plans = new CompileCache<Plan>(maxCachedDocuments);

  function planFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Plan {
    const operationName = operation.name?.value;
    const cached = plans.get(document, operationName);
    // Apollo serves one schema for the server's life; a different one would need its own compilation.
    if (cached !== undefined && cached.schema === schema) return cached;
    const started = performance.now();
    const plan = withCompileTimeResolvers(compileTimeFields, { schema, document, operation }, () => compile(schema, document, operation));
    if (plan.kind === 'reference') logger.debug('graphql-jit does not run this operation; graphql-js does', { operation: operationName ?? null, reason: plan.reason });
    else logger.debug('graphql-jit compiled an operation', { operation: operationName ?? null, compileMs: Math.round((performance.now() - started) * 100) / 100 });
    plans.set(document, operationName, plan);
    return plan;
  }

  return async function executeWithJit(request) {
    const { schema, document, operation, variables } = request;
    // No operation matched the name (or several were sent without one): graphql-js words that error.
    if (operation === undefined) return referenceExecute(request);
    const plan = planFor(schema, document, operation);
    if (plan.kind === 'reference') return referenceExecute(request);
    // Variables that do not fit their types: graphql-js's errors, word for word, and no resolver runs.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: MAX_VARIABLE_COERCION_ERRORS });
    if (coerced.errors !== undefined) return referenceExecute(request);
    if (plan.nestedVariables.some((name) => coerced.coerced[name] == null)) return referenceExecute(request);

    const policyBefore = snapshot(request.overallCachePolicy);
    let failure: { message: string; path?: readonly (string | number)[] | undefined; errors: number };
    try {
      // graphql-js's coercion, not the raw input: graphql-jit ignores the default of a non-null variable
      // (`$range: ChartRange! = ONE_MONTH`) and would refuse it as missing. Coerced values coerce to themselves.
      const result = await plan.query.query(undefined, request.contextValue, coerced.coerced);
      if (!result.errors?.length) return result;
      failure = { message: result.errors[0]!.message, path: result.errors[0]!.path, errors: result.errors.length };
    } catch (error) {
      // A fault of the compiled code itself (graphql-js would have answered): the same way out.
      failure = { message: `threw: ${error instanceof Error ? error.message : String(error)}`, errors: 0 };
    }
    // The discarded run's field hints must not narrow the policy of the run that answers.
    restore(request.overallCachePolicy, policyBefore);
    logger.debug('compiled run had errors; graphql-js answers the request', { operation: operation.name?.value ?? null, ...failure });
    return referenceExecute(request);
  };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Plan {
  const support = operationSupport(document, operation);
  if (support.kind === 'unsupported') return { kind: 'reference', schema, reason: support.reason };
  try {
    // Stacks of errors in a compiled run are never shown (graphql-js re-runs it), so do not capture them.
    const compiled = compileQuery(schema, document, operation.name?.value, { disablingCapturingStackErrors: true, customSerializers: FAST_SERIALIZERS });
    if (isCompiledQuery(compiled)) return { kind: 'compiled', schema, query: compiled, nestedVariables: support.nestedVariables };
    return { kind: 'reference', schema, reason: `graphql-jit could not compile it: ${compiled.errors?.map((error) => error.message).join('; ')}` };
  } catch (error) {
    return { kind: 'reference', schema, reason: `graphql-jit failed compiling it: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function snapshot(policy: CachePolicy | undefined): { maxAge: number | undefined; scope: CachePolicy['scope'] } | undefined {
  return policy && { maxAge: policy.maxAge, scope: policy.scope };
}

function restore(policy: CachePolicy | undefined, before: ReturnType<typeof snapshot>): void {
  if (policy === undefined || before === undefined) return;
  policy.maxAge = before.maxAge;
  policy.scope = before.scope;
}
