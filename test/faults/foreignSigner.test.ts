// A stored state comes back only under roots the store has trusted: a sealed record (written by someone
// holding the store's key, or mixed up from elsewhere) whose lists were signed by a root this store
// never trusted is reported and not put in force, and stored revocations that fail so fail closed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { StateStore } from '../../sdk/state/stateStore.js';
import type { StateInForce } from '../../sdk/state/stateInForce.js';
import type { TrustList } from '../../sdk/pg1/trustList.js';
import { buildRevocationList, revokedPrefix } from '../../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, stranger, token, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const make = (dir: string): Promise<Verifier> => createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });

/** The stranger's own trust list: it signs it, names itself as issuer CN-35 and as the next root. */
const strangerList = trustList({
  rootSecret: stranger.secretKey,
  version: 9,
  issuers: [{ pub: stranger.publicKey, iss: 'CN-35', notBefore: NOW - DAY, notAfter: NOW + DAY }],
  roots: [stranger.publicKey],
});
const revoked = token();

/** A genuine store in dir (root's trust list v1, a revocation list), then its record rewritten by `forge`. */
async function forgedStore(dir: string, forge: (state: StateInForce) => StateInForce): Promise<void> {
  const v = await make(dir);
  await v.applyTrustList(trustList({ version: 1 }));
  await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revoked.cti)] }));
  await v.close();
  const storage = new FileStorage(dir);
  const store = new StateStore(storage, storage.defaultKeyStore());
  const { anchor, record } = await store.read();
  if (!anchor || !record) throw new Error('the genuine store did not read back');
  // Only the signed bytes and their signers are written to the record: the rest is read again from them.
  const r = record.revocations;
  const genuine: StateInForce = {
    trust: { list: {} as TrustList, signed: record.trust! },
    revocations: r ? { kind: 'list', version: 0, expires: 0, base: r.base, deltas: r.deltas, prefixes: new Uint8Array(0) } : null,
    anchor,
    sources: {},
  };
  await store.exclusive(() => store.commit(forge(genuine), anchor.generation + 1));
}

/** The record's revocation state replaced by an empty list the stranger signed. */
function withStrangersRevocations(s: StateInForce): StateInForce {
  const empty = buildRevocationList({ rootSecret: stranger.secretKey, version: 5, issuedAt: NOW, expires: NOW + DAY, revoked: [] });
  return { ...s, revocations: { kind: 'list', version: 5, expires: NOW + DAY, base: { bytes: empty, signer: stranger.publicKey }, deltas: [], prefixes: new Uint8Array(0) } };
}

describe('a stored list signed by a root the store never trusted', () => {
  it('a trust list: reported and not in force (the stranger is no issuer)', async () => {
    const dir = tempDir();
    await forgedStore(dir, (s) => ({ ...s, trust: { list: {} as TrustList, signed: { bytes: strangerList, signer: stranger.publicKey } } }));
    const v = await make(dir);
    expect(v.restoreProblems).toEqual(expect.arrayContaining([{ list: 'trust', reason: expect.stringMatching(/never trusted/) }]));
    expect(v.trustList).toBeNull();
    // Root's own list is back the normal way; the stranger's tokens are still unknown.
    await v.applyTrustList(trustList({ version: 2 }));
    expect(v.verify(presentAll(token({ issuerSecret: stranger.secretKey }))).result).toBe('UNKNOWN_KID');
    expect(v.verify(presentAll(revoked)).result).toBe('TOKEN_REVOKED');
    await v.close();
  });

  it('a revocation list: reported, and the revocation state fails closed', async () => {
    const dir = tempDir();
    await forgedStore(dir, withStrangersRevocations);
    const v = await make(dir);
    expect(v.restoreProblems).toEqual(expect.arrayContaining([{ list: 'revocations', reason: expect.stringMatching(/never trusted/) }]));
    // The genuine list revoked this token; the stranger's empty list must not have replaced it.
    expect(v.verify(presentAll(revoked)).result).not.toBe('OK');
    await v.close();
  });

  it('a revocation list, and the rollback anchor lost too: still fails closed (TRUST_LIST_EXPIRED)', async () => {
    const dir = tempDir();
    await forgedStore(dir, withStrangersRevocations);
    rmSync(join(dir, 'anchor.pgs'));
    const v = await make(dir);
    expect(v.restoreProblems).toEqual(expect.arrayContaining([{ list: 'revocations', reason: expect.stringMatching(/never trusted/) }]));
    await v.applyTrustList(trustList({ version: 1 })); // without its anchor the record's trust list is not in force either
    expect([revoked, token()].map((t) => v.verify(presentAll(t)).result)).toEqual(['TRUST_LIST_EXPIRED', 'TRUST_LIST_EXPIRED']);
    await v.close();
  });
});
