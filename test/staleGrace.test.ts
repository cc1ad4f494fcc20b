// The opt-in stale grace: a fleet whose uplink fails does not stop all at once when a list expires.
// Default 0 is exactly PG1 (§5 step 1, TRUST_LIST_EXPIRED from `expires` on).
import { describe, expect, it } from 'vitest';
import { createVerifier, type StaleInfo } from '../sdk/index.js';
import { buildRevocationList, revokedPrefix } from '../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const EXPIRES = NOW + DAY;
const pass = presentAll(token({ exp: NOW + 5 * DAY }));
const revoked = token({ exp: NOW + 5 * DAY });

async function verifier(staleGrace?: number) {
  const told: StaleInfo[] = [];
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, ...(staleGrace === undefined ? {} : { staleGrace }), onStale: (i) => told.push(i) });
  await v.applyTrustList(trustList({ expires: EXPIRES }));
  return { v, told };
}

describe('staleGrace', () => {
  it('is 0 by default: PG1 exactly, TRUST_LIST_EXPIRED from expires on, and nothing marked stale', async () => {
    const { v, told } = await verifier();
    expect(v.verify(pass, { now: EXPIRES - 1 })).not.toHaveProperty('stale');
    expect(v.verify(pass, { now: EXPIRES - 1 }).result).toBe('OK');
    expect(v.verify(pass, { now: EXPIRES }).result).toBe('TRUST_LIST_EXPIRED');
    expect(told).toEqual([]);
  });

  it('within the grace: the checks of a current list, results marked stale, the app told once', async () => {
    const { v, told } = await verifier(3600);
    expect(v.verify(pass, { now: EXPIRES - 1 })).toEqual(expect.not.objectContaining({ stale: true }));
    const r = v.verify(pass, { now: EXPIRES });
    expect(r).toMatchObject({ result: 'OK', stale: true });
    expect(v.verify(presentAll(token({ exp: NOW + 1 })), { now: EXPIRES + 10 })).toMatchObject({ result: 'EXPIRED', stale: true });
    expect(v.verifyBatchLocal([pass, pass], { now: EXPIRES + 20 }).map((x) => [x.result, x.stale])).toEqual([['OK', true], ['OK', true]]);
    expect(told).toEqual([{ list: 'trust', expires: EXPIRES, now: EXPIRES }]);
    // Past the grace: PG1's answer.
    expect(v.verify(pass, { now: EXPIRES + 3599 }).result).toBe('OK');
    const past = v.verify(pass, { now: EXPIRES + 3600 });
    expect(past.result).toBe('TRUST_LIST_EXPIRED');
    expect(past).not.toHaveProperty('stale');
  });

  it('covers the revocation state too, and a revoked pass stays revoked within the grace', async () => {
    const { v, told } = await verifier(3600);
    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + 100, revoked: [revokedPrefix(revoked.cti)] }));
    expect(v.verify(presentAll(revoked), { now: NOW + 200 })).toMatchObject({ result: 'TOKEN_REVOKED', stale: true });
    expect(v.verify(pass, { now: NOW + 200 })).toMatchObject({ result: 'OK', stale: true });
    expect(told).toEqual([{ list: 'revocations', expires: NOW + 100, now: NOW + 200 }]);
    expect(v.verify(pass, { now: NOW + 100 + 3600 }).result).toBe('TRUST_LIST_EXPIRED');
  });
});
