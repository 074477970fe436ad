/**
 * Counts and times the SQL statements a unit of work executes (a GraphQL request, an import): the
 * Server-Timing `db;desc="N queries"` figure that the N+1 budget is checked against.
 *
 * better-sqlite3 is synchronous: a statement runs to completion inside the JavaScript call that starts
 * it, and no other code runs meanwhile. So a module-level "current recorder", set just before a
 * synchronous call into the data layer and restored right after it, names exactly the unit of work
 * each statement belongs to. That replaces AsyncLocalStorage, which carried the recorder through every
 * promise of the process and cost about 60 µs per request in promise hooks alone.
 *
 * The rule that keeps the count exact: request code reaches SQL only through `recordingView`s (stores
 * for the loaders, the services that call a store directly; see src/graphql/context.ts), and every store
 * method issues its statements before its first `await` (all stores over better-sqlite3 do: their
 * methods are `async` only so that a PostgreSQL implementation can follow). A statement outside any
 * view (background ingest, bookkeeping) counts for no request, as it should.
 */

export class StatementRecorder {
  statements = 0;
  durationMs = 0;

  record(durationMs: number): void {
    this.statements += 1;
    this.durationMs += durationMs;
  }
}

/** The recorder of the synchronous call in progress; undefined between calls. */
let current: StatementRecorder | undefined;

/**
 * Runs `work` with `recorder` counting every statement `work` executes synchronously (its part before
 * its first `await`, when it is async). Nests: the previous recorder is restored afterwards.
 */
export function withStatementRecorder<T>(recorder: StatementRecorder, work: () => T): T {
  const previous = current;
  current = recorder;
  try {
    return work();
  } finally {
    current = previous;
  }
}

export function currentStatementRecorder(): StatementRecorder | undefined {
  return current;
}

/** Runs `work` with no recorder, so its statements count for no request (bookkeeping reads). */
export function withoutStatementRecorder<T>(work: () => T): T {
  const previous = current;
  current = undefined;
  try {
    return work();
  } finally {
    current = previous;
  }
}

/** Where a view keeps its recorder (a symbol: it never collides with a method of the target). */
const RECORDER = Symbol('statementRecorder');

type View = { [RECORDER]: StatementRecorder };

/**
 * One prototype per target object, built on first use: a view per request is then one `Object.create`
 * and one field, whatever the number of methods.
 */
const prototypes = new WeakMap<object, object>();

function prototypeFor(target: object): object {
  let proto = prototypes.get(target);
  if (proto !== undefined) return proto;
  proto = {};
  const names = new Set<string>();
  // Own methods (the stores and services are object literals) and a class's, if a target is an instance.
  for (let o: object | null = target; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of Object.getOwnPropertyNames(o)) if (name !== 'constructor') names.add(name);
  }
  for (const name of names) {
    const value = (target as Record<string, unknown>)[name];
    if (typeof value !== 'function') {
      Object.defineProperty(proto, name, { get: () => (target as Record<string, unknown>)[name] });
      continue;
    }
    // The method is looked up at each call, not captured: a store method replaced later (a test's spy, a
    // wrapper) is the one a view calls.
    Object.defineProperty(proto, name, {
      value: function (this: View, ...args: unknown[]) {
        const previous = current;
        current = this[RECORDER];
        try {
          return ((target as Record<string, unknown>)[name] as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          current = previous;
        }
      },
    });
  }
  prototypes.set(target, proto);
  return proto;
}

/**
 * `target` (a store, or a service that calls a store itself) with every method call recorded in
 * `recorder`: the statements a call runs before its first `await` count for that recorder.
 */
export function recordingView<T extends object>(target: T, recorder: StatementRecorder): T {
  const view = Object.create(prototypeFor(target)) as View;
  view[RECORDER] = recorder;
  return view as unknown as T;
}
