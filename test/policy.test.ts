// PG1 §8 through the SDK: the default policy table, a trust list's own policy, every policy code in
// its order, and requiredDisclosures (what a wallet reveals at a venue).
import { describe, expect, it } from 'vitest';
import { createVerifier, DEFAULT_POLICY, PassgateError, type Verifier } from '../sdk/index.js';
import { present } from '../sdk/issuer/index.js';
import { DAY, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const HOUR = 3600;

async function verifier(list = trustList()): Promise<Verifier> {
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await v.applyTrustList(list);
  return v;
}

const withClaims = (claims: Record<string, unknown>, reveal?: string[]) => {
  const t = token({ claims: claims as never });
  return present({ token: t.token, disclosures: t.disclosures, reveal: (reveal ?? Object.keys(claims)) as never });
};

describe('default policy (§8)', () => {
  it('admits green everywhere, yellow only to general, taxi and transit, red nowhere', async () => {
    const v = await verifier();
    for (const venue of Object.keys(DEFAULT_POLICY)) {
      const yellowAllowed = ['general', 'taxi', 'transit'].includes(venue);
      expect(v.verify(withClaims({ status: 0 }), { venue }).result, venue).toBe('OK');
      expect(v.verify(withClaims({ status: 1 }), { venue }).result, venue).toBe(yellowAllowed ? 'OK' : 'STATUS_NOT_ALLOWED');
      expect(v.verify(withClaims({ status: 2 }), { venue }).result, venue).toBe('STATUS_NOT_ALLOWED');
    }
  });

  it('requires status to be disclosed, and reports the claims with a policy code', async () => {
    const v = await verifier();
    const r = v.verify(withClaims({ status: 0, fever: false }, ['fever']), { venue: 'school' });
    expect(r).toMatchObject({ result: 'CLAIM_REQUIRED', iss: 'CN-35', claims: { fever: false } });
  });

  it('throws a usage error for a venue category the policy does not name', async () => {
    const v = await verifier();
    expect(() => v.verify(withClaims({ status: 0 }), { venue: 'moon_base' })).toThrow(PassgateError);
  });
});

describe("a trust list's policy replaces the default", () => {
  const policy = {
    hospital: { allow: [0], natMaxAge: 48 * HOUR, minDoses: 2, denyAbroad14: true, denyRisk14: true, require: [8, 99] },
  };

  it('knows only its own categories', async () => {
    const v = await verifier(trustList({ policy }));
    expect(() => v.verify(withClaims({ status: 0 }), { venue: 'school' })).toThrow(/not named/);
  });

  it('gives every policy code, in the order of §8', async () => {
    const v = await verifier(trustList({ policy }));
    const full = { status: 0, nat: [NOW - HOUR, 0], vax: [2, NOW - 100 * DAY], abroad14: false, risk14: false, id4: '123X', 99: 'x' };
    const at = (claims: Record<string, unknown>, reveal?: string[]) => v.verify(withClaims(claims, reveal), { venue: 'hospital' }).result;
    expect(at(full)).toBe('OK');
    // CLAIM_REQUIRED comes first, for any claim the rule looks at (even when status is not allowed).
    expect(at({ ...full, status: 1 }, ['status', 'vax', 'abroad14', 'risk14', 'id4', '99'])).toBe('CLAIM_REQUIRED');
    expect(at(full, ['status', 'nat', 'vax', 'abroad14', 'risk14', 'id4'])).toBe('CLAIM_REQUIRED'); // require: 99
    expect(at({ ...full, status: 1 })).toBe('STATUS_NOT_ALLOWED');
    expect(at({ ...full, nat: [NOW - HOUR, 1], vax: [0, 0] })).toBe('NAT_POSITIVE');
    expect(at({ ...full, nat: [NOW - 48 * HOUR - 1, 0], vax: [0, 0] })).toBe('NAT_TOO_OLD');
    expect(at({ ...full, nat: [NOW - 48 * HOUR, 0] })).toBe('OK'); // "at or after now - nat_max_age"
    expect(at({ ...full, vax: [1, NOW - DAY], abroad14: true })).toBe('DOSES_REQUIRED');
    expect(at({ ...full, abroad14: true, risk14: true })).toBe('ABROAD_RECENT');
    expect(at({ ...full, risk14: true })).toBe('RISK_AREA_RECENT');
  });

  it('tells a wallet exactly which claims to disclose', async () => {
    const v = await verifier(trustList({ policy }));
    expect(v.requiredDisclosures('hospital')).toEqual(['status', 'nat', 'vax', 'abroad14', 'risk14', 'id4', '99']);
    const d = await verifier();
    expect(d.requiredDisclosures('taxi')).toEqual(['status']);
  });

  it('is checked only when a venue is given: without one, a red code is genuine (OK)', async () => {
    const v = await verifier();
    expect(v.verify(presentAll(token({ claims: { status: 2 } }))).result).toBe('OK');
  });
});

describe('edges of a rule', () => {
  it('a rule requiring more claims than any presentation can disclose answers CLAIM_REQUIRED', async () => {
    const require = Array.from({ length: 300 }, (_, i) => 100 + i);
    const v = await verifier(trustList({ policy: { odd: { allow: [0], require } } }));
    expect(v.verify(withClaims({ status: 0 }), { venue: 'odd' }).result).toBe('CLAIM_REQUIRED');
  });

  it('refuses a time or skew that is not an unsigned 64-bit integer', async () => {
    const v = await verifier();
    const p = withClaims({ status: 0 });
    expect(() => v.verify(p, { skew: -1 })).toThrow(PassgateError);
    expect(() => v.verify(p, { now: -1 })).toThrow(/2\^64/);
    expect(() => v.verify(p, { now: 1.5 })).toThrow(PassgateError);
    expect(v.verify(p, { now: BigInt(NOW), skew: 0 }).result).toBe('OK');
  });
});
