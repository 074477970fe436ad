/**
 * Apollo Server's CSRF prevention rule, for the edge cache.
 *
 * The edge answers cached responses before Apollo sees the request, so it must refuse exactly the
 * requests Apollo would refuse: otherwise a cross-site `<img src>` or form post could read (or time) a
 * cached answer that Apollo itself would have blocked. This mirrors `preventCsrf.ts` of @apollo/server
 * 4/5 with its recommended headers, which is what `csrfPrevention: true` (src/graphql/apollo.ts) enables.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { mediaTypeEssence } from '../media-type.js';

/** The content types a browser may send cross-site without a CORS preflight. */
const NON_PREFLIGHTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** Apollo's `recommendedCsrfPreventionRequestHeaders`: a browser sets neither without a preflight. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'] as const;

/**
 * True when Apollo would let the request through. Apollo's rule does not look at the method (a GET
 * simply tends to carry no content-type); `method` is taken so callers need not know that.
 */
export function passesCsrfPrevention(method: string, headers: IncomingHttpHeaders): boolean {
  void method;
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    const essence = mediaTypeEssence(contentType);
    // Like Apollo: a content-type that does not parse is fine, because a browser would have had to
    // preflight it; only a parseable safelisted type can arrive from a cross-site form or <img>.
    if (essence === null || !NON_PREFLIGHTED_CONTENT_TYPES.has(essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return value !== undefined && value.length > 0;
  });
}
