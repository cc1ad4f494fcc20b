// PG1 §6 and §7 through the SDK: each rule of trust lists and revocation lists, and that a refused
// list leaves the one in force in force.
import { describe, expect, it } from 'vitest';
import { createVerifier, ListRefusedError, type Verifier } from '../sdk/index.js';
import { buildRevocationDelta, buildRevocationList, generateKeyPair, revokedPrefix } from '../sdk/issuer/index.js';
import { DAY, NOW, issuerEntry, issuerKey, nationalEntry, presentAll, root, root2, token, trustList } from './support/issuerFixtures.js';

async function verifier(...lists: Uint8Array[]): Promise<Verifier> {
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  for (const l of lists) await v.applyTrustList(l);
  return v;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ListRefusedError) return e.reason;
    throw e;
  }
  return 'accepted';
}

const ok = presentAll(token());

describe('trust lists (§6)', () => {
  it('accepts a list signed by a provisioned root and verifies its issuers\' tokens', async () => {
    const v = await verifier(trustList());
    expect(v.verify(ok).result).toBe('OK');
    expect(v.trustList?.version).toBe(1);
  });

  it('rotates roots: the next list must be signed by a root the last list named', async () => {
    const v = await verifier(trustList({ roots: [root2.publicKey] }));
    // The provisioned root is no longer trusted...
    expect(await refusal(v.applyTrustList(trustList({ version: 2 })))).toBe('UNTRUSTED_SIGNER');
    // ...the named one is.
    await v.applyTrustList(trustList({ version: 2, rootSecret: root2.secretKey, roots: [root2.publicKey] }));
    expect(v.trustList?.version).toBe(2);
    expect(v.verify(ok).result).toBe('OK');
  });

  it('refuses rollback and replay (version not strictly higher)', async () => {
    const v = await verifier(trustList({ version: 5 }));
    expect(await refusal(v.applyTrustList(trustList({ version: 5 })))).toBe('ROLLBACK');
    expect(await refusal(v.applyTrustList(trustList({ version: 4 })))).toBe('ROLLBACK');
    expect(v.trustList?.version).toBe(5);
  });

  it('refuses a list signed by an unknown root, or with a bad signature', async () => {
    const v = await verifier();
    expect(await refusal(v.applyTrustList(trustList({ rootSecret: generateKeyPair().secretKey })))).toBe('UNTRUSTED_SIGNER');
    const bad = trustList();
    bad[bad.length - 1]! ^= 1;
    expect(await refusal(v.applyTrustList(bad))).toBe('BAD_SIGNATURE');
    expect(v.trustList).toBeNull();
  });

  it('refuses a kid that is not H(pub)[0..8], a repeated kid, and weak keys', async () => {
    const v = await verifier(trustList());
    expect(await refusal(v.applyTrustList(trustList({ version: 2, unsafe: { issuerKids: new Map([[0, new Uint8Array(8)]]) } })))).toBe('BAD_KID');
    expect(await refusal(v.applyTrustList(trustList({ version: 2, issuers: [issuerEntry(), issuerEntry()], unsafe: { allowDuplicateKids: true } })))).toBe('DUPLICATE_KID');
    const identity = new Uint8Array(32);
    identity[0] = 1; // y = 1: the neutral element, order 1
    expect(await refusal(v.applyTrustList(trustList({ version: 2, issuers: [issuerEntry({ pub: identity })], unsafe: { allowWeakKeys: true } })))).toBe('WEAK_KEY');
    const nonCanonical = new Uint8Array(32).fill(0xff);
    nonCanonical[0] = 0xed;
    nonCanonical[31] = 0x7f; // y = p
    expect(await refusal(v.applyTrustList(trustList({ version: 2, issuers: [issuerEntry({ pub: nonCanonical })], unsafe: { allowWeakKeys: true } })))).toBe('WEAK_KEY');
    // The refused lists changed nothing.
    expect(v.trustList?.version).toBe(1);
    expect(v.verify(ok).result).toBe('OK');
  });

  it('refuses malformed lists and an unsupported algorithm', async () => {
    const v = await verifier();
    expect(await refusal(v.applyTrustList(new Uint8Array([0xd2, 0x80])))).toBe('MALFORMED');
    expect(await refusal(v.applyTrustList(trustList({ alg: -7 })))).toBe('UNSUPPORTED_ALG');
    expect(await refusal(v.applyTrustList(trustList({ unsafe: { mutatePayload: (m) => { m.delete(5); return m; } } })))).toBe('MALFORMED');
  });

  it('reports TRUST_LIST_EXPIRED once now reaches expires, and SUNSET (before it) at the sunset', async () => {
    const expired = await verifier(trustList({ expires: NOW }));
    expect(expired.verify(ok).result).toBe('TRUST_LIST_EXPIRED');
    expect(expired.verify('').result).toBe('TRUST_LIST_EXPIRED'); // step 1 comes before MALFORMED
    const v = await verifier(trustList({ expires: NOW, sunset: NOW + DAY }));
    expect(v.verify(ok, { now: NOW + DAY }).result).toBe('SUNSET');
  });

  it('applies key windows: iat outside [not_before, not_after) and revoked_at', async () => {
    const v = await verifier(trustList({ issuers: [issuerEntry({ notBefore: NOW - 10, notAfter: NOW + DAY, revokedAt: NOW + 10 }), nationalEntry] }));
    expect(v.verify(presentAll(token({ iat: NOW - 11 }))).result).toBe('KEY_NOT_VALID');
    expect(v.verify(presentAll(token({ iat: NOW + DAY }))).result).toBe('KEY_NOT_VALID');
    expect(v.verify(presentAll(token({ iat: NOW + 9 }))).result).toBe('OK');
    expect(v.verify(presentAll(token({ iat: NOW + 10 }))).result).toBe('KEY_REVOKED');
  });
});

