/**
 * The edge cache's key for a request: everything that can change Apollo's answer to it.
 *
 * The body is hashed as raw bytes, not parsed: the edge answers before any JSON parsing, and parsing is
 * what a hit is meant to skip. That is safe because a client repeating a request sends the same bytes,
 * and two byte forms of the same query (other whitespace, other key order) merely get separate entries:
 * a different byte form only costs a miss, never a wrong answer.
 *
 * No data version is part of the key: freshness is judged per entry, by what its answer read
 * (src/http/edge/edge-cache.ts), so a commit retires only the entries it concerns.
 */
import { createHash } from 'node:crypto';

export interface RequestKeyParts {
  method: string;
  /** The URL's query string, `?` included, as GET operations carry the query there. */
  search: string;
  body: Buffer | undefined;
  /** Apollo answers `application/graphql-response+json` or `application/json` depending on it. */
  accept: string | undefined;
}

/** Keys up to this length are used as they are; longer ones are hashed so stored keys stay small. */
const MAX_RAW_KEY_LENGTH = 1024;

/**
 * The parts joined with length prefixes (so no two sets of parts share a key), or, for long requests, a
 * base64url SHA-256 of that. Most requests are short, and a string key costs a Map lookup where a
 * hash costs a digest per request — on a cache hit, that is a measurable share of the work.
 */
export function responseCacheKey(parts: RequestKeyParts): string {
  // `<length>:<value>` per field and `-` for an absent one, so neither a shifted boundary (search "a" +
  // body "bc" against "ab" + "c") nor a missing field (no body against an empty body) collide. Bytes go
  // in as latin1, one character per byte, so the raw form is exact.
  const field = (value: string | undefined) => (value === undefined ? '-' : `${value.length}:${value}`);
  const body = parts.body === undefined ? '-' : `${parts.body.length}:${parts.body.toString('latin1')}`;
  const raw = `${field(parts.method)}|${field(parts.search)}|${field(parts.accept)}|${body}`;
  // Raw keys always contain '|'; base64url digests never do, so the two forms cannot collide.
  return raw.length <= MAX_RAW_KEY_LENGTH ? raw : createHash('sha256').update(raw, 'latin1').digest('base64url');
}
