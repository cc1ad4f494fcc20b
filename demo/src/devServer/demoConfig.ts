/**
 * The Vite configuration of the demo, as a function so that the e2e tests can start the same server
 * programmatically with their own state directory, host and port.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';
import { demoIssuerPlugin } from './demoIssuerPlugin.js';

const demoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = resolve(demoRoot, '..');

export const DEMO_PAGES = ['index', 'wallet', 'scanner', 'turnstile', 'console'] as const;

export interface DemoConfigOptions {
  /** Demo issuer state (keys, lists); demo/.state by default. */
  readonly stateDir?: string;
}

export function demoConfig(options: DemoConfigOptions = {}): InlineConfig {
  return {
    root: demoRoot,
    // The lists and the issuer API are served by the plugin; nothing else needs a public dir.
    publicDir: false,
    clearScreen: false,
    plugins: [demoIssuerPlugin({ stateDir: options.stateDir ?? join(demoRoot, '.state') })],
    server: {
      // The SDK is imported from its TypeScript sources one level above the demo root.
      fs: { allow: [repoRoot] },
    },
    worker: { format: 'es' },
    optimizeDeps: {
      // Pre-bundled at start-up, so that the first page load never triggers a re-optimisation reload.
      include: ['qrcode', 'zxing-wasm/reader', 'idb-keyval', 'cbor-x', '@noble/hashes/sha2.js', '@noble/ed25519'],
      entries: DEMO_PAGES.map((p) => `${p}.html`),
    },
    build: {
      target: 'es2022',
      rollupOptions: { input: Object.fromEntries(DEMO_PAGES.map((p) => [p, join(demoRoot, `${p}.html`)])) },
    },
  };
}
