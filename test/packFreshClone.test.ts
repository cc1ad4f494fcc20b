// `npm pack` from a fresh clone makes a working package: the clone has no dist/ and no build/ (both
// ignored by git), so prepack must build them. The tarball is installed in a scratch project under
// os.tmpdir(), as the README says a newcomer does; `npx passgate --version` runs and every entry point
// of package.json's exports loads (the worker scripts, which only run inside a worker, resolve to a file).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, run } from './packaging/packedPackage.js';

const scratch = mkdtempSync(join(tmpdir(), 'passgate-fresh-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The repository's files as git has them (committed, or added and not ignored): what a clone holds. */
function cloneInto(dir: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO, file), join(dir, file));
  }
  // What `npm ci` would install in the clone: the build tools (assemblyscript, typescript).
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

const ENTRY_POINTS = `
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const pkg = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('passgate/package.json')), 'utf8'));
const loaded = [];
for (const subpath of Object.keys(pkg.exports)) {
  const name = subpath === '.' ? 'passgate' : 'passgate' + subpath.slice(1);
  if (/worker$/.test(name)) statSync(fileURLToPath(import.meta.resolve(name)));
  else if (name.endsWith('.json')) statSync(fileURLToPath(import.meta.resolve(name)));
  else await import(name);
  loaded.push(name);
}
const { createVerifier } = await import('passgate');
console.log(JSON.stringify({ loaded, createVerifier: typeof createVerifier }));
`;

describe('npm pack from a fresh clone', () => {
  it('builds in prepack; the tarball installs, its bin runs and every entry point loads', { timeout: 600_000 }, () => {
    const clone = join(scratch, 'clone');
    cloneInto(clone);
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', scratch], clone).trim().split('\n').pop()!;
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(tarball).toBe(`passgate-${version}.tgz`);

    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-gate', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(scratch, tarball)], project);
    expect(run('npx', ['--no-install', 'passgate', '--version'], project).trim()).toContain(version);

    writeFileSync(join(project, 'entry-points.mjs'), ENTRY_POINTS);
    const out = JSON.parse(run(process.execPath, ['entry-points.mjs'], project)) as { loaded: string[]; createVerifier: string };
    expect(out.loaded).toEqual(['passgate', 'passgate/node', 'passgate/issuer', 'passgate/transcode', 'passgate/scanner', 'passgate/explain', 'passgate/card', 'passgate/verifier-worker', 'passgate/scanner-worker', 'passgate/package.json']);
    expect(out.createVerifier).toBe('function');
  });
});
