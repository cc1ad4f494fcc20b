// Rewrites the lockfiles of the apps that install the packed package (examples/*, the bundler
// fixture): packs the repo to .pack/passgate.tgz, runs `npm install` in each app, and drops the
// tarball's integrity from the lock (it changes with every build; the registry packages keep theirs).
// Run after changing an app's dependencies or the SDK's: `npm run build && node scripts/lockApps.mjs`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APPS = ['examples/vite-app', 'examples/node-gate', 'test/bundlers/app'];

const out = mkdtempSync(join(tmpdir(), 'passgate-pack-'));
const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { encoding: 'utf8' }).trim().split('\n').pop();
mkdirSync('.pack', { recursive: true });
copyFileSync(join(out, name), '.pack/passgate.tgz');
rmSync(out, { recursive: true, force: true });

for (const app of process.argv.slice(2).length > 0 ? process.argv.slice(2) : APPS) {
  rmSync(join(app, 'package-lock.json'), { force: true });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });
  const lockPath = join(app, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  delete lock.packages['node_modules/passgate'].integrity;
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`${lockPath}: ${Object.keys(lock.packages).length - 1} packages`);
}
