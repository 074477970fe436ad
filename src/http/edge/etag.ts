/**
 * Entity tags for cached responses, so a client that already holds a body gets a 304 instead of it again.
 */
import { createHash } from 'node:crypto';

/** A strong ETag: the base64url SHA-1 of the body (27 characters), in quotes. */
export function entityTag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** The entity tags listed in an If-None-Match value, without their `W/` prefixes; `*` stays `*`. */
function listedTags(ifNoneMatch: string): string[] {
  const tags: string[] = [];
  let at = 0;
  while (at < ifNoneMatch.length) {
    const char = ifNoneMatch[at];
    if (char === ',' || char === ' ' || char === '\t') {
      at += 1;
      continue;
    }
    if (ifNoneMatch.startsWith('W/', at) || ifNoneMatch.startsWith('w/', at)) at += 2;
    // A quoted tag may itself contain commas, so read to its closing quote, not to the next comma.
    const end = ifNoneMatch[at] === '"' ? ifNoneMatch.indexOf('"', at + 1) + 1 : ifNoneMatch.indexOf(',', at);
    const stop = end <= 0 ? ifNoneMatch.length : end;
    tags.push(ifNoneMatch.slice(at, stop).trim());
    at = stop;
  }
  return tags;
}

/**
 * RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so `W/"x"` matches `"x"` either way round,
 * and `*` matches any current representation.
 */
export function ifNoneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  return listedTags(ifNoneMatch).some((tag) => tag === '*' || tag === opaque);
}
