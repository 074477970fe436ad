/**
 * The data version every cache key carries, read cheaply enough to check on every request.
 *
 * Every committed write (seed, import, ingest) bumps `meta.data_version` in its own transaction, so a
 * cache key made of that version can never name data older than the last commit. Reading the meta row
 * per request would cost a statement on every warm hit; instead we ask SQLite's `PRAGMA data_version`,
 * which changes whenever *another* connection (any process on this file) has committed since our last
 * look. It reads a counter SQLite already keeps in the WAL index (no page read), and only when it moved
 * do we re-read the meta row. Commits on this very connection do not move the pragma, so the writers
 * that share it (the market store) call `invalidate()` after they commit.
 *
 * Requests handled in one turn of the event loop share one look: their bytes were all read from their
 * sockets when that turn's I/O poll returned, so a look taken during the turn already sees every commit
 * that completed before any of them arrived. The next turn looks again.
 *
 * Neither read counts in a request's StatementRecorder: they are bookkeeping, not the request's data
 * reads, and counting them would hide the "0 queries" of a fully cached response.
 */
import Database from 'better-sqlite3';
import { withoutStatementRecorder } from './statement-recorder.js';

export class DataVersionTracker {
  private readonly changeCounter: Database.Statement<[], number>;
  private readonly readVersion: Database.Statement<[], string>;
  private lastChangeCounter = -1;
  private version = 0;
  private lookedThisTurn = false;
  private readonly endTurn = () => {
    this.lookedThisTurn = false;
  };

  constructor(sqlite: Database.Database) {
    // Prepared through the driver's own prepare, not the connection's instrumented one (src/db/connection.ts):
    // this runs on every request, and the per-call recorder lookup would cost more than the pragma itself.
    this.changeCounter = (Database.prototype.prepare.call(sqlite, 'PRAGMA data_version') as Database.Statement<[], number>).pluck();
    this.readVersion = sqlite.prepare<[], string>(`/* dataVersion */ SELECT value FROM meta WHERE key = 'data_version'`).pluck();
  }

  /** The data version as of the last commit by any connection. */
  current(): number {
    if (this.lookedThisTurn) return this.version;
    this.lookedThisTurn = true;
    setImmediate(this.endTurn);
    const counter = this.changeCounter.get() ?? 0;
    if (counter !== this.lastChangeCounter) {
      this.version = withoutStatementRecorder(() => Number(this.readVersion.get() ?? 0));
      this.lastChangeCounter = counter;
    }
    return this.version;
  }

  /** Call after this connection committed a write: the pragma only reports other connections' commits. */
  invalidate(): void {
    this.lastChangeCounter = -1;
    this.lookedThisTurn = false;
  }
}
