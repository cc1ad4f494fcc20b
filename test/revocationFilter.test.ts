// PG1 §7.3 revocation filters in the core: the lookup's 64-bit intermediates against the published
// vectors (through the test-only probe build), whole filters through the real VerifierCore, and step
// 8 on real presentations, single and batched, including the coverage rule (iat > covers).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import { instantiateCore } from '../sdk/core/loadCore.js';
import { VerifierCore, type CoreRevocationState } from '../sdk/core/verifierCore.js';
import { Verifier } from '../sdk/verifier/verifier.js';
import { parseRevocationFilter, type RevocationFilter } from '../sdk/pg1/revocationFilter.js';
import { revokedPrefix } from '../sdk/issuer/index.js';
import { hex } from './helpers/vectors.js';
import { filterPayload, filterVectors, shardValue } from './support/filterVectors.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

interface Probes {
  probeMix(key: bigint, seed: bigint): bigint;
  probePositions(h: bigint, L: number, S: number): void;
  probePosition(i: number): bigint;
  probeFingerprint(h: bigint, r: number): bigint;
  probeMulHigh(h: bigint, m: bigint): bigint;
}

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const i64 = (v: string | bigint): bigint => BigInt.asIntN(64, BigInt(v));

let probes: Probes;
beforeAll(async () => {
  const bytes = readFileSync(fileURLToPath(new URL('../build/probes.wasm', import.meta.url)));
  const { instance } = await WebAssembly.instantiate(bytes, { env: { abort: () => { throw new Error('abort'); } } });
  probes = instance.exports as unknown as Probes;
});

describe('the §7.3 lookup, step by step (probe build)', () => {
  it.each(filterVectors.steps.map((s) => [`key ${s.key} seed ${s.seed} L ${s.L} S ${s.S}`, s] as const))('%s', (_, s) => {
    const h = u64(probes.probeMix(i64(s.key), i64(s.seed)));
    expect(h.toString()).toBe(s['mix(key+seed)']);
    probes.probePositions(i64(h), s.L, s.S);
    expect([0, 1, 2].map((i) => Number(u64(probes.probePosition(i))))).toEqual([s.p0, s.p1, s.p2]);
    expect(Number(u64(probes.probeFingerprint(i64(h), 8)))).toBe(s.fingerprint_r8);
    expect(Number(u64(probes.probeFingerprint(i64(h), 32)))).toBe(s.fingerprint_r32);
  });

  it('p0 is the high half of the 128-bit product h * (S * L), carries included', () => {
    // The vectors' S * L are small, so a carry out of the low halves is rare there: checked here
    // against exact BigInt arithmetic on values where it matters.
    const cases: [bigint, bigint][] = [[2n ** 64n - 1n, 2n ** 32n - 1n], [2n ** 64n - 1n, 1n], [0xffffffff_00000000n, 0xffffffffn],
      [0x00000000_ffffffffn, 0xffffffffn], [0x80000000_80000000n, 0x80000001n]];
    for (const [h, m] of cases) expect(u64(probes.probeMulHigh(i64(h), i64(m)))).toBe((h * m) >> 64n);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 1n, max: 2n ** 32n - 1n }),
      (h, m) => u64(probes.probeMulHigh(i64(h), i64(m))) === (h * m) >> 64n), { numRuns: 2000 });
  });

  it('covers the edges the vectors promise: a wrapping key + seed, L = 1, L = 2^18, S = 2^20', () => {
    const steps = filterVectors.steps;
    expect(steps.some((s) => BigInt(s.key) + BigInt(s.seed) >= 2n ** 64n)).toBe(true);
    expect(steps.map((s) => s.L)).toEqual(expect.arrayContaining([1, 2 ** 18]));
    expect(steps.map((s) => s.S)).toContain(2 ** 20);
  });
});

const COVERS = NOW - 1800;            // fixtures issue tokens at NOW - 3600
const filterOf = (i: number, covers = COVERS): RevocationFilter =>
  parseRevocationFilter(filterPayload(filterVectors.filters[i]!.shards.map(shardValue), { issuedAt: NOW - 60, expires: NOW + DAY, covers }));
const stateOf = (f: RevocationFilter, prefixes: Uint8Array = new Uint8Array(0)): CoreRevocationState =>
  ({ expires: f.expires, prefixes, filter: { covers: f.covers, shards: f.shards } });

