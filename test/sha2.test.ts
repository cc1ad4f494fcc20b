// FIPS 180-4 SHA-256 and SHA-512 against every NIST CAVP byte-oriented vector (short, long, Monte Carlo):
// the core's (one-shot, and streamed by the verifier's core for list digests and kids), and the SDK's
// SHA-256 in JavaScript (for the issuer toolkit, the command line and explain, where no core is at hand).
import { describe, expect, it, beforeAll } from 'vitest';
import { loadCrypto, type PassgateCrypto } from '../sdk/core/crypto.js';
import { instantiateCore, type CoreExports } from '../sdk/core/loadCore.js';
import { VerifierCore } from '../sdk/core/verifierCore.js';
import { hex, toHex, vectorText } from './helpers/vectors.js';
import { sha256 as jsSha256 } from '../sdk/sha256.js';

interface Msg { len: number; msg: Uint8Array; md: string }

function parseMsgFile(name: string): Msg[] {
  const out: Msg[] = [];
  let len = -1;
  let msg = '';
  for (const line of vectorText(`nist-shs/${name}`).split(/\r?\n/)) {
    const m = /^(Len|Msg|MD) = (\w+)$/.exec(line.trim());
    if (!m) continue;
    if (m[1] === 'Len') len = Number(m[2]);
    else if (m[1] === 'Msg') msg = m[2]!;
    else out.push({ len, msg: len === 0 ? new Uint8Array(0) : hex(msg), md: m[2]! });
  }
  return out;
}

function parseMonte(name: string): { seed: Uint8Array; checkpoints: string[] } {
  const text = vectorText(`nist-shs/${name}`);
  const seed = hex(/Seed = (\w+)/.exec(text)![1]!);
  const checkpoints = [...text.matchAll(/MD = (\w+)/g)].map((m) => m[1]!);
  return { seed, checkpoints };
}

let crypto: PassgateCrypto;
let verifierCore: VerifierCore;
beforeAll(async () => {
  crypto = await loadCrypto();
  verifierCore = new VerifierCore(await instantiateCore());
});

for (const [alg, size, where] of [['SHA256', 32, 'core'], ['SHA512', 64, 'core'], ['SHA256', 32, 'verifier core'], ['SHA256', 32, 'JavaScript']] as const) {
  const hash = (b: Uint8Array): Uint8Array => (where === 'JavaScript' ? jsSha256(b) : where === 'verifier core' ? verifierCore.sha256(b) : alg === 'SHA256' ? crypto.sha256(b) : crypto.sha512(b));
  describe(`${alg} (${where})`, () => {
    for (const file of ['ShortMsg', 'LongMsg'] as const) {
      it(`matches every ${alg}${file} vector`, () => {
        const vectors = parseMsgFile(`${alg}${file}.rsp`);
        expect(vectors.length).toBeGreaterThan(60);
        for (const v of vectors) expect(toHex(hash(v.msg)), `Len = ${v.len}`).toBe(v.md);
      });
    }
    it(`passes the ${alg} Monte Carlo test (100 checkpoints x 1000 iterations)`, () => {
      const { seed, checkpoints } = parseMonte(`${alg}Monte.rsp`);
      expect(checkpoints).toHaveLength(100);
      let md = seed;
      for (const expected of checkpoints) {
        let [a, b, c] = [md, md, md];
        for (let i = 3; i < 1003; i++) {
          const buf = new Uint8Array(3 * size);
          buf.set(a, 0); buf.set(b, size); buf.set(c, 2 * size);
          [a, b, c] = [b, c, hash(buf)];
        }
        md = c;
        expect(toHex(md)).toBe(expected);
      }
    });
  });
}

describe('streaming hash contexts', () => {
  let core: CoreExports;
  beforeAll(async () => {
    core = await instantiateCore();
  });
  it('give the one-shot digest for any split of the input', () => {
    const data = new Uint8Array(1000).map((_, i) => (i * 7 + 3) & 0xff);
    const io = core.ioBuffer();
    const mem = () => new Uint8Array(core.memory.buffer);
    mem().set(data, io);
    for (const split of [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 999, 1000]) {
      core.sha256Init();
      core.sha256Update(io, split);
      core.sha256Update(io + split, data.length - split);
      core.sha256Final(io + 2048);
      core.sha512Init();
      core.sha512Update(io, split);
      core.sha512Update(io + split, data.length - split);
      core.sha512Final(io + 4096);
      expect(toHex(mem().slice(io + 2048, io + 2080))).toBe(toHex(crypto.sha256(data)));
      expect(toHex(mem().slice(io + 4096, io + 4160))).toBe(toHex(crypto.sha512(data)));
    }
  });
  it('hashes inputs larger than the I/O area through the scratch region', async () => {
    const { createHash } = await import('node:crypto');
    const big = new Uint8Array(200_000).map((_, i) => (i * 31) & 0xff);
    expect(toHex(crypto.sha256(big))).toBe(createHash('sha256').update(big).digest('hex'));
    expect(toHex(crypto.sha512(big))).toBe(createHash('sha512').update(big).digest('hex'));
  });
  it("the verifier's SHA-256 passes larger inputs through the I/O area piece by piece: memory does not grow", async () => {
    const { createHash } = await import('node:crypto');
    const exports = await instantiateCore();
    const core = new VerifierCore(exports);
    const bytesBefore = exports.memory.buffer.byteLength;
    const big = new Uint8Array(3 * 1024 * 1024 + 1000).map((_, i) => (i * 31) & 0xff);
    for (const length of [65_535, 65_536, 65_537, big.length]) {
      expect(toHex(core.sha256(big.subarray(0, length))), `${length} bytes`).toBe(createHash('sha256').update(big.subarray(0, length)).digest('hex'));
    }
    expect(exports.memory.buffer.byteLength).toBe(bytesBefore);
  });
});