describe('revocation lists (§7)', () => {
  const t1 = token();
  const t2 = token();
  const list = (version: number, revoked: Uint8Array[], over: { expires?: number; rootSecret?: Uint8Array } = {}) =>
    buildRevocationList({ rootSecret: over.rootSecret ?? root.secretKey, version, issuedAt: NOW - 10, expires: over.expires ?? NOW + DAY, revoked });
  const delta = (version: number, baseVersion: number, added: Uint8Array[], removed: Uint8Array[]) =>
    buildRevocationDelta({ rootSecret: root.secretKey, version, issuedAt: NOW, expires: NOW + DAY, baseVersion, added, removed });

  it('revokes listed tokens and only those', async () => {
    const v = await verifier(trustList());
    await v.applyRevocations(list(1, [revokedPrefix(t1.cti)]));
    expect(v.verify(presentAll(t1)).result).toBe('TOKEN_REVOKED');
    expect(v.verify(presentAll(t2)).result).toBe('OK');
  });

  it('applies a delta on its base version, and refuses one on another base', async () => {
    const v = await verifier(trustList());
    await v.applyRevocations(list(1, [revokedPrefix(t1.cti)]));
    expect(await refusal(v.applyRevocations(delta(3, 2, [revokedPrefix(t2.cti)], [])))).toBe('WRONG_BASE');
    await v.applyRevocations(delta(2, 1, [revokedPrefix(t2.cti)], [revokedPrefix(t1.cti)]));
    expect(v.verify(presentAll(t1)).result).toBe('OK');
    expect(v.verify(presentAll(t2)).result).toBe('TOKEN_REVOKED');
    expect(v.revocationList).toMatchObject({ version: 2, count: 1 });
  });

  it('refuses a delta that adds a listed prefix or removes an unlisted one, and rollback', async () => {
    const v = await verifier(trustList());
    await v.applyRevocations(list(1, [revokedPrefix(t1.cti)]));
    expect(await refusal(v.applyRevocations(delta(2, 1, [revokedPrefix(t1.cti)], [])))).toBe('BAD_DELTA');
    expect(await refusal(v.applyRevocations(delta(2, 1, [], [revokedPrefix(t2.cti)])))).toBe('BAD_DELTA');
    expect(await refusal(v.applyRevocations(list(1, [])))).toBe('ROLLBACK');
    expect(v.verify(presentAll(t1)).result).toBe('TOKEN_REVOKED');
  });

  it('must be signed by a root trusted now, and its expiry counts at step 1', async () => {
    const v = await verifier(trustList({ roots: [root2.publicKey] }));
    expect(await refusal(v.applyRevocations(list(1, [])))).toBe('UNTRUSTED_SIGNER');
    await v.applyRevocations(list(1, [], { rootSecret: root2.secretKey, expires: NOW }));
    expect(v.verify(presentAll(t2)).result).toBe('TRUST_LIST_EXPIRED');
  });
});

describe('the issuer key of a token', () => {
  it('gives UNKNOWN_KID for a key the list does not hold', async () => {
    const v = await verifier(trustList({ issuers: [nationalEntry] }));
    expect(v.verify(presentAll(token({ issuerSecret: issuerKey.secretKey }))).result).toBe('UNKNOWN_KID');
  });
});

describe('issuer entries (§6)', () => {
  it('accept any iss text: one that no token can carry (over 32 bytes) just never matches', async () => {
    const v = await verifier(trustList({ issuers: [issuerEntry({ iss: 'X'.repeat(40) }), nationalEntry] }));
    expect(v.verify(ok).result).toBe('ISSUER_MISMATCH');
  });
});
