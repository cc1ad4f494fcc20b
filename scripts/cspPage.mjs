// A page as an integrator ships it: built by Vite for production (workers and WebAssembly emitted as
// files), served from a loopback server that sends a strict Content-Security-Policy with every
// response, and opened in Debian's Chromium (playwright-core; never a downloaded browser). Used by
// the scanner's browser tests and by `npm run bench:browser`.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.PASSGATE_CHROMIUM ?? '/usr/bin/chromium';
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Builds `root`/index.html and what it imports into a fresh temporary folder; returns the folder. */
export async function buildPage(root) {
  const outDir = mkdtempSync(join(tmpdir(), 'passgate-page-'));
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'error',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 2048 },
  });
  return outDir;
}

/**
 * Serves `dir` on 127.0.0.1 with the CSP header on every response. `routes` maps a path to a
 * function (request body → [status, type, body]) for what a page posts back (results).
 */
export async function servePage(dir, { csp = STRICT_CSP, routes = {} } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-store');
    const route = routes[url.pathname];
    if (route) {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const [status, type, body] = route(Buffer.concat(chunks));
        res.writeHead(status, { 'Content-Type': type }).end(body);
      });
      return;
    }
    const path = normalize(join(dir, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!path.startsWith(resolve(dir) + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * Debian's Chromium, headless. `camera`: a Y4M file the fake camera plays (Chromium opens it when a
 * page starts capturing, so it may be written until then). `exposeGc`: window.gc() for benchmarks.
 */
export async function launchChromium({ camera, exposeGc = false } = {}) {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  ];
  if (camera) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`);
  }
  if (exposeGc) args.push('--js-flags=--expose-gc');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

/** Removes a folder made by buildPage. */
export function removePage(dir) {
  rmSync(dir, { recursive: true, force: true });
}
