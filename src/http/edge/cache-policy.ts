/**
 * Reads the Cache-Control header that Apollo's cacheControl plugin computed for a response, so the edge
 * stores a response for exactly as long, and with the same scope, as Apollo said it may be cached.
 *
 * Apollo writes `max-age=N, public` or `max-age=N, private`, or `no-store` when a field has no hint;
 * anything we cannot read with certainty is treated as "do not cache".
 */

export interface CachePolicy {
  maxAgeSeconds: number;
  scope: 'public' | 'private';
}

/** RFC 9111 §1.2.2: delta-seconds beyond 2^31 are to be read as 2^31. */
const MAX_DELTA_SECONDS = 2 ** 31;

export function parseCachePolicy(cacheControl: string | undefined): CachePolicy | null {
  if (cacheControl === undefined) return null;
  let maxAgeSeconds: number | undefined;
  let scope: CachePolicy['scope'] = 'public';
  for (const directive of cacheControl.split(',')) {
    const equals = directive.indexOf('=');
    const name = (equals === -1 ? directive : directive.slice(0, equals)).trim().toLowerCase();
    const value = equals === -1 ? '' : directive.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
    switch (name) {
      case 'no-store':
      case 'no-cache':
        return null;
      case 'private':
        scope = 'private';
        break;
      case 'max-age':
        // RFC 9111 §4.2.1 lets a cache use the first of repeated directives; an unreadable value means
        // the response must not be reused.
        if (maxAgeSeconds !== undefined) break;
        if (!/^\d+$/.test(value)) return null;
        maxAgeSeconds = Math.min(Number(value), MAX_DELTA_SECONDS);
        break;
    }
  }
  // Without `private`, HTTP lets a shared cache store a response that has a max-age (RFC 9111 §3), and
  // Apollo always writes the scope anyway.
  if (maxAgeSeconds === undefined || maxAgeSeconds === 0) return null;
  return { maxAgeSeconds, scope };
}
