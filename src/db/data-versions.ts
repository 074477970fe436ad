/**
 * What each cache entry's freshness is judged by: the version of every piece of data it read, as the
 * triggers of migration 0002 keep them in `data_versions` (tag → the clock value of its last change), in
 * the writing transaction, for every writer of the file — ours, another process's, or plain SQL.
 *
 * Reading them must be nearly free, because every request asks. Once per turn of the event loop, one
 * statement asks SQLite whether anything committed since the last look: `data_version` moves when another
 * connection (any process) committed, `total_changes()` when this one did. Only then are the rows stamped
 * after the last clock value seen read (an index range on `seq`: the few tags that changed), and listeners
 * hear which tags moved — the edge cache retires the responses that read them. A new `database_id` (a
 * reset, or another file at the same path) or a clock that went back (a restored file) reloads everything
 * and tells listeners that everything changed.
 *
 * Why once per turn is never stale: the requests of one turn were all read from their sockets when that
 * turn's I/O poll returned, so a look taken during the turn sees every commit that completed before any of
 * them arrived. Commits on this very connection do not move `data_version`, but they move
 * `total_changes()`, and writers sharing the connection call `invalidate()` too.
 *
 * None of these reads count in a request's StatementRecorder: they are bookkeeping, and counting them
 * would hide the "0 queries" of a fully cached response.
 */
import Database from 'better-sqlite3';

/** Tags (see src/db/schema.ts): `s:<symbol>`, `b:<symbol>`, `q`, `q:<sector>`, `l`. */
export type DataTag = string;

/** What moved: the tags, or everything (a new epoch). */
export type DataChange = ReadonlySet<DataTag> | 'all';

/** Tag names, built in one place. */
export const dataTags = {
  stock: (symbol: string) => `s:${symbol}`,
  bars: (symbol: string) => `b:${symbol}`,
  /** Any stock row (every list, count or aggregate over all stocks). */
  anyStock: 'q',
  /** Any stock row in the sector (null: stocks without one). */
  sector: (sector: string | null) => `q:${sector ?? ''}`,
  /** The listings themselves: symbols, names, exchanges, sectors, industries, currencies. */
  listings: 'l',
} as const;

// Driver-level prepare: not through the connection's instrumented one (src/db/connection.ts), as these run
// for the process, not for a request.
const prepare = <T>(sqlite: Database.Database, source: string) => Database.prototype.prepare.call(sqlite, source) as Database.Statement<unknown[], T>;

/** Satisfies the cache layer's VersionReader (src/cache/freshness.ts) structurally: the db layer does not import the cache. */
export class DataVersions {
  private readonly probe: Database.Statement<unknown[], [number, number]>;
  private readonly readClock: Database.Statement<unknown[], { seq: number; databaseId: string }>;
  private readonly readSince: Database.Statement<unknown[], [string, number]>;
  private readonly versions = new Map<DataTag, number>();
  private readonly listeners: Array<(change: DataChange) => void> = [];
  private lastProbe = '';
  private seq = 0;
  private id = '';
  private lookedThisTurn = false;
  private readonly endTurn = () => {
    this.lookedThisTurn = false;
  };

  constructor(private readonly sqlite: Database.Database) {
    this.probe = prepare<[number, number]>(sqlite, 'SELECT data_version, total_changes() FROM pragma_data_version').raw();
    this.readClock = prepare(sqlite, 'SELECT seq, database_id AS databaseId FROM data_clock WHERE id = 1');
    this.readSince = prepare<[string, number]>(sqlite, 'SELECT tag, seq FROM data_versions WHERE seq > ?').raw();
    this.reload();
  }

  get databaseId(): string {
    this.sync();
    return this.id;
  }

  /** The clock value of the last change seen (what `metrics.dataVersion` reports). */
  get clock(): number {
    this.sync();
    return this.seq;
  }

  version(tag: DataTag): number {
    this.sync();
    return this.versions.get(tag) ?? 0;
  }

  /** Hears every change this process sees, synchronously, before any request reads the new versions. */
  onChange(listener: (change: DataChange) => void): void {
    this.listeners.push(listener);
  }

  /** Call after this connection committed a write, so the next read looks even within this turn. */
  invalidate(): void {
    this.lastProbe = '';
    this.lookedThisTurn = false;
  }

  /** Brings the versions up to the last commit; cheap when nothing committed (one statement per turn). */
  sync(): void {
    if (this.lookedThisTurn) return;
    this.lookedThisTurn = true;
    setImmediate(this.endTurn);
    const [dataVersion, totalChanges] = this.probe.get()!;
    const probe = `${dataVersion}:${totalChanges}`;
    if (probe === this.lastProbe) return;
    this.lastProbe = probe;
    // One read transaction, so the clock and the rows agree even while a writer commits.
    const changed = this.sqlite.transaction(() => this.catchUp()).deferred();
    if (changed === 'all' || changed.size > 0) for (const listener of this.listeners) listener(changed);
  }

  private catchUp(): DataChange {
    const clock = this.readClock.get();
    if (!clock || clock.databaseId !== this.id || clock.seq < this.seq) {
      this.reload();
      return 'all';
    }
    if (clock.seq === this.seq) return new Set();
    const changed = new Set<DataTag>();
    for (const [tag, seq] of this.readSince.all(this.seq)) {
      this.versions.set(tag, seq);
      changed.add(tag);
    }
    this.seq = clock.seq;
    return changed;
  }

  private reload(): void {
    this.versions.clear();
    const clock = this.readClock.get();
    this.id = clock?.databaseId ?? 'none';
    this.seq = clock?.seq ?? 0;
    for (const [tag, seq] of this.readSince.all(-1)) this.versions.set(tag, seq);
  }
}
