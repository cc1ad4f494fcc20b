/**
 * A PG1 world for the differential, mutation and robustness tests: roots, issuer keys with every
 * kind of window, holder devices (and keys that bind nothing), two trust lists (the default policy,
 * and a rotated list with its own policy and a sunset), a full revocation list and a delta, and
 * six setups, each holding the SDK verifier and the reference verifier fed the same material.
 */
import { createVerifier, type Verifier } from '../../sdk/verifier/verifier.js';
import {
  buildRevocationDelta,
  buildRevocationList,
  buildTrustList,
  generateKeyPair,
  revokedPrefix,
  type KeyPair,
  type PolicyInput,
  type TrustListIssuer,
} from '../../sdk/issuer/index.js';
import { ReferenceVerifier } from '../reference/referenceVerifier.js';
import { fromHex } from './handCbor.js';

export const NOW = 1_750_000_000;
export const DAY = 86_400;

export const root: KeyPair = generateKeyPair();
/** The root the policy trust list rotates to: it signs the revocation lists of that setup. */
export const root2: KeyPair = generateKeyPair();

/** An issuer key: its secret, and the trust-list entry that describes it (absent when not listed). */
export interface WorldIssuer {
  readonly name: string;
  readonly key: KeyPair;
  readonly iss: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly revokedAt?: number;
  readonly listed: boolean;
}

function issuer(name: string, iss: string, notBefore: number, notAfter: number, revokedAt?: number, listed = true): WorldIssuer {
  return { name, key: generateKeyPair(), iss, notBefore, notAfter, listed, ...(revokedAt === undefined ? {} : { revokedAt }) };
}

export const ISSUERS = {
  province: issuer('province', 'CN-35', NOW - 100 * DAY, NOW + 100 * DAY),
  national: issuer('national', 'CN', NOW - 100 * DAY, NOW + 100 * DAY),
  /** A key whose window is over: its old tokens stay valid until they expire (§6). */
  retired: issuer('retired', 'CN-33', NOW - 300 * DAY, NOW - 200 * DAY),
  /** Compromised ten days ago: tokens with iat ≥ revoked_at are KEY_REVOKED. */
  compromised: issuer('compromised', 'CN-44', NOW - 100 * DAY, NOW + 100 * DAY, NOW - 10 * DAY),
  /** revoked_at 0 revokes every token of the key. */
  killed: issuer('killed', 'CN-11', NOW - 100 * DAY, NOW + 100 * DAY, 0),
  /** Not in any trust list: UNKNOWN_KID. */
  stranger: issuer('stranger', 'CN-35', NOW - 100 * DAY, NOW + 100 * DAY, undefined, false),
} as const;

export type IssuerName = keyof typeof ISSUERS;

function entry(i: WorldIssuer): TrustListIssuer {
  return { pub: i.key.publicKey, iss: i.iss, notBefore: i.notBefore, notAfter: i.notAfter, ...(i.revokedAt === undefined ? {} : { revokedAt: i.revokedAt }) };
}

const LISTED = Object.values(ISSUERS).filter((i) => i.listed).map(entry);

export const device: KeyPair = generateKeyPair();
export const otherDevice: KeyPair = generateKeyPair();

/** cnf keys that bind nothing or do not decode (decision D7): each must give HOLDER_BINDING_FAILED. */
export const WEAK_CNF_KEYS: readonly Uint8Array[] = [
  fromHex('0100000000000000000000000000000000000000000000000000000000000000'), // identity
  fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'), // order 8
  fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), // y = p, non-canonical
  fromHex('0200000000000000000000000000000000000000000000000000000000000000'), // y = 2: no x, not on the curve
];

/** A trust-list policy whose categories reach every policy code of §8. */
export const LIST_POLICY: PolicyInput = {
  clinic: { allow: [0], natMaxAge: 3 * DAY, minDoses: 2, denyAbroad14: true, denyRisk14: true },
  stadium: { allow: [0], natMaxAge: DAY, denyRisk14: true },
  port: { allow: [0, 1], denyAbroad14: true, require: [8, 10] },
  office: { allow: [0, 1, 2], require: [12] },
  lobby: { allow: [0, 1, 2] },
  shelter: { allow: [0, 1], minDoses: 1, denyAbroad14: false },
  gate: { allow: [0, 1, 2], bound: true },
};

export const DEFAULT_VENUES: readonly string[] = [
  'general', 'taxi', 'transit', 'school', 'elder_care', 'welfare', 'mental_health', 'detention', 'wholesale_market',
  'farmers_market', 'supermarket', 'library', 'museum', 'gallery', 'exhibition', 'cinema', 'arcade',
];

/** Trust list of the default setups: no policy, expires in 30 days. */
export const TRUST_DEFAULT = {
  expires: NOW + 30 * DAY,
  bytes: buildTrustList({
    rootSecret: root.secretKey,
    version: 1,
    issuedAt: NOW - DAY,
    expires: NOW + 30 * DAY,
    issuers: LISTED,
    roots: [root.publicKey],
  }),
};

