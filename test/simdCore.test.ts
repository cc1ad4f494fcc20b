/**
 * The core ships in two builds (docs/core.md §6): with WebAssembly SIMD, whose variable-base path
 * computes two field operations per instruction, and scalar, for runtimes without SIMD. They must give
 * the same answers: the two-way field operations equal the scalar ones limb for limb (build/simdProbe.wasm,
 * over a million random operand pairs and the edge values), and both cores give the same status for
 * random valid, invalid and non-canonical signatures, alone and in batches. (Every other crypto test
 * file also runs on the scalar build: the `scalar-core` project of vitest.config.ts.)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PassgateCrypto } from '../sdk/core/crypto.js';
import { instantiateModule } from '../sdk/core/coreInstance.js';
import { coreBuild } from '../sdk/core/embeddedCore.js';
import { wasmDeflatedBase64 } from '../sdk/core/wasmBinary.js';
import { scalarWasmDeflatedBase64 } from '../sdk/core/scalarWasmBinary.js';
import { L, NON_CANONICAL_KEYS, SMALL_ORDER_KEYS, SMALL_ORDER_POINTS, signWithTorsion, smallOrderForgery, sOf, withS } from './support/ed25519Forgery.js';
import { SEED } from './support/seed.js';

interface SimdProbe {
  memory: WebAssembly.Memory;
  SCRATCH: WebAssembly.Global;
  probeFeMul(h: number, f: number, g: number): void;
  probeFeSq(h: number, f: number): void;
  probeFeSq2(h: number, f: number): void;
  probeFe2Mul(h: number, f: number, g: number): void;
  probeFe2Sq(h: number, f: number, doubleFirst: number): void;
  probeFe2Pack(h: number, a: number, b: number): void;
  probeFe2Unpack(a: number, b: number, f: number): void;
  probeCompareRandom(seed: bigint, n: number, boundEven: bigint, boundOdd: bigint): number;
}

let probe: SimdProbe;
let simd: PassgateCrypto;
let scalar: PassgateCrypto;

async function cryptoOf(deflatedBase64: string): Promise<PassgateCrypto> {
  const module = await WebAssembly.compile(inflateRawSync(Buffer.from(deflatedBase64, 'base64')));
  return new PassgateCrypto(await instantiateModule(module));
}

beforeAll(async () => {
  const bytes = readFileSync(fileURLToPath(new URL('../build/simdProbe.wasm', import.meta.url)));
  const { instance } = await WebAssembly.instantiate(bytes, { env: { abort: () => { throw new Error('abort'); } } });
  probe = instance.exports as unknown as SimdProbe;
  simd = await cryptoOf(wasmDeflatedBase64);
  scalar = await cryptoOf(scalarWasmDeflatedBase64);
});

// The largest limbs the point formulas feed to a product (field.ts): |limb| < 1.65 * 2^26 (even), 2^25 (odd).
const BOUND_EVEN = Math.floor(1.65 * 2 ** 26);
const BOUND_ODD = Math.floor(1.65 * 2 ** 25);

/** 10 limbs of radix 2^25.5 for a non-negative integer below 2^256 (the top limb may exceed 25 bits). */
function limbsOf(n: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < 10; i++) {
    const width = i & 1 ? 25n : 26n;
    out.push(i === 9 ? Number(n) : Number(n & ((1n << width) - 1n)));
    n >>= width;
  }
  return out;
}

const P = 2n ** 255n - 19n;
const EDGE_ELEMENTS: readonly (readonly number[])[] = [
  limbsOf(0n), limbsOf(1n), limbsOf(P - 1n), limbsOf(P), limbsOf(P + 1n), limbsOf(2n ** 255n - 1n), limbsOf(19n),
  Array.from({ length: 10 }, (_, i) => (i & 1 ? BOUND_ODD : BOUND_EVEN)),
  Array.from({ length: 10 }, (_, i) => -(i & 1 ? BOUND_ODD : BOUND_EVEN)),
  Array.from({ length: 10 }, (_, i) => (i & 1 ? -BOUND_ODD : BOUND_EVEN)),
  Array.from({ length: 10 }, (_, i) => (i & 1 ? BOUND_ODD : -BOUND_EVEN)),
  Array.from({ length: 10 }, (_, i) => (i & 1 ? (1 << 25) - 1 : (1 << 26) - 1)),
];

