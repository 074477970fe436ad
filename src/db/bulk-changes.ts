/**
 * The data clock's bulk mode, for writers that change bars by the hundred thousand (seed, import, ingest).
 *
 * The triggers of migration 0002 stamp a version per changed row: right for a plain `UPDATE` by hand, far
 * too much work for a seed of millions of bars. Inside a bulk write the bar triggers stand aside
 * (`data_clock.bulk = 1`, set and cleared in the same transaction, so no other writer ever sees it set —
 * a crash rolls it back with everything else) and the writer reports which symbols' bars it changed
 * instead: one clock step for the whole transaction. Stock-row triggers stay on: they fire once per stock,
 * cheap enough, and they know which sectors a row moved between.
 *
 * A reset (every stock and bar deleted and rewritten) starts a new epoch instead: a new `database_id`,
 * which every cache key carries, so everything cached from before it is unreachable at once, and readers
 * reload every version (src/db/data-versions.ts).
 */
import type Database from 'better-sqlite3';

export interface BulkChanges {
  /** Call first, inside the write transaction. */
  begin(): void;
  /** The bars of `symbol` changed (rows inserted, updated or deleted). */
  barsChanged(symbol: string): void;
  /** Everything changed: gives the file a new identity for caches. */
  newEpoch(): void;
  /** Call last, inside the transaction: stamps the changed symbols and leaves bulk mode. */
  finish(): void;
}

export function createBulkChanges(sqlite: Database.Database): BulkChanges {
  const setBulk = sqlite.prepare(`/* dataClockBulk */ UPDATE data_clock SET bulk = ? WHERE id = 1`);
  const tick = sqlite.prepare(`/* dataClockTick */ UPDATE data_clock SET seq = seq + 1 WHERE id = 1`);
  const stamp = sqlite.prepare(`/* dataVersionStamp */
    INSERT OR REPLACE INTO data_versions (tag, seq) SELECT 'b:' || ?, seq FROM data_clock WHERE id = 1`);
  const renew = sqlite.prepare(`/* dataClockEpoch */ UPDATE data_clock SET database_id = lower(hex(randomblob(8))) WHERE id = 1`);
  let changed = new Set<string>();
  return {
    begin() {
      changed = new Set();
      setBulk.run(1);
    },
    barsChanged(symbol) {
      changed.add(symbol);
    },
    newEpoch() {
      renew.run();
    },
    finish() {
      if (changed.size > 0) {
        tick.run();
        for (const symbol of changed) stamp.run(symbol);
      }
      changed = new Set();
      setBulk.run(0);
    },
  };
}
