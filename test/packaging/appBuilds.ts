// What the packaging tests share: running an app's bundler and reading what it emitted.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Runs a command in an app folder; returns everything it printed (stdout, then stderr: the bundlers' warnings included). */
export function build(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}, input?: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${output}`);
  return output;
}

/** Every file below `dir`, as paths relative to it. */
export function filesOf(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under)).flatMap((name) => {
    const path = join(under, name);
    return statSync(join(dir, path)).isDirectory() ? filesOf(dir, path) : [path];
  });
}

/** Each emitted JavaScript file with its size after gzip (level 9), largest first. */
export function gzipSizes(dir: string): { file: string; gzip: number }[] {
  return filesOf(dir).filter((f) => f.endsWith('.js'))
    .map((file) => ({ file, gzip: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length }))
    .sort((a, b) => b.gzip - a.gzip);
}

/** The first characters of the embedded core (deflated, base64) of an installed package: found only where the core is bundled. */
export function coreMarker(appDir: string): string {
  const source = readFileSync(join(appDir, 'node_modules/passgate/dist/sdk/core/wasmBinary.js'), 'utf8');
  return /wasmDeflatedBase64 = '([^']{64})/.exec(source)![1]!;
}

/**
 * Records what goes wrong in a page: uncaught errors, console errors and responses of 400 and up
 * (but the browser's own request for /favicon.ico, which the apps do not serve).
 */
export function watchPage(page: import('playwright-core').Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`${r.status()} ${r.url()}`); });
  return problems;
}
