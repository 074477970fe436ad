/**
 * CPU pinning for the HTTP benchmarks: servers on core 0, the load generator on core 1, so they do not
 * steal each other's core. `taskset` may be missing (then nothing is pinned and the report says so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RunningServer } from './http.js';

/** Pins this process (the load generator); false when taskset is not available. */
export function pinSelf(cpus: string): boolean {
  if (!existsSync('/usr/bin/taskset')) return false;
  return spawnSync('taskset', ['-pc', cpus, String(process.pid)]).status === 0;
}

/** Pins a server's main thread (where a Node server does its request work). */
export function pin(server: RunningServer, cpu: number): void {
  if (server.child.pid) spawnSync('taskset', ['-pc', String(cpu), String(server.child.pid)]);
}

/** Pins every thread of a server (worker threads, libuv's pool, V8's helpers) to one core. */
export function pinAllThreads(server: RunningServer, cpu: number): void {
  if (server.child.pid) spawnSync('taskset', ['-a', '-pc', String(cpu), String(server.child.pid)]);
}

/**
 * Pins one process by pid (for processes this one did not start, such as the PostgreSQL backends serving
 * a server's pool); false when taskset is missing or refused.
 */
export function pinProcess(pid: number, cpu: number): boolean {
  if (!existsSync('/usr/bin/taskset')) return false;
  return spawnSync('taskset', ['-pc', String(cpu), String(pid)]).status === 0;
}
