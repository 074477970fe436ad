/**
 * Figures a benchmark reads from a running server between runs: cache hits and misses per namespace
 * (Query.metrics), SQL statements per request and ingest commits (/metrics, Prometheus text).
 */
export type CacheCounters = Record<string, { hits: number; misses: number }>;

export async function cacheCounters(graphqlUrl: string): Promise<CacheCounters> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ metrics { cache { namespace hits misses } } }' }),
  });
  const body = (await response.json()) as { data?: { metrics: { cache: { namespace: string; hits: number; misses: number }[] } } };
  if (!body.data) throw new Error(`metrics query failed: ${JSON.stringify(body)}`);
  return Object.fromEntries(body.data.metrics.cache.map((row) => [row.namespace, { hits: row.hits, misses: row.misses }]));
}

/** The value of one sample line (`name{labels} value`) of a Prometheus text exposition; 0 when absent. */
export function sampleOf(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function prometheus(graphqlUrl: string): Promise<string> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'));
  return response.text();
}

export async function sqlStatements(graphqlUrl: string): Promise<{ sum: number; count: number }> {
  const text = await prometheus(graphqlUrl);
  return { sum: sampleOf(text, 'stockql_graphql_sql_statements_sum'), count: sampleOf(text, 'stockql_graphql_sql_statements_count') };
}

export async function ingestCommits(graphqlUrl: string): Promise<{ batches: number; updated: number }> {
  const text = await prometheus(graphqlUrl);
  return { batches: sampleOf(text, 'stockql_ingest_commits_total'), updated: sampleOf(text, 'stockql_ingest_stocks_updated_total') };
}

export const hitRatio = (hits: number, misses: number): number | null => (hits + misses === 0 ? null : hits / (hits + misses));

/** Everything above at once, from a running server (a paused one would not answer). */
export async function snapshot(graphqlUrl: string | { url: string }) {
  const url = typeof graphqlUrl === 'string' ? graphqlUrl : graphqlUrl.url;
  return { cache: await cacheCounters(url), sql: await sqlStatements(url), ingest: await ingestCommits(url) };
}
export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The hits and misses between two readings, per namespace. */
export function diffCounters(before: CacheCounters, after: CacheCounters): CacheCounters {
  const out: CacheCounters = {};
  for (const [ns, a] of Object.entries(after)) {
    const b = before[ns] ?? { hits: 0, misses: 0 };
    out[ns] = { hits: a.hits - b.hits, misses: a.misses - b.misses };
  }
  return out;
}
