/**
 * A real Apollo server for the safelist tests: the real schema and resolvers over a copy of the test
 * market (the data services of a `startServer()` app), the safelist wired as production wires it, and
 * real HTTP on 127.0.0.1 port 0 through Apollo's standalone server — not our src/http/ layer, so these
 * tests judge the plugin and the manifest cache alone.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CacheTally, createCache, DEFAULT_CACHE_NAMESPACES, NamespaceKeyValueCache } from '../../src/cache/index.js';
import { StatementRecorder } from '../../src/db/statement-recorder.js';
import { createContext, type GraphQLContext } from '../../src/graphql/context.js';
import { queryLimitsPlugin } from '../../src/graphql/plugins/query-limits.js';
import { manifestKeyValueCache } from '../../src/graphql/safelist/manifest-cache.js';
import type { OperationManifest } from '../../src/graphql/safelist/operation-manifest.js';
import { safelistPlugin, type SafelistRefusal } from '../../src/graphql/safelist/safelist-plugin.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { startServer } from '../helpers/server.js';

export interface SafelistServer {
  url: string;
  /** Refusals the plugin reported, in order. */
  refusals: SafelistRefusal[];
  /** POSTs a GraphQL request body as it is given; returns the status and the parsed JSON. */
  post(body: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** GETs with the body's fields as URL parameters (objects JSON-encoded), as APQ clients do for queries. */
  get(params: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * `safelist`: only the manifest runs (PERSISTED_QUERIES=safelist). `apq`: the manifest is served by id
 * and anything else still runs and registers through automatic persisted queries.
 */
export async function startSafelistServer(manifest: OperationManifest, mode: 'safelist' | 'apq'): Promise<SafelistServer> {
  const base = await startServer();
  const { services } = base.app;
  const cache = createCache({ url: 'memory', keyPrefix: 'safelist-test:', namespaces: DEFAULT_CACHE_NAMESPACES });
  const refusals: SafelistRefusal[] = [];
  const apqCache = new NamespaceKeyValueCache(cache.namespaces.persistedQuery);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    csrfPrevention: true,
    persistedQueries: { cache: mode === 'safelist' ? manifestKeyValueCache(manifest) : manifestKeyValueCache(manifest, apqCache) },
    plugins: [
      ...(mode === 'safelist' ? [safelistPlugin(manifest, { onRefused: (refusal) => refusals.push(refusal) })] : []),
      queryLimitsPlugin({ maxCost: 10_000, maxDepth: 10 }),
    ],
  });
  const { url } = await startStandaloneServer(apollo, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => createContext(services, cache, new StatementRecorder(), { versions: services.versions, deps: new Map(), tally: new CacheTally() }, 'safelist-test'),
  });
  const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });
  return {
    url,
    refusals,
    post: async (body) => answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })),
    get: async (params) => {
      const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      return answer(await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } }));
    },
    async close() {
      // The standalone server's drain plugin closes its HTTP server when Apollo stops.
      await apollo.stop();
      await cache.close();
      await base.close();
    },
  };
}

/** The manifest operation called `name` (the test fails loudly when the manifest lacks it). */
export function operationNamed(manifest: OperationManifest, name: string) {
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`expected an operation ${name} in the manifest, got ${manifest.operations.map((o) => o.name).join(', ')}`);
  return operation;
}

/** The `extensions` an APQ client sends for an id. */
export function byId(id: string) {
  return { persistedQuery: { version: 1, sha256Hash: id } };
}
