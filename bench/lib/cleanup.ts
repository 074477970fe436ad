/**
 * Cleanup that must happen even when the run is interrupted: every benchmark registers what it leaves
 * behind (server processes, a throwaway PostgreSQL database, a git worktree) and unregisters it once its
 * own `finally` has cleaned up. A `finally` does not run when the process dies of SIGINT or SIGTERM, so
 * bench/run.ts calls `cleanUpOnSignals()`: on a signal, every registered task runs (newest first), then
 * the process exits with the signal's code.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Task = () => unknown;

const tasks = new Set<{ what: string; run: Task }>();

/** Registers `run` to happen on an interrupt; call the returned function once it is no longer needed. */
export function onInterrupt(what: string, run: Task): () => void {
  const task = { what, run };
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}

let installed = false;

export function cleanUpOnSignals(log: (line: string) => void): void {
  if (installed) return;
  installed = true;
  let interrupted = false;
  const handle = (signal: NodeJS.Signals, code: number) => {
    // A second Ctrl-C while cleaning up means "now": leave at once.
    if (interrupted) process.exit(code);
    interrupted = true;
    log(`${signal}: cleaning up (${tasks.size} task${tasks.size === 1 ? '' : 's'})`);
    void (async () => {
      for (const task of [...tasks].reverse()) {
        try {
          // Bounded, so a cleanup that hangs (a database that stopped answering) cannot keep the run alive.
          await Promise.race([Promise.resolve().then(task.run), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
        } catch (error) {
          log(`cleanup of ${task.what} failed: ${(error as Error).message}`);
        }
      }
      process.exit(code);
    })();
  };
  process.on('SIGINT', () => handle('SIGINT', 130));
  process.on('SIGTERM', () => handle('SIGTERM', 143));
}

/**
 * A temporary directory that an interrupt removes too (after what was registered later: the servers
 * using its files stop first). `remove()` removes it and unregisters.
 */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const rm = () => rmSync(path, { recursive: true, force: true });
  const unregister = onInterrupt(path, rm);
  return {
    path,
    remove() {
      rm();
      unregister();
    },
  };
}
