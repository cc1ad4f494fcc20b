// The package as a user gets it: `npm pack` of the repo, once per test run, at .pack/passgate.tgz
// (where the bundler fixtures' lockfiles point; the examples get it installed in a scratch project).
// Test files run in parallel processes of one vitest run: the first to get here packs, the others wait
// for it (a folder named after the run is the lock). Apps then install it with `npm ci` from their
// committed lockfiles.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PACK = join(REPO, '.pack');
export const TARBALL = join(PACK, 'passgate.tgz');

const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });

/** Packs the repo (dist/ as built by pretest) unless this run already has; resolves with the tarball. */
export async function packedPackage(): Promise<string> {
  mkdirSync(PACK, { recursive: true });
  const runLock = join(PACK, `run-${process.ppid}`);
  const done = join(runLock, 'done');
  try {
    mkdirSync(runLock);
  } catch {
    for (let i = 0; i < 1200 && !existsSync(done); i++) await new Promise((r) => setTimeout(r, 100));
    if (!existsSync(done)) throw new Error('another test file did not finish packing within 120 s');
    return TARBALL;
  }
  for (const old of readdirSync(PACK)) if (old.startsWith('run-') && join(PACK, old) !== runLock) rmSync(join(PACK, old), { recursive: true, force: true });
  const out = mkdtempSync(join(tmpdir(), 'passgate-pack-'));
  try {
    // --ignore-scripts: pretest has built dist/ already, prepack would build it a second time
    // (test/packFreshClone.test.ts packs with prepack, as a fresh clone does).
    const name = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], REPO).trim().split('\n').pop()!;
    copyFileSync(join(out, name), TARBALL);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  writeFileSync(done, '');
  return TARBALL;
}

/**
 * `npm ci` in an app folder (examples/*, test fixtures) from its committed lockfile, which names the
 * tarball without an integrity (it changes with every build of the SDK). Once per run and folder.
 */
export function installApp(dir: string): void {
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir);
}

export { run };