describe('two-way field operations equal the scalar ones limb for limb', () => {
  it('on 1,000,000 random pairs of products and squares, limbs anywhere within the bounds', () => {
    expect(probe.probeCompareRandom(BigInt(SEED), 1_000_000, BigInt(BOUND_EVEN), BigInt(BOUND_ODD))).toBe(-1);
  });

  it('on 200,000 random pairs of carried elements (the common case: limbs of 26 and 25 bits)', () => {
    expect(probe.probeCompareRandom(BigInt(SEED) + 1n, 200_000, 1n << 25n, 1n << 24n)).toBe(-1);
  });

  it('on every pair of edge values (0, 1, p - 1, p, p + 1, 2^255 - 1, limbs at their bounds), in both lanes', () => {
    const base = probe.SCRATCH.value as number;
    const mem = () => new Int32Array(probe.memory.buffer);
    const [F, G, H1, H2, PF, PG, PH, U1, U2] = [base, base + 40, base + 80, base + 120, base + 160, base + 240, base + 320, base + 400, base + 440] as const;
    const put = (at: number, limbs: readonly number[]) => mem().set(limbs, at >> 2);
    const get = (at: number) => Array.from(mem().subarray(at >> 2, (at >> 2) + 10));
    for (const f of EDGE_ELEMENTS) {
      for (const g of EDGE_ELEMENTS) {
        put(F, f); put(G, g);
        probe.probeFeMul(H1, F, G); probe.probeFeMul(H2, G, F);
        probe.probeFe2Pack(PF, F, G); probe.probeFe2Pack(PG, G, F);
        probe.probeFe2Mul(PH, PF, PG); probe.probeFe2Unpack(U1, U2, PH);
        expect(get(U1), `${f} * ${g}`).toEqual(get(H1));
        expect(get(U2), `${g} * ${f}`).toEqual(get(H2));
        probe.probeFeSq2(H1, F); probe.probeFeSq(H2, G);
        probe.probeFe2Sq(PH, PF, 1); probe.probeFe2Unpack(U1, U2, PH);
        expect(get(U1), `2 (${f})^2`).toEqual(get(H1));
        expect(get(U2), `(${g})^2`).toEqual(get(H2));
      }
    }
  });
});

/** A deterministic stream of bytes from the suite's seed (mulberry32). */
function randomBytes(seed: number): (n: number) => Uint8Array {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

/** The PKCS #8 header of an Ed25519 private key (RFC 8410), followed by its 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

interface Case { readonly label: string; readonly signature: Uint8Array; readonly message: Uint8Array; readonly key: Uint8Array }

/** Random signatures, and the ways each can be wrong: message, S, R, key, S + L, non-canonical and small-order parts. */
function cases(count: number): Case[] {
  const bytes = randomBytes(SEED);
  const out: Case[] = [];
  for (let i = 0; i < count; i++) {
    const secret = bytes(32);
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, secret]), format: 'der', type: 'pkcs8' });
    const key = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
    const message = bytes(1 + (i % 97));
    const signature = new Uint8Array(sign(null, message, privateKey));
    const flipped = (b: Uint8Array, at: number) => { const c = b.slice(); c[at % c.length]! ^= 1 << (i % 8); return c; };
    const withR = (r: Uint8Array) => { const c = signature.slice(); c.set(r, 0); return c; };
    out.push(
      { label: `${i} valid`, signature, message, key },
      { label: `${i} message changed`, signature, message: flipped(message, i), key },
      { label: `${i} S changed`, signature: flipped(signature, 32 + (i % 31)), message, key },
      { label: `${i} R changed`, signature: flipped(signature, i % 32), message, key },
      { label: `${i} key changed`, signature, message, key: flipped(key, i) },
      { label: `${i} S + L`, signature: withS(signature, sOf(signature) + L), message, key },
      { label: `${i} random R`, signature: withR(bytes(32)), message, key },
      { label: `${i} random key`, signature, message, key: bytes(32) },
      { label: `${i} non-canonical R`, signature: withR(NON_CANONICAL_KEYS[i % NON_CANONICAL_KEYS.length]!.bytes), message, key },
      { label: `${i} non-canonical key`, signature, message, key: NON_CANONICAL_KEYS[i % NON_CANONICAL_KEYS.length]!.bytes },
      { label: `${i} small-order key`, signature: smallOrderForgery(BigInt(i + 1)), message, key: SMALL_ORDER_KEYS[i % SMALL_ORDER_KEYS.length]! },
      { label: `${i} torsion in R`, signature: signWithTorsion(message, secret, SMALL_ORDER_POINTS[1 + (i % 7)]!), message, key },
    );
  }
  return out;
}

describe('both builds give the same answers', () => {
  it('this process loads the SIMD build (Node has WebAssembly SIMD) unless PASSGATE_CORE=scalar', () => {
    expect(coreBuild()).toBe(process.env['PASSGATE_CORE'] === 'scalar' ? 'scalar' : 'simd');
  });

  it('on 2,400 random valid, invalid and non-canonical signatures, one at a time', () => {
    let valid = 0;
    for (const c of cases(200)) {
      const expected = scalar.ed25519VerifyStatus(c.signature, c.message, c.key);
      expect(simd.ed25519VerifyStatus(c.signature, c.message, c.key), c.label).toBe(expected);
      if (c.label.endsWith('valid') || c.label.endsWith('torsion in R')) expect(expected, c.label).toBe('VALID');
      if (expected === 'VALID') valid++;
    }
    expect(valid).toBeGreaterThanOrEqual(400);
  });

  it('in batches of 48 mixing them (the batch equation and its bisection)', () => {
    const all = cases(40);
    for (let at = 0; at < all.length; at += 48) {
      const items = all.slice(at, at + 48);
      const one = items.map((c) => simd.ed25519Verify(c.signature, c.message, c.key));
      expect(simd.verifyBatch(items)).toEqual(one);
      expect(scalar.verifyBatch(items)).toEqual(one);
    }
  });
});
