// PG1 §7 with a filter as the base, through the SDK: the covers rule, deltas on a filter (their own set
// of added prefixes), a filter and a list replacing each other, sizes (§1), storage, restarts, workers.
import { describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { FileStorage } from '../sdk/node.js';
import { buildRevocationDelta, buildRevocationList, revokedPrefix } from '../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';
import { largeFilter, uniformFilter } from './support/trivialFilters.js';
import { tempDirs } from './support/tempDirs.js';

const tempDir = tempDirs();
const COVERS = NOW - 1000;
const envelope = { rootSecret: root.secretKey, issuedAt: NOW, expires: NOW + DAY, covers: COVERS };
const covered = token({ iat: COVERS }); // iat <= covers: the filter answers for it
const after = token({ iat: COVERS + 1 }); // iat > covers: only the deltas answer for it
const after2 = token({ iat: COVERS + 2 });
const delta = (version: number, baseVersion: number, added: ReturnType<typeof token>[], removed: ReturnType<typeof token>[] = []): Uint8Array =>
  buildRevocationDelta({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, baseVersion, added: added.map((t) => revokedPrefix(t.cti)), removed: removed.map((t) => revokedPrefix(t.cti)) });

async function make(storage: FileStorage | null = null, workers?: number): Promise<Verifier> {
  const v = await createVerifier({ roots: [root.publicKey], storage, now: () => NOW, ...(workers ? { workers } : {}) });
  if (!v.trustList) await v.applyTrustList(trustList());
  return v;
}
const results = (v: Verifier, tokens: ReturnType<typeof token>[]): string[] => tokens.map((t) => v.verify(presentAll(t)).result);

describe('a revocation filter in force', () => {
  it('answers for tokens with iat <= covers, and is not consulted for later ones', async () => {
    const v = await make();
    await v.applyRevocations(uniformFilter({ ...envelope, version: 1 }, true));
    expect(v.revocationList).toEqual({ kind: 'filter', version: 1, expires: NOW + DAY, count: 0, covers: COVERS });
    expect(results(v, [covered, after])).toEqual(['TOKEN_REVOKED', 'OK']);
    await v.applyRevocations(uniformFilter({ ...envelope, version: 2 }, false));
    expect(results(v, [covered, after])).toEqual(['OK', 'OK']);
  });

  it('deltas keep their own set: a prefix in it is revoked whatever the filter says', async () => {
    const v = await make();
    await v.applyRevocations(uniformFilter({ ...envelope, version: 1 }, false));
    await v.applyRevocations(delta(2, 1, [after, covered]));
    expect(results(v, [covered, after, after2])).toEqual(['TOKEN_REVOKED', 'TOKEN_REVOKED', 'OK']);
    expect(v.revocationList).toMatchObject({ kind: 'filter', version: 2, count: 2 });
    // Adding a prefix already in the set, or removing one not in it, is refused and changes nothing.
    await expect(v.applyRevocations(delta(3, 2, [after]))).rejects.toMatchObject({ reason: 'BAD_DELTA' });
    await expect(v.applyRevocations(delta(3, 2, [], [after2]))).rejects.toMatchObject({ reason: 'BAD_DELTA' });
    await v.applyRevocations(delta(3, 2, [], [after]));
    expect(results(v, [covered, after])).toEqual(['TOKEN_REVOKED', 'OK']);
  });

  it('a delta cannot take a token out of a filter: the next filter does', async () => {
    const v = await make();
    await v.applyRevocations(uniformFilter({ ...envelope, version: 1 }, true));
    await expect(v.applyRevocations(delta(2, 1, [], [covered]))).rejects.toMatchObject({ reason: 'BAD_DELTA' });
    expect(results(v, [covered])).toEqual(['TOKEN_REVOKED']);
  });

  it('a list and a filter replace each other, base and deltas; the counter is one', async () => {
    const v = await make();
    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(after.cti)] }));
    await v.applyRevocations(delta(2, 1, [after2]));
    await expect(v.applyRevocations(uniformFilter({ ...envelope, version: 2 }, false))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    await v.applyRevocations(uniformFilter({ ...envelope, version: 3 }, false));
    expect(results(v, [after, after2])).toEqual(['OK', 'OK']); // the list and its delta are gone
    await expect(v.applyRevocations(delta(4, 2, [after]))).rejects.toMatchObject({ reason: 'WRONG_BASE' });
    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 4, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(covered.cti)] }));
    expect(v.revocationList).toMatchObject({ kind: 'list', count: 1 });
    expect(results(v, [covered, after])).toEqual(['TOKEN_REVOKED', 'OK']);
  });

  it('a refused filter leaves the state in force, with the rule it breaks', async () => {
    const v = await make();
    await v.applyRevocations(uniformFilter({ ...envelope, version: 1 }, true));
    const covering = uniformFilter({ ...envelope, version: 2, covers: NOW + 1 }, false);
    await expect(v.applyRevocations(covering)).rejects.toMatchObject({ reason: 'MALFORMED', message: expect.stringMatching(/covers/) });
    expect(v.revocationList?.version).toBe(1);
    expect(results(v, [covered])).toEqual(['TOKEN_REVOKED']);
  });

  it('§1 sizes: a list above 16 MiB is TOO_LARGE, a filter may be up to 64 MiB', async () => {
    const v = await make();
    await v.applyRevocations(largeFilter({ ...envelope, version: 1 }, 20 * 2 ** 20));
    expect(results(v, [covered])).toEqual(['OK']);
    await expect(v.applyRevocations(new Uint8Array(64 * 2 ** 20 + 1))).rejects.toMatchObject({ reason: 'TOO_LARGE' });
    // 2^21 + 1 prefixes (ascending as generated): a signed list of just over 16 MiB.
    const prefixes = Array.from({ length: 2 ** 21 + 1 }, (_, i) => { const p = new Uint8Array(8); new DataView(p.buffer).setUint32(4, i); return p; });
    const list = buildRevocationList({ rootSecret: root.secretKey, version: 2, issuedAt: NOW, expires: NOW + DAY, revoked: prefixes, unsafe: { keepOrder: true } });
    await expect(v.applyRevocations(list)).rejects.toMatchObject({ reason: 'TOO_LARGE', message: expect.stringMatching(/for a list/) });
    expect(v.revocationList).toMatchObject({ kind: 'filter', version: 1 });
  });

  it('survives a restart from files, and pool workers answer as the calling thread', async () => {
    const dir = tempDir();
    const a = await make(new FileStorage(dir));
    await a.applyRevocations(uniformFilter({ ...envelope, version: 1 }, true));
    await a.applyRevocations(delta(2, 1, [after]));
    await a.close();
    const b = await make(new FileStorage(dir), 1);
    expect(b.restoreProblems).toEqual([]);
    expect(b.revocationList).toEqual({ kind: 'filter', version: 2, expires: NOW + DAY, count: 1, covers: COVERS });
    expect(results(b, [covered, after, after2])).toEqual(['TOKEN_REVOKED', 'TOKEN_REVOKED', 'OK']);
    const inputs = Array.from({ length: 300 }, (_, i) => presentAll([covered, after, after2][i % 3]!));
    expect((await b.verifyBatch(inputs)).map((r) => r.result)).toEqual(inputs.map((_, i) => ['TOKEN_REVOKED', 'TOKEN_REVOKED', 'OK'][i % 3]));
    await b.close();
  });
});