describe('whole filters in the core', () => {
  let core: VerifierCore;
  beforeAll(async () => { core = new VerifierCore(await instantiateCore()); });

  it.each(filterVectors.filters.map((f, i) => [i, f.shards.length, f.shards[0]![1], f.members.length] as const))(
    'filter %i (%i shards, r = %i): each of its %i members gets its answer', (i) => {
      const f = filterOf(i);
      core.loadRevocations(stateOf(f));
      for (const m of filterVectors.filters[i]!.members) {
        const prefix = sha256(hex(m.cti)).slice(0, 8);
        expect(new DataView(prefix.buffer).getBigUint64(0).toString()).toBe(m.key);
        expect(core.isRevoked(prefix, COVERS)).toBe(m.revoked);
        // Coverage: a token issued after `covers` is answered by the deltas alone.
        expect(core.isRevoked(prefix, COVERS + 1)).toBe(false);
      }
    });

  it('the vectors exercise r = 0 (no stage 1), several shards, and both answers', () => {
    expect(filterVectors.filters.map((f) => Number(f.shards[0]![1]))).toContain(0);
    expect(filterVectors.filters.map((f) => f.shards.length)).toEqual(expect.arrayContaining([1, 2, 4]));
    for (const f of filterVectors.filters) expect(new Set(f.members.map((m) => m.revoked))).toEqual(new Set([true, false]));
  });

  it('answers for the deltas\' added set whatever the filter says, and for any iat', () => {
    const members = filterVectors.filters[1]!.members;
    const spared = members.filter((m) => !m.revoked).map((m) => sha256(hex(m.cti)).slice(0, 8));
    const added = spared.slice(0, 3).sort((a, b) => Buffer.compare(a, b));
    const joined = new Uint8Array(24);
    added.forEach((p, k) => joined.set(p, 8 * k));
    core.loadRevocations(stateOf(filterOf(1), joined));
    for (const p of spared) expect(core.isRevoked(p, COVERS + 1)).toBe(added.some((a) => Buffer.compare(a, p) === 0));
  });
});

describe('step 8 with a filter, single and batched', () => {
  let v: Verifier;
  let core: VerifierCore;
  beforeAll(async () => {
    core = new VerifierCore(await instantiateCore());
    v = new Verifier(core, { roots: [root.publicKey], storage: null, now: () => NOW });
    await v.applyTrustList(trustList());
  });

  it('revoked members with iat <= covers are TOKEN_REVOKED, others OK; after covers only the table answers', () => {
    for (const [i, f] of filterVectors.filters.entries()) {
      const late = f.members.find((m) => m.revoked)!;
      const lateToken = token({ cti: hex(late.cti), iat: COVERS + 1 });
      const added = revokedPrefix(lateToken.cti);
      // The deltas' added set names one late token: revoked though the filter does not cover it.
      const other = f.members.filter((m) => m.revoked)[1]!;
      core.loadRevocations(stateOf(filterOf(i), added));
      const inputs = [
        ...f.members.map((m) => presentAll(token({ cti: hex(m.cti) }))),
        ...f.members.map((m) => presentAll(token({ cti: hex(m.cti), iat: COVERS + 1 }))),
        presentAll(lateToken),
        presentAll(token({ cti: hex(other.cti), iat: COVERS })),
      ];
      const expected = [
        ...f.members.map((m) => (m.revoked ? 'TOKEN_REVOKED' : 'OK')),
        ...f.members.map((m) => (m.cti === late.cti ? 'TOKEN_REVOKED' : 'OK')),
        'TOKEN_REVOKED',
        'TOKEN_REVOKED',
      ];
      const single = inputs.map((x) => v.verify(x).result);
      expect(single).toEqual(expected);
      expect(v.verifyBatchLocal(inputs).map((r) => r.result)).toEqual(expected);
    }
  });

  it('a state without a filter answers from its prefixes alone, and null drops the state', () => {
    const m = filterVectors.filters[0]!.members.find((x) => x.revoked)!;
    const t = token({ cti: hex(m.cti) });
    core.loadRevocations({ expires: NOW + DAY, prefixes: new Uint8Array(0) });
    expect(v.verify(presentAll(t)).result).toBe('OK');
    core.loadRevocations({ expires: NOW + DAY, prefixes: revokedPrefix(t.cti) });
    expect(v.verify(presentAll(t)).result).toBe('TOKEN_REVOKED');
    core.loadRevocations(null);
    expect(v.verify(presentAll(t)).result).toBe('OK');
  });

  it('the filter state expires like a list (§5 step 1)', () => {
    const f = filterOf(0);
    core.loadRevocations({ ...stateOf(f), expires: NOW });
    expect(v.verify(presentAll(token())).result).toBe('TRUST_LIST_EXPIRED');
    core.loadRevocations(stateOf(f));
    expect(v.verify(presentAll(token())).result).toBe('OK');
  });
});
