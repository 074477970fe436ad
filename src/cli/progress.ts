/**
 * Progress for long work: a redrawn bar on a terminal, plain lines (every 10%) when output is a file or
 * a pipe, so CI logs stay readable. Writes are synchronous because the work it reports on (a SQLite
 * transaction) holds the event loop.
 */
import { writeSync } from 'node:fs';

export interface Progress {
  update(done: number, total: number): void;
  done(summary: string): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const fd = (stream as NodeJS.WriteStream & { fd?: number }).fd ?? 2;
  const isTTY = Boolean(stream.isTTY);
  const started = Date.now();
  let lastDecile = -1;
  let lastDraw = 0;
  const write = (text: string) => writeSync(fd, text);
  return {
    update(done, total) {
      const fraction = total === 0 ? 1 : done / total;
      if (isTTY) {
        const now = Date.now();
        if (done !== total && now - lastDraw < 50) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(fraction * width);
        write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total}  ${((now - started) / 1000).toFixed(1)}s`);
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        write(`${label}: ${done}/${total} (${decile * 10}%)\n`);
      }
    },
    done(summary) {
      write(`${isTTY ? '\r\x1b[2K' : ''}${label}: ${summary}\n`);
    },
  };
}
