/**
 * Every time comparison of PG1 on both sides of its boundary, through the product: verify(), one
 * batch per setting (verifyBatchLocal) and `passgate verify` (one process per setting), each checked
 * against the reference verifier and the code written here.
 *
 *   §5 step 7  NOT_YET_VALID iff now < nbf − skew;  EXPIRED iff now ≥ exp + skew (skew defaults to 60)
 *   §4         STALE_PRESENTATION iff |now − presented_at| > 60, whatever the skew
 *   §6         KEY_NOT_VALID unless not_before ≤ iat < not_after; KEY_REVOKED iff revoked_at ≤ iat
 *   §5 step 1  SUNSET iff now ≥ sunset; TRUST_LIST_EXPIRED iff now ≥ expires (trust or revocation list)
 */
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../sdk/index.js';
import type { ResultCode } from '../sdk/pg1/resultCodes.js';
import { buildRevocationList, type IssueTokenOptions } from '../sdk/issuer/index.js';
import { ReferenceVerifier } from './reference/referenceVerifier.js';
import { runVerifyAll, type CliList } from './support/cliRunner.js';
import { DAY, device, issuerEntry, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const U64_MAX = 2n ** 64n - 1n;

interface Case {
  readonly name: string;
  readonly presentation: Uint8Array;
  readonly expect: ResultCode;
}

/** Lists in force, clock and skew shared by a group of cases (one CLI process each). */
interface Setting {
  readonly name: string;
  readonly lists: readonly CliList[];
  readonly now: number;
  readonly skew?: number;
  readonly cases: readonly Case[];
}

const at = (name: string, over: Partial<IssueTokenOptions>, expect: ResultCode): Case => ({ name, presentation: presentAll(token(over)), expect });
const boundAt = (name: string, presentedAt: number, expect: ResultCode): Case => ({
  name,
  presentation: presentAll(token({ cnf: device.publicKey }), { deviceSecret: device.secretKey, presentedAt, nonce: null }),
  expect,
});

/** nbf and exp on both sides of now ∓ skew, and the binding window on both sides of ±60. */
function skewCases(skew: number): Case[] {
  return [
    at(`exp = now − skew + 1 -> OK`, { exp: NOW - skew + 1 }, 'OK'),
    at(`exp = now − skew (now = exp + skew) -> EXPIRED`, { exp: NOW - skew }, 'EXPIRED'),
    at(`nbf = now + skew (now = nbf − skew) -> OK`, { nbf: NOW + skew }, 'OK'),
    at(`nbf = now + skew + 1 -> NOT_YET_VALID`, { nbf: NOW + skew + 1 }, 'NOT_YET_VALID'),
    boundAt('presented 60 s ago -> OK', NOW - 60, 'OK'),
    boundAt('presented 61 s ago -> STALE_PRESENTATION', NOW - 61, 'STALE_PRESENTATION'),
    boundAt('presented 60 s ahead -> OK', NOW + 60, 'OK'),
    boundAt('presented 61 s ahead -> STALE_PRESENTATION', NOW + 61, 'STALE_PRESENTATION'),
  ];
}

const TRUST = trustList();
const trustOnly: CliList[] = [{ kind: 'trust', bytes: TRUST }];
const REVOKED_AT = NOW - 3600;
const NOT_BEFORE = NOW - 100 * DAY;
const NOT_AFTER = NOW + 100 * DAY;

const SETTINGS: Setting[] = [
  { name: 'default skew (60)', lists: trustOnly, now: NOW, cases: skewCases(60) },
  { name: 'skew 0', lists: trustOnly, now: NOW, skew: 0, cases: skewCases(0) },
  { name: 'skew 7', lists: trustOnly, now: NOW, skew: 7, cases: skewCases(7) },
  { name: 'skew 300 (the binding window stays 60)', lists: trustOnly, now: NOW, skew: 300, cases: skewCases(300) },
  {
    name: 'times at the ends of the integer range',
    lists: trustOnly,
    now: NOW,
    cases: [
      at('exp = 2^64 − 1: exp + skew does not wrap -> OK', { exp: U64_MAX }, 'OK'),
      at('nbf = 0: nbf − skew does not wrap -> OK', { nbf: 0 }, 'OK'),
      at('nbf = 59 (below the skew) -> OK', { nbf: 59 }, 'OK'),
      boundAt('presented at 0 -> STALE_PRESENTATION', 0, 'STALE_PRESENTATION'),
    ],
  },
  {
    name: 'key window [not_before, not_after)',
    lists: trustOnly,
    now: NOW,
    cases: [
      at('iat = not_before -> OK', { iat: NOT_BEFORE }, 'OK'),
      at('iat = not_before − 1 -> KEY_NOT_VALID', { iat: NOT_BEFORE - 1 }, 'KEY_NOT_VALID'),
      at('iat = not_after − 1 -> OK', { iat: NOT_AFTER - 1, exp: NOT_AFTER + DAY }, 'OK'),
      at('iat = not_after -> KEY_NOT_VALID', { iat: NOT_AFTER, exp: NOT_AFTER + DAY }, 'KEY_NOT_VALID'),
    ],
  },
  {
    name: 'key revoked at REVOKED_AT',
    lists: [{ kind: 'trust', bytes: trustList({ issuers: [issuerEntry({ revokedAt: REVOKED_AT })] }) }],
    now: NOW,
    cases: [
      at('iat = revoked_at − 1 -> OK', { iat: REVOKED_AT - 1 }, 'OK'),
      at('iat = revoked_at -> KEY_REVOKED', { iat: REVOKED_AT }, 'KEY_REVOKED'),
    ],
  },
  ...listDeadlines(),
];

/** The trust list's expires and sunset and the revocation list's expires, at now = deadline − 1 and = deadline. */
function listDeadlines(): Setting[] {
  const deadline = NOW + 10;
  const withSunset: CliList[] = [{ kind: 'trust', bytes: trustList({ sunset: deadline }) }];
  const expiring: CliList[] = [{ kind: 'trust', bytes: trustList({ expires: deadline }) }];
  const revocations: CliList[] = [...trustOnly, { kind: 'revocations', bytes: buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: deadline, revoked: [] }) }];
  const good = (expect: ResultCode): Case[] => [at(`a genuine token -> ${expect}`, {}, expect)];
  return [
    { name: 'now = sunset − 1', lists: withSunset, now: deadline - 1, cases: good('OK') },
    { name: 'now = sunset', lists: withSunset, now: deadline, cases: good('SUNSET') },
    { name: 'now = trust list expires − 1', lists: expiring, now: deadline - 1, cases: good('OK') },
    { name: 'now = trust list expires', lists: expiring, now: deadline, cases: good('TRUST_LIST_EXPIRED') },
    { name: 'now = revocation list expires − 1', lists: revocations, now: deadline - 1, cases: good('OK') },
    { name: 'now = revocation list expires', lists: revocations, now: deadline, cases: good('TRUST_LIST_EXPIRED') },
  ];
}

