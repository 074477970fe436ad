/**
 * Counts and times the SQL statements a unit of work executes (a GraphQL request, an import).
 *
 * The recorder object belongs to the request context; AsyncLocalStorage only carries it down to the
 * database driver, so stores need no extra parameter and no statement can escape the count (the
 * Server-Timing `db;desc="N queries"` figure that the N+1 budget is checked against).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class StatementRecorder {
  statements = 0;
  durationMs = 0;

  record(durationMs: number): void {
    this.statements += 1;
    this.durationMs += durationMs;
  }
}

const storage = new AsyncLocalStorage<StatementRecorder>();

/** Runs `work` with `recorder` counting every statement executed inside it, however deep. */
export function withStatementRecorder<T>(recorder: StatementRecorder, work: () => T): T {
  return storage.run(recorder, work);
}

export function currentStatementRecorder(): StatementRecorder | undefined {
  return storage.getStore();
}

/** Runs `work` with no recorder, so its statements count for no request (bookkeeping reads). */
export function withoutStatementRecorder<T>(work: () => T): T {
  return storage.exit(work);
}
