/**
 * The `--before <git-ref>` baseline: the code of another commit, built next to this tree, so the API and
 * live benchmarks can drive both builds in alternation and report "today vs before" from one run (two runs
 * on this shared, noisy machine are not comparable; two builds measured minutes apart in turn are).
 *
 * The ref is checked out in a temporary `git worktree` under the system temp directory, with a symlink to
 * this tree's node_modules (so nothing is installed), and built there with `npm run build`. Its dist/ and
 * bin/ are what `startApi(…, root)` starts. `remove()` deletes the worktree; an interrupt does too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { onInterrupt } from './cleanup.js';

/** The last commit before this wave of work (the live-market groundwork): `--before` without a ref. */
export const DEFAULT_BEFORE_REF = '63e34b8';

export interface BeforeBuild {
  /** The ref as given, and the commit it names. */
  ref: string;
  commit: string;
  /** The commit's subject line, for the report. */
  subject: string;
  /** The built package: pass it as the `root` of startApi and seedBenchMarket. */
  root: string;
  remove(): void;
}

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: packageRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Runs a command to its end without blocking the event loop (so an interrupt is handled meanwhile). */
function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so an interrupt can end npm and the tsc it runs together.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const unregister = onInterrupt(`${command} ${args.join(' ')}`, () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    });
    child.once('close', unregister);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

export async function buildBefore(ref: string, log: (line: string) => void): Promise<BeforeBuild> {
  // Fails here, before anything is created, when the ref names no commit.
  const resolved = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: packageRoot, encoding: 'utf8' });
  if (resolved.status !== 0) throw new Error(`--before ${ref}: no commit of that name in ${packageRoot} (expected a branch, tag or commit)`);
  const commit = resolved.stdout.trim();
  const subject = git(['log', '-1', '--format=%s', commit]);
  const dir = mkdtempSync(join(tmpdir(), 'stockql-before-'));
  const root = join(dir, 'stockql');
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    // --force: the build wrote dist/ and generated files into the worktree, which git counts as changes.
    spawnSync('git', ['worktree', 'remove', '--force', root], { cwd: packageRoot });
    rmSync(dir, { recursive: true, force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: packageRoot });
  };
  const unregister = onInterrupt(`the worktree of ${ref}`, remove);
  try {
    const started = performance.now();
    git(['worktree', 'add', '--detach', '--quiet', root, commit]);
    symlinkSync(join(packageRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    log(`before: building ${ref}${commit.startsWith(ref) ? '' : ` (${commit.slice(0, 7)})`} in ${root}`);
    const build = await run('npm', ['run', 'build'], root);
    if (build.code !== 0) throw new Error(`npm run build of ${ref} failed (exit ${build.code}):\n${build.output.slice(-2000)}`);
    log(`before: built ${ref} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return {
      ref,
      commit,
      subject,
      root,
      remove: () => {
        remove();
        unregister();
      },
    };
  } catch (error) {
    remove();
    unregister();
    throw error;
  }
}
