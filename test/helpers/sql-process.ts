/**
 * Runs plain SQL against a database file from another Node process, through better-sqlite3 and nothing
 * of ours: the writer stockql knows nothing about (a script, a hand-made fix, another tool).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

const script = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 10000');
db.exec(process.argv[2]);
db.close();
`;

export function runSqlInAnotherProcess(databasePath: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, databasePath, sql], { cwd: root, timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    );
  });
}
