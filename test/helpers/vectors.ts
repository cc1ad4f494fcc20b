import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../vectors/', import.meta.url));

export function vectorText(path: string): string {
  return readFileSync(root + path, 'utf8');
}

export function vectorJson<T>(path: string): T {
  return JSON.parse(vectorText(path)) as T;
}

export function hex(s: string): Uint8Array {
  if (s.length % 2 !== 0) throw new Error(`odd hex length: ${s}`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