/** Applied on top of TRUST_DEFAULT: version 2, its own policy, a sunset, and roots rotated to root2. */
export const TRUST_POLICY = {
  expires: NOW + 40 * DAY,
  sunset: NOW + 60 * DAY,
  bytes: buildTrustList({
    rootSecret: root.secretKey,
    version: 2,
    issuedAt: NOW - DAY,
    expires: NOW + 40 * DAY,
    sunset: NOW + 60 * DAY,
    issuers: LISTED,
    roots: [root2.publicKey],
    policy: LIST_POLICY,
  }),
};

/** Token ids with a revocation story: listed in the full list, then changed by the delta. */
export const REVOKED_CTI = {
  /** In the full list, removed by the delta. */
  unrevoked: fromHex('00112233445566778899aabbccddeeff'),
  /** In the full list and after the delta. */
  both: fromHex('0f1e2d3c4b5a69788796a5b4c3d2e1f0'),
  /** Added by the delta only. */
  added: fromHex('ffeeddccbbaa99887766554433221100'),
} as const;

export type RevocationState = 'none' | 'full' | 'delta';
export type TrustState = 'default' | 'policy';

export const REVOCATION_EXPIRES: Readonly<Record<RevocationState, number | null>> = { none: null, full: NOW + 20 * DAY, delta: NOW + 25 * DAY };

function revocationLists(signer: KeyPair): { full: Uint8Array; delta: Uint8Array } {
  return {
    full: buildRevocationList({
      rootSecret: signer.secretKey,
      version: 7,
      issuedAt: NOW - DAY,
      expires: NOW + 20 * DAY,
      revoked: [revokedPrefix(REVOKED_CTI.unrevoked), revokedPrefix(REVOKED_CTI.both)],
    }),
    delta: buildRevocationDelta({
      rootSecret: signer.secretKey,
      version: 8,
      issuedAt: NOW,
      expires: NOW + 25 * DAY,
      baseVersion: 7,
      added: [revokedPrefix(REVOKED_CTI.added)],
      removed: [revokedPrefix(REVOKED_CTI.unrevoked)],
    }),
  };
}

/** One trust situation, as the SDK and the reference each hold it. */
export interface Setup {
  readonly trust: TrustState;
  readonly revocation: RevocationState;
  /** Replaced by `renew`: the SDK destroys a verifier that has seen the sunset (§6). */
  sdk: Verifier;
  readonly reference: ReferenceVerifier;
  /** The venue categories of the policy in force. */
  readonly venues: readonly string[];
  /** A fresh SDK verifier fed the same lists (after a SUNSET result destroyed the old one). */
  renew(): Promise<void>;
}

function listsOf(trust: TrustState, revocation: RevocationState): { trust: Uint8Array[]; revocations: Uint8Array[] } {
  const rev = revocationLists(trust === 'policy' ? root2 : root);
  return {
    trust: [TRUST_DEFAULT.bytes, ...(trust === 'policy' ? [TRUST_POLICY.bytes] : [])],
    revocations: revocation === 'none' ? [] : revocation === 'full' ? [rev.full] : [rev.full, rev.delta],
  };
}

/**
 * An SDK verifier over its own core, in memory. Its clock is NOW: the SDK checks the sunset against
 * its clock when a list is applied, and the real clock is past this world's sunset.
 */
export async function sdkVerifier(lists: { trust: readonly Uint8Array[]; revocations: readonly Uint8Array[] }): Promise<Verifier> {
  // Answers SUNSET without destroying itself (as the command line does): the test compares results.
  const sdk = await createVerifier({ roots: [root.publicKey], now: () => NOW, storage: null, destroyAtSunset: false });
  for (const l of lists.trust) await sdk.applyTrustList(l);
  for (const r of lists.revocations) await sdk.applyRevocations(r);
  return sdk;
}

export function referenceVerifier(lists: { trust: readonly Uint8Array[]; revocations: readonly Uint8Array[] }): ReferenceVerifier {
  const reference = new ReferenceVerifier([root.publicKey]);
  for (const l of lists.trust) reference.applyTrustList(l);
  for (const r of lists.revocations) reference.applyRevocations(r);
  return reference;
}

async function setup(trust: TrustState, revocation: RevocationState): Promise<Setup> {
  const lists = listsOf(trust, revocation);
  const s: Setup = {
    trust,
    revocation,
    sdk: await sdkVerifier(lists),
    reference: referenceVerifier(lists),
    venues: trust === 'policy' ? Object.keys(LIST_POLICY) : DEFAULT_VENUES,
    async renew() {
      s.sdk = await sdkVerifier(lists);
    },
  };
  return s;
}

/** All six setups: {default, policy} trust × {none, full, delta} revocations. */
export async function createSetups(): Promise<Setup[]> {
  const out: Setup[] = [];
  for (const t of ['default', 'policy'] as const) for (const r of ['none', 'full', 'delta'] as const) out.push(await setup(t, r));
  return out;
}

/** The first instant at which step 1 refuses everything in this setup. */
export function listDeadline(s: Pick<Setup, 'trust' | 'revocation'>): number {
  const trust = s.trust === 'policy' ? TRUST_POLICY.expires : TRUST_DEFAULT.expires;
  const rev = REVOCATION_EXPIRES[s.revocation];
  return rev === null ? trust : Math.min(trust, rev);
}
