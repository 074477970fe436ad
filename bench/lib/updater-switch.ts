/**
 * Pauses and resumes the live servers of the live benchmark, and keeps how long each ran. A live server's
 * updater keeps committing on the servers' core while another server is measured there, so it is paused
 * (SIGSTOP) then; and since it commits only while it runs, its commits are counted per second of running.
 */
import { pause, resume, type RunningServer } from './http.js';

export function updaterSwitch(servers: RunningServer[]) {
  const since = new Map<RunningServer, number | null>(servers.map((s) => [s, performance.now()]));
  const ranMs = new Map<RunningServer, number>(servers.map((s) => [s, 0]));
  const set = (server: RunningServer, running: boolean) => {
    const from = since.get(server)!;
    if (running && from === null) {
      resume(server);
      since.set(server, performance.now());
    } else if (!running && from !== null) {
      pause(server);
      ranMs.set(server, ranMs.get(server)! + performance.now() - from);
      since.set(server, null);
    }
  };
  return {
    /** Only `server` runs (all of them when none is given). */
    only(server?: RunningServer) {
      for (const s of servers) set(s, server === undefined || s === server);
    },
    runningSeconds(server: RunningServer) {
      const from = since.get(server)!;
      return (ranMs.get(server)! + (from === null ? 0 : performance.now() - from)) / 1000;
    },
  };
}
