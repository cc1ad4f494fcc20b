/**
 * Verification multiplies its equation by c1 where c0 = c1 k (mod L) with c0 < 2^126 and |c1| < 2^127
 * (assembly/crypto/scalarHalving.ts: the half extended Euclidean algorithm, with quotients taken up to 32 bits
 * at a time). The core's c0 and c1 must be those of the exact algorithm, for random k and for the k that
 * give huge quotients (a short k, powers of two), and every k must terminate.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED } from './support/seed.js';

interface HalvingProbe {
  memory: WebAssembly.Memory;
  SCRATCH: WebAssembly.Global;
  probeHalveScalar(c0: number, c1: number, k: number): number;
}

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
let probe: HalvingProbe;

beforeAll(async () => {
  const bytes = readFileSync(fileURLToPath(new URL('../build/simdProbe.wasm', import.meta.url)));
  const { instance } = await WebAssembly.instantiate(bytes, { env: { abort: () => { throw new Error('abort'); } } });
  probe = instance.exports as unknown as HalvingProbe;
});

const fromLe = (b: Uint8Array): bigint => b.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);
const toLe = (n: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 255n));

/** The exact half extended Euclidean algorithm: r_i = t_i k (mod L), stop at the first r below 2^126. */
function reference(k: bigint): { c0: bigint; c1: bigint } {
  let [r0, r1, t0, t1] = [L, k, 0n, 1n];
  while (r1 >= 2n ** 126n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return { c0: r1, c1: t1 };
}

function halve(k: bigint): { c0: bigint; c1: bigint } {
  const base = probe.SCRATCH.value as number;
  new Uint8Array(probe.memory.buffer).set(toLe(k), base);
  const negative = probe.probeHalveScalar(base + 32, base + 64, base) !== 0;
  const mem = new Uint8Array(probe.memory.buffer);
  const c1 = fromLe(mem.slice(base + 64, base + 96));
  return { c0: fromLe(mem.slice(base + 32, base + 64)), c1: negative ? -c1 : c1 };
}

/** A deterministic stream of 253-bit numbers from the suite's seed (xorshift on BigInt). */
function randomScalars(count: number): bigint[] {
  let x = BigInt(SEED) | 1n;
  const next = () => { x ^= (x << 13n) & (2n ** 64n - 1n); x ^= x >> 7n; x ^= (x << 17n) & (2n ** 64n - 1n); return x; };
  return Array.from({ length: count }, () => ((next() << 192n) | (next() << 128n) | (next() << 64n) | next()) % L);
}

describe('scalar halving (c0 = c1 k mod L, both about 127 bits)', () => {
  it('equals the exact algorithm for 5,000 random k, and c0 = c1 k (mod L)', () => {
    for (const k of randomScalars(5000)) {
      const got = halve(k);
      expect(got, `k = ${k}`).toEqual(reference(k));
      expect((((got.c1 * k - got.c0) % L) + L) % L).toBe(0n);
    }
  });

  it('equals it for the k that make quotients of many bits (short k, powers of two, k near L)', () => {
    const special = [1n, 2n, 3n, 2n ** 126n, 2n ** 126n + 1n, 2n ** 127n, 2n ** 127n - 1n, 2n ** 160n + 7n, 2n ** 200n, 2n ** 251n + 3n, 2n ** 252n, L - 1n, L - 2n ** 127n, (L - 1n) / 2n, (L + 1n) / 3n];
    const short = randomScalars(2000).map((k, i) => (k >> BigInt(i % 126)) | 1n);
    for (const k of [...special, ...short]) expect(halve(k), `k = ${k}`).toEqual(reference(k));
  });
});
