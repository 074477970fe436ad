/**
 * A canonical string for a plain JSON-like value: object keys sorted, `null`/`undefined` members dropped.
 * Two argument objects that mean the same read (`{ sector: "X", industry: null }` and `{ sector: "X" }`)
 * get one cache key, and no two different reads share one.
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== null && member !== undefined) out[key] = normalise(member);
  }
  return out;
}