function referenceFor(s: Setting): ReferenceVerifier {
  const v = new ReferenceVerifier([root.publicKey]);
  for (const l of s.lists) (l.kind === 'trust' ? v.applyTrustList(l.bytes) : v.applyRevocations(l.bytes));
  return v;
}

describe('time boundaries through the product', () => {
  for (const s of SETTINGS) {
    it(`${s.name}: verify(), verifyBatchLocal() and the reference`, async () => {
      // The SDK destroys nothing here (no storage, destroyAtSunset off, as the CLI runs).
      const v = await createVerifier({ roots: [root.publicKey], storage: null, destroyAtSunset: false, now: () => s.now });
      for (const l of s.lists) await (l.kind === 'trust' ? v.applyTrustList(l.bytes) : v.applyRevocations(l.bytes));
      const reference = referenceFor(s);
      const options = { now: s.now, ...(s.skew === undefined ? {} : { skew: s.skew }) };
      const want = s.cases.map((c) => `${c.name}: ${c.expect}`);
      expect(s.cases.map((c) => `${c.name}: ${v.verify(c.presentation, options).result}`)).toEqual(want);
      expect(s.cases.map((c) => `${c.name}: ${reference.verify(c.presentation, options).result}`)).toEqual(want);
      const batch = v.verifyBatchLocal(s.cases.map((c) => c.presentation), options);
      expect(s.cases.map((c, i) => `${c.name}: ${batch[i]!.result}`)).toEqual(want);
    });
  }

  it('passgate verify, one process per setting, agrees on every line', async () => {
    const outs = await runVerifyAll(
      SETTINGS.map((s) => ({ roots: [root.publicKey], lists: s.lists, now: s.now, ...(s.skew === undefined ? {} : { skew: s.skew }), lines: s.cases.map((c) => c.presentation) })),
    );
    SETTINGS.forEach((s, i) => {
      const out = outs[i]!;
      expect(out.status, `${s.name}: ${out.stderr}`).toBe(0);
      expect(s.cases.map((c, j) => `${s.name} / ${c.name}: ${String(out.results[j]?.result)}`)).toEqual(s.cases.map((c) => `${s.name} / ${c.name}: ${c.expect}`));
    });
  });
});
