/**
 * The edge cache's key for a request: everything that can change Apollo's answer to it.
 *
 * The body is hashed as raw bytes, not parsed: the edge answers before any JSON parsing, and parsing is
 * what a hit is meant to skip. That is safe because a client repeating a request sends the same bytes,
 * and two byte forms of the same query (other whitespace, other key order) merely get separate entries:
 * a different byte form only costs a miss, never a wrong answer.
 */
import { createHash } from 'node:crypto';

export interface RequestKeyParts {
  /** Bumped whenever the data changes, so every older entry stops matching at once. */
  dataVersion: number;
  /**
   * The data version the live search index was built from. It catches up with `dataVersion` a moment
   * after a commit, and search answers change when it does, so it is part of the key too.
   */
  indexVersion: number;
  method: string;
  /** The URL's query string, `?` included, as GET operations carry the query there. */
  search: string;
  body: Buffer | undefined;
  /** Apollo answers `application/graphql-response+json` or `application/json` depending on it. */
  accept: string | undefined;
}

/** A base64url SHA-256 over the parts, each length-prefixed so no two sets of parts share a key. */
export function responseCacheKey(parts: RequestKeyParts): string {
  const hash = createHash('sha256');
  // `<length>:<bytes>` per field, and `-` for an absent one, so neither a shifted boundary
  // (search "a" + body "bc" against "ab" + "c") nor a missing field (no body against an empty body) collide.
  const field = (value: string | Buffer | undefined) => {
    if (value === undefined) {
      hash.update('-');
      return;
    }
    hash.update(`${Buffer.byteLength(value)}:`);
    hash.update(value);
  };
  field(String(parts.dataVersion));
  field(String(parts.indexVersion));
  field(parts.method);
  field(parts.search);
  field(parts.body);
  field(parts.accept);
  return hash.digest('base64url');
}
