// Issue 11, defect 5: an update the core cannot hold (OUT_OF_MEMORY) changes nothing: not the SDK's
// state, not the core's answers, not the store (a restart finds the state that was in force).
import { describe, expect, it } from 'vitest';
import { instantiateCore } from '../../sdk/core/loadCore.js';
import { VerifierCore } from '../../sdk/core/verifierCore.js';
import { Verifier, createVerifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const CAP_PAGES = 40; // 2.5 MiB: the lists below fit; 200,000 prefixes staged beside them do not
const revoked = token();
const clean = token();
const inputs = [presentAll(revoked), presentAll(clean)];
const list = (version: number, extra: number): Uint8Array => buildRevocationList({
  rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY,
  revoked: [revokedPrefix(revoked.cti), ...Array.from({ length: extra }, (_, i) => { const p = new Uint8Array(8); new DataView(p.buffer).setUint32(0, i + 1); return p; })],
});

describe('an update the core cannot hold', () => {
  it('leaves the SDK, the core and the store as they were; a smaller update then succeeds', async () => {
    const dir = tempDir();
    const v = new Verifier(new VerifierCore(await instantiateCore(undefined, { maxMemoryPages: CAP_PAGES })), { roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });
    await v.restore();
    await v.applyTrustList(trustList());
    await v.applyRevocations(list(1, 10));
    const before = { single: inputs.map((x) => v.verify(x).result), batch: v.verifyBatchLocal(inputs).map((r) => r.result) };
    expect(before.single).toEqual(['TOKEN_REVOKED', 'OK']);
    await expect(v.applyRevocations(list(2, 200_000))).rejects.toMatchObject({ code: 'OUT_OF_MEMORY' });
    expect(v.revocationList).toMatchObject({ version: 1, count: 11 });
    expect({ single: inputs.map((x) => v.verify(x).result), batch: v.verifyBatchLocal(inputs).map((r) => r.result) }).toEqual(before);
    await v.close();
    // The store holds version 1, and version 2 was never accepted: it can still be applied where it fits.
    const restarted = await createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });
    expect(restarted.revocationList).toMatchObject({ version: 1, count: 11 });
    await restarted.applyRevocations(list(2, 200_000));
    expect(inputs.map((x) => restarted.verify(x).result)).toEqual(['TOKEN_REVOKED', 'OK']);
    await restarted.close();
  });
});
