/**
 * What a cached value's freshness is judged by, seen from the cache layer: named pieces of data ("tags")
 * whose versions only ever grow. The data layer supplies the versions (src/db/data-versions.ts: SQLite
 * triggers stamp them in the writing transaction); the cache only compares them.
 */

export interface VersionReader {
  /** The identity of the data set (a new one after a reset): every shared cache key carries it. */
  readonly databaseId: string;
  /** The tag's current version; 0 when it never changed. Versions only grow. */
  version(tag: string): number;
}

/**
 * The versions a request's answer was built from, tag → version. When a tag was read at two versions
 * (a commit landed mid-request) the older one is kept: the answer is only as fresh as its oldest read.
 */
export type Dependencies = Map<string, number>;

export function addDependency(deps: Dependencies, tag: string, version: number): void {
  const known = deps.get(tag);
  if (known === undefined || version < known) deps.set(tag, version);
}

/** True when nothing the answer read has changed since. */
export function stillFresh(deps: ReadonlyMap<string, number>, versions: VersionReader): boolean {
  for (const [tag, version] of deps) if (versions.version(tag) !== version) return false;
  return true;
}
