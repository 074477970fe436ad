/**
 * Apollo Server's CSRF prevention rule, for the edge cache.
 *
 * The edge answers cached responses before Apollo sees the request, so it must refuse exactly the
 * requests Apollo would refuse: otherwise a cross-site `<img src>` or form post could read (or time) a
 * cached answer that Apollo itself would have blocked. This mirrors `preventCsrf.ts` of @apollo/server
 * 4/5 with its recommended headers, which is what `csrfPrevention: true` (src/graphql/apollo.ts) enables.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** The content types a browser may send cross-site without a CORS preflight. */
const NON_PREFLIGHTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** Apollo's `recommendedCsrfPreventionRequestHeaders`: a browser sets neither without a preflight. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'] as const;

/** HTTP token code points (RFC 9110 §5.6.2), which the type and subtype of a MIME type must consist of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The essence (`type/subtype`, lower-cased) of a MIME type, or null where the WHATWG "parse a MIME type"
 * algorithm that Apollo uses (via whatwg-mimetype) fails. Parameters never make that algorithm fail.
 */
function mimeEssence(contentType: string): string | null {
  const trimmed = contentType.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const slash = trimmed.indexOf('/');
  if (slash === -1) return null;
  const type = trimmed.slice(0, slash);
  const semicolon = trimmed.indexOf(';', slash);
  const subtype = trimmed.slice(slash + 1, semicolon === -1 ? undefined : semicolon).replace(/[\t\n\r ]+$/, '');
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}

/** Clients send a handful of distinct content types; parsing each once keeps the hit path cheap. */
const essences = new Map<string, string | null>();
const MAX_REMEMBERED_TYPES = 64;

function cachedEssence(contentType: string): string | null {
  let essence = essences.get(contentType);
  if (essence === undefined) {
    essence = mimeEssence(contentType);
    if (essences.size < MAX_REMEMBERED_TYPES) essences.set(contentType, essence);
  }
  return essence;
}

/**
 * True when Apollo would let the request through. Apollo's rule does not look at the method (a GET
 * simply tends to carry no content-type); `method` is taken so callers need not know that.
 */
export function passesCsrfPrevention(method: string, headers: IncomingHttpHeaders): boolean {
  void method;
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    const essence = cachedEssence(contentType);
    // Like Apollo: a content-type that does not parse is fine, because a browser would have had to
    // preflight it; only a parseable safelisted type can arrive from a cross-site form or <img>.
    if (essence === null || !NON_PREFLIGHTED_CONTENT_TYPES.has(essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return value !== undefined && value.length > 0;
  });
}
