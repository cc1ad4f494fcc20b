// Issue 17, defect 1: a state record without its anchor (deleted, or unreadable) is not put in force:
// an older state put back with the anchor deleted must not roll the gate back silently. What no check
// on the medium can catch (state and anchor both replaced by an older copy) a version floor kept
// outside the store does (VerifierOptions.versionFloor).
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVerifier, type Verifier, type VersionFloors, type VersionFloorStore } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const P = token();
const revocations = (version: number, revoked: Uint8Array[] = []): Uint8Array =>
  buildRevocationList({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, revoked: revoked.map((cti) => revokedPrefix(cti)) });

/** A floor in memory, standing for a platform keystore or a monotonic counter. */
class CounterFloor implements VersionFloorStore {
  readonly kind = 'test-counter';
  floors: VersionFloors | undefined;
  async read(): Promise<VersionFloors | undefined> {
    return this.floors;
  }
  async write(floors: VersionFloors): Promise<void> {
    this.floors = floors;
  }
}

const make = (dir: string, versionFloor?: VersionFloorStore): Promise<Verifier> =>
  createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW, ...(versionFloor ? { versionFloor } : {}) });

/** The attack: v1 stored and copied, v2 (revoking P) applied; returns the copies of v1's records. */
async function revokedAfterCopy(dir: string, floor?: VersionFloorStore): Promise<{ state: Buffer; anchor: Buffer }> {
  const v = await make(dir, floor);
  await v.applyTrustList(trustList({ version: 1 }));
  await v.applyRevocations(revocations(1));
  const copy = { state: readFileSync(join(dir, 'state.pgs')), anchor: readFileSync(join(dir, 'anchor.pgs')) };
  await v.applyRevocations(revocations(2, [P.cti]));
  expect(v.verify(presentAll(P)).result).toBe('TOKEN_REVOKED');
  await v.close();
  return copy;
}

describe('a state record without its anchor fails closed', () => {
  it('the old state put back with the anchor deleted: nothing in force, reported, until lists as new come again', async () => {
    const dir = tempDir();
    const old = await revokedAfterCopy(dir);
    rmSync(join(dir, 'anchor.pgs'));
    writeFileSync(join(dir, 'state.pgs'), old.state);
    const v = await make(dir);
    expect(v.trustList).toBeNull();
    expect(v.revocationList).toBeNull();
    expect(v.restoreProblems).toContainEqual({ list: 'store', reason: expect.stringMatching(/no readable rollback anchor.*trust list version 1, revocation version 1/) });
    expect(() => v.verify(presentAll(P))).toThrow(expect.objectContaining({ code: 'NO_TRUST_LIST' }));
    // A sync brings the lists in force again; nothing below what the record claims is taken.
    await v.applyTrustList(trustList({ version: 1 }));
    expect(v.verify(presentAll(P)).result).toBe('TRUST_LIST_EXPIRED'); // revocations not in force: fail closed
    await expect(v.applyRevocations(revocations(0))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    await v.applyRevocations(revocations(2, [P.cti]));
    expect(v.verify(presentAll(P)).result).toBe('TOKEN_REVOKED');
    await v.close();
  });

  it('the old state put back beside a garbage anchor: the same, never the rollback', async () => {
    const dir = tempDir();
    const old = await revokedAfterCopy(dir);
    writeFileSync(join(dir, 'anchor.pgs'), Buffer.alloc(100, 7));
    writeFileSync(join(dir, 'state.pgs'), old.state);
    const v = await make(dir);
    expect(v.trustList).toBeNull();
    expect(v.restoreProblems.map((p) => p.reason).join('\n')).toMatch(/rollback anchor unreadable[^]*no readable rollback anchor/);
    expect(() => v.verify(presentAll(P))).toThrow(expect.objectContaining({ code: 'NO_TRUST_LIST' }));
    await v.close();
  });

  it('without a version floor, state and anchor both put back are restored as they were: the case no local check can catch', async () => {
    const dir = tempDir();
    const old = await revokedAfterCopy(dir);
    writeFileSync(join(dir, 'state.pgs'), old.state);
    writeFileSync(join(dir, 'anchor.pgs'), old.anchor);
    const v = await make(dir);
    expect(v.restoreProblems).toEqual([]);
    expect(v.verify(presentAll(P)).result).toBe('OK'); // until revocations v1 expire (a day here)
    await v.close();
  });

  it('a version floor kept outside the store refuses state and anchor both put back, and any list below it', async () => {
    const dir = tempDir();
    const floor = new CounterFloor();
    const old = await revokedAfterCopy(dir, floor);
    expect(floor.floors).toEqual({ trust: 1, revocations: 2 });
    writeFileSync(join(dir, 'state.pgs'), old.state);
    writeFileSync(join(dir, 'anchor.pgs'), old.anchor);
    const v = await make(dir, floor);
    expect(v.revocationList).toBeNull();
    expect(v.restoreProblems).toContainEqual({ list: 'revocations', reason: expect.stringMatching(/older than the highest accepted \(2\)/) });
    expect(v.verify(presentAll(P)).result).toBe('TRUST_LIST_EXPIRED');
    await expect(v.applyRevocations(revocations(1))).rejects.toMatchObject({ reason: 'ROLLBACK' });
    await v.applyRevocations(revocations(3, [P.cti]));
    expect(v.verify(presentAll(P)).result).toBe('TOKEN_REVOKED');
    expect(floor.floors).toEqual({ trust: 1, revocations: 3 });
    await v.close();
  });

  it('a version floor that is not one is a BAD_ARGUMENT', async () => {
    await expect(createVerifier({ roots: [root.publicKey], versionFloor: {} as VersionFloorStore })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
