/**
 * The manifest seen through Apollo Server's persisted-query cache (a KeyValueCache), so a client that
 * sends only an operation's id (`extensions.persistedQuery.sha256Hash`, no `query`) is served from the
 * manifest the first time, without the APQ round trip that registers the text.
 *
 * - Without `fallback` (safelist mode) the manifest is all there is: other ids miss, and nothing is ever
 *   stored, so no request can add an operation.
 * - With `fallback` (the APQ cache), manifest ids are still answered from the manifest and everything
 *   else, reads and registrations alike, goes to the fallback as before.
 */
import type { OperationManifest } from './operation-manifest.js';

/** Apollo Server's KeyValueCache, structurally (the shape NamespaceKeyValueCache also has). */
export interface StringKeyValueCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** Length of a SHA-256 hex digest: the id at the end of every key Apollo asks for. */
const ID_LENGTH = 64;

export function manifestKeyValueCache(manifest: OperationManifest, fallback?: StringKeyValueCache): StringKeyValueCache {
  const bodies = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  // Apollo prefixes its keys (`apq:<hash>`); the id is the key's last 64 characters, whatever the prefix.
  const bodyFor = (key: string) => bodies.get(key.slice(-ID_LENGTH));
  return {
    async get(key) {
      return bodyFor(key) ?? fallback?.get(key);
    },
    async set(key, value, options) {
      // A manifest id is already known (Apollo registers a listed text sent with its hash): nothing to keep.
      if (bodyFor(key) === undefined) await fallback?.set(key, value, options);
    },
    async delete(key) {
      return bodyFor(key) === undefined && fallback !== undefined ? fallback.delete(key) : false;
    },
  };
}
