// A backup of the store put back after a newer revocation state was accepted: the older revocation
// state must not come back (a pass revoked since would verify OK again). It is reported, and the
// verifier fails closed until a revocation state at least as new is applied again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const make = (dir: string): Promise<Verifier> => createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });
const revokedLater = token();
const list = (version: number, revoked: Uint8Array[]): Uint8Array =>
  buildRevocationList({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, revoked });

describe('an older revocation state put back', () => {
  it('is refused, not put in force: the pass revoked since stays refused', async () => {
    const dir = tempDir();
    const v = await make(dir);
    await v.applyTrustList(trustList({ version: 1 }));
    await v.applyRevocations(list(1, []));
    const backup = readFileSync(join(dir, 'state.pgs'));
    await v.applyRevocations(list(2, [revokedPrefix(revokedLater.cti)]));
    expect(v.verify(presentAll(revokedLater)).result).toBe('TOKEN_REVOKED');
    await v.close();
    writeFileSync(join(dir, 'state.pgs'), backup);
    const w = await make(dir);
    expect(w.restoreProblems.map((p) => p.reason).join('\n')).toMatch(/older than the highest accepted \(2\)/);
    expect(w.verify(presentAll(revokedLater)).result).not.toBe('OK');
    await expect(w.applyRevocations(list(1, []))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    await w.applyRevocations(list(3, [revokedPrefix(revokedLater.cti)]));
    expect(w.verify(presentAll(revokedLater)).result).toBe('TOKEN_REVOKED');
    await w.close();
  });
});
