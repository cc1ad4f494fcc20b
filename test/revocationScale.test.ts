// A national revocation list: 1,000,000 prefixes (8 MB) load, and lookups answer by binary search in
// the core. Prints the memory it takes (a figure for the operator, not an assertion).
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createVerifier } from '../sdk/index.js';
import { buildRevocationDelta, buildRevocationList, revokedPrefix } from '../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

describe('a 1,000,000-entry revocation list', () => {
  it('loads, answers lookups, and takes a delta', async () => {
    const listed = token();
    const notListed = token();
    const other = token();
    const prefixes = Array.from({ length: 999_999 }, () => randomBytes(8) as Uint8Array);
    prefixes.push(revokedPrefix(listed.cti));
    const before = process.memoryUsage();
    const t0 = performance.now();
    const list = buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: prefixes });
    const built = performance.now();
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await v.applyTrustList(trustList());
    await v.applyRevocations(list);
    const applied = performance.now();
    expect(v.revocationList?.count).toBe(1_000_000);
    expect(v.verify(presentAll(listed)).result).toBe('TOKEN_REVOKED');
    expect(v.verify(presentAll(notListed)).result).toBe('OK');
    await v.applyRevocations(buildRevocationDelta({ rootSecret: root.secretKey, version: 2, issuedAt: NOW, expires: NOW + DAY, baseVersion: 1, added: [revokedPrefix(other.cti)], removed: [revokedPrefix(listed.cti)] }));
    expect(v.verify(presentAll(listed)).result).toBe('OK');
    expect(v.verify(presentAll(other)).result).toBe('TOKEN_REVOKED');
    const after = process.memoryUsage();
    console.log(`1M revocations: list ${(list.length / 1e6).toFixed(1)} MB, built in ${(built - t0).toFixed(0)} ms, `
      + `verified+applied in ${(applied - built).toFixed(0)} ms; process growth: rss ${((after.rss - before.rss) / 1e6).toFixed(0)} MB, `
      + `arrayBuffers ${((after.arrayBuffers - before.arrayBuffers) / 1e6).toFixed(0)} MB`);
  }, 120_000);
});
