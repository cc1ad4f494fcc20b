/**
 * Random PG1 presentations for the differential test. A CaseSpec is plain, printable data (what
 * fast-check shows for a failing case); buildCase turns it into presentation bytes and verify options
 * with the issuer toolkit, its `unsafe` options for deliberate breakage, and hand-made CBOR where the
 * toolkit refuses to go. Times in a spec are relative to `now`, so a case reads the same at any instant.
 */
import fc from 'fast-check';
import { sha256 } from '../../sdk/sha256.js';
import { encode, RawCbor, Tagged, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import {
  assemblePresentation,
  disclosureDigest,
  encodeDisclosure,
  holderBinding,
  issueToken,
  kidOf,
  randomBytes,
  type ClaimsInput,
  type IssueTokenOptions,
  type UnsafeSign1Options,
  type UnsafeTokenOptions,
} from '../../sdk/issuer/index.js';
import {
  DAY,
  device,
  ISSUERS,
  listDeadline,
  NOW,
  otherDevice,
  REVOKED_CTI,
  TRUST_POLICY,
  WEAK_CNF_KEYS,
  type IssuerName,
  type Setup,
} from './differentialWorld.js';
import { bytes, fromHex, head, unsortedMap } from './handCbor.js';

const MAX_U64 = (1n << 64n) - 1n;

/** One disclosure the issuer puts in the token: known keys with a valid or invalid value, or unknown keys. */
export interface ClaimSpec {
  readonly key: number;
  readonly value: CborValue;
  /** nat: value[0] is an age in seconds; the builder writes now − age as sampled_at. */
  readonly natAge?: number;
}

export type IatMode = 'recent' | 'inWindow' | 'beforeWindow' | 'windowStart' | 'windowLast' | 'windowEnd' | 'revokedLess1' | 'revokedAt';
export type ExpMode = 'later' | 'edgeLess1' | 'edge' | 'edgePlus1' | 'past' | 'max' | 'pastSafe';
export type NbfMode = 'absent' | 'zero' | 'past' | 'edgeLess1' | 'edge' | 'edgePlus1' | 'future' | 'max';
export type NowMode = 'near' | 'deadlineLess1' | 'deadline' | 'sunsetLess1' | 'sunset' | 'farFuture';
export type IssuerChoice = IssuerName | 'forger';
export type CnfChoice = 'none' | 'device' | 'weak0' | 'weak1' | 'weak2' | 'weak3';
export type CtiChoice = 'fresh' | keyof typeof REVOKED_CTI;
export type NonceChoice = 'none' | 'n16' | 'empty';
/** §10.1: no card claim, a card pass, one living 259201 s, a 15-byte card, a card with cnf. */
export type CardChoice = 'none' | 'card' | 'cardLong' | 'cardShort' | 'cardWithCnf';
/** The serial the reader gives: none, the card's, another card's. */
export type SerialChoice = 'none' | 'right' | 'other';
/** §10.2: no document, the holder's (with or without a name), another's, the holder's with its letters' case swapped, or another name. */
export type DocumentChoice = 'none' | 'holder' | 'numberOnly' | 'other' | 'caseSwapped' | 'nameOther';
export type BindingChoice = 'none' | 'good' | 'otherDevice' | 'nonceNull' | 'nonceOther' | 'nonceEmpty' | 'wrongCti' | 'shape';
export type ExtraDisclosure =
  | 'none'
  | 'foreign'
  | 'duplicate'
  | 'garbage'
  | 'nonCanonical'
  | 'unknownInSd'
  | 'bigKeyInSd'
  | 'badSaltInSd'
  | 'negativeKeyInSd'
  | 'floatInSd'
  | 'tagInSd'
  | 'deep16InSd'
  | 'deep17InSd'
  | 'exoticInSd';
export type AlgChoice = -19 | -8 | -7 | 0 | 1 | -9 | -65536 | 'text' | 'bigNegative' | 'null';
export type Breakage =
  | 'none'
  | 'noTag'
  | 'tag17'
  | 'unprotected'
  | 'protectedExtraKey'
  | 'protectedNoKid'
  | 'protectedNoAlg'
  | 'protectedUnsorted'
  | 'protectedNotMap'
  | 'kid7'
  | 'kid9'
  | 'sigTruncated'
  | 'sigLong'
  | 'sigFlip'
  | 'sigHighS'
  | 'sigBadR'
  | 'payloadSwap'
  | 'claimsUnsorted'
  | 'claimsTextKey'
  | 'claimsNotMap'
  | 'noIss'
  | 'noExp'
  | 'noIat'
  | 'noCti'
  | 'noSd'
  | 'issEmpty'
  | 'issLong'
  | 'issBytes'
  | 'expNegative'
  | 'nbfText'
  | 'ctiShort'
  | 'sdUnsorted'
  | 'sdDuplicate'
  | 'sdEmpty'
  | 'sdTooMany'
  | 'sdShortEntry'
  | 'cnfExtraField'
  | 'cnfCrv7'
  | 'cnfShortKey'
  | 'extraIntClaims'
  | 'trailingByte'
  | 'extraItem'
  | 'disclosuresMap'
  | 'disclosureText'
  | 'topNotShortest'
  | 'untaggedTokenBytes'
  | 'oversize'
  | 'topMap';

export interface CaseSpec {
  readonly setup: number;
  readonly nowMode: NowMode;
  readonly nowJitter: number;
  readonly skew: number | null;
  readonly issuer: IssuerChoice;
  readonly issOther: boolean;
  readonly iat: IatMode;
  readonly iatJitter: number;
  readonly exp: ExpMode;
  readonly expSpan: number;
  readonly nbf: NbfMode;
  readonly claims: readonly ClaimSpec[];
  readonly decoys: number;
  readonly cnf: CnfChoice;
  readonly cti: CtiChoice;
  readonly revealAll: boolean;
  readonly reveal: readonly boolean[];
  readonly reverseDisclosures: boolean;
  readonly extra: ExtraDisclosure;
  readonly readerNonce: NonceChoice;
  readonly binding: BindingChoice;
  /** Seconds from now, or 'max' for presented_at = 2^64 − 1. */
  readonly presentedAt: number | 'max';
  readonly venue: number | null;
  readonly card: CardChoice;
  readonly serial: SerialChoice;
  readonly document: DocumentChoice;
  readonly alg: AlgChoice;
  readonly breakage: Breakage;
}

/** A built case: the raw presentation and the options both verifiers get. */
export interface BuiltCase {
  readonly presentation: Uint8Array;
  readonly now: number;
  readonly venue?: string;
  readonly nonce?: Uint8Array;
  readonly skew?: number;
  /** The serial of the card it was read from (§10.1). */
  readonly card?: Uint8Array;
  /** The identity document read with it (§10.2). */
  readonly document?: { readonly number: string; readonly name?: string };
  /** The disclosures that verify (by key), when the case is meant to reach the claims. */
  readonly revealed: ReadonlyMap<number | bigint, CborValue>;
}

function pick<T>(...pairs: [number, T][]): fc.Arbitrary<T> {
  return fc.oneof(...pairs.map(([weight, v]) => ({ weight, arbitrary: fc.constant(v) })));
}

// ---------------------------------------------------------------------------------------------
// Claim values (§3): valid ones around the policy boundaries, and wrong types for each known key
// ---------------------------------------------------------------------------------------------

const anyText = fc.string({ unit: 'binary', maxLength: 6 });

/** Any §1 value, as unknown keys may hold: integers of every width, text, bytes, nested arrays and maps. */
export const anyCborValue: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer(),
    fc.bigInt({ min: -(1n << 64n), max: MAX_U64 }),
    fc.constantFrom<CborValue>(0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, 2 ** 53 - 1, 2n ** 53n, 2n ** 53n + 1n, MAX_U64, -(1n << 64n), -1),
    anyText,
    fc.uint8Array({ maxLength: 40 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: -1000, max: 1000 }), anyText), tie('v')), {
        maxLength: 4,
        selector: ([k]) => (typeof k === 'number' ? `n${k}` : `s${k}`),
      })
      .map((entries) => new Map<CborValue, CborValue>(entries)),
  ),
})).v;

const ages = [-3600, 0, 3600, DAY - 1, DAY, DAY + 1, 3 * DAY - 1, 3 * DAY, 3 * DAY + 1, 10 * DAY];

const validKnown: Record<number, fc.Arbitrary<ClaimSpec>> = {
  1: pick<CborValue>([6, 0], [3, 1], [2, 2]).map((value) => ({ key: 1, value })),
  2: fc.tuple(fc.constantFrom(...ages), pick([3, 0], [1, 1])).map(([age, result]) => ({ key: 2, value: [age, result], natAge: age })),
  3: fc
    .tuple(pick<CborValue>([2, 0], [2, 1], [4, 2], [4, 3], [1, 2 ** 40], [1, MAX_U64]), fc.constantFrom<CborValue>(0, NOW - 100 * DAY, MAX_U64))
    .map(([doses, last]) => ({ key: 3, value: [doses, last] })),
  4: pick([7, false], [3, true]).map((value) => ({ key: 4, value })),
  5: pick([7, false], [3, true]).map((value) => ({ key: 5, value })),
  6: fc.boolean().map((value) => ({ key: 6, value })),
  7: fc.oneof(fc.constantFrom(100000, 999999, 330100), fc.integer({ min: 100000, max: 999999 })).map((value) => ({ key: 7, value })),
  8: fc.oneof(fc.constantFrom('X', '123X', '张三', '😀a', 'ab€d'), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })).map((value) => ({ key: 8, value })),
  9: fc.oneof(fc.constantFrom('张*三', '', 'J*** D**'), fc.string({ unit: 'binary', maxLength: 40 })).map((value) => ({ key: 9, value })),
  10: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((value) => ({ key: 10, value })),
  11: fc.boolean().map((value) => ({ key: 11, value })),
};

const invalidKnown: Record<number, readonly CborValue[]> = {
  1: [3, -1, 'green', true, null, 256, [0]],
  2: [[NOW, 2], [NOW], [NOW, 0, 0], ['t', 0], [-5, 0], 7, [NOW, false]],
  3: [[-1, 2], [2], ['2', 0], 3, [2, -1], new Map<CborValue, CborValue>([[0, 2]])],
  4: [0, 1, null, 'true', []],
  5: [0, 1, null, 'false'],
  6: [1, null],
  7: [99999, 1000000, -330100, '330100', 0, MAX_U64],
  8: ['', 'ABCDE', '12345', 5, new Uint8Array(4), '😀😀😀😀😀'],
  9: [5, null, new Uint8Array(2), ['a'], false],
  10: [new Uint8Array(31), new Uint8Array(33), 'ab'.repeat(32), 0],
  11: [0, 'yes', null],
};

const UNKNOWN_KEYS = [12, 13, 42, 99, 1000, 65536, 2 ** 32 + 1, 2 ** 40];

function claimArbitrary(key: number): fc.Arbitrary<ClaimSpec | null> {
  const present = key === 1 ? 9 : 6;
  const invalid = fc.constantFrom(...invalidKnown[key]!).map((value): ClaimSpec => ({ key, value }));
  return fc.oneof(
    { weight: (10 - present) * 20, arbitrary: fc.constant(null) },
    { weight: present * 20, arbitrary: validKnown[key]! },
    { weight: 1, arbitrary: invalid },
  );
}

const claimsArbitrary: fc.Arbitrary<ClaimSpec[]> = fc
  .tuple(
    fc.tuple(...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(claimArbitrary)),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), anyCborValue), { maxLength: 2, selector: ([k]) => k }),
  )
  .map(([known, unknown]) => [
    ...known.filter((c): c is ClaimSpec => c !== null),
    ...unknown.map(([key, value]): ClaimSpec => ({ key, value })),
  ]);

/** What a policy probe changes in an otherwise healthy holder (green, recent negative test, 3 doses…). */
type Probe = 'yellow' | 'red' | 'natPositive' | 'natOld' | 'natEdge' | 'fewDoses' | 'abroad' | 'risk' | 'omit';

const OMITTABLE = [1, 2, 3, 4, 5, 8, 10, 12];

/** Claims of a healthy holder with up to two probes, so that step 11 meets every §8 code. */
const probedClaimsArbitrary: fc.Arbitrary<ClaimSpec[]> = fc
  .tuple(
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<Probe[]>([]) },
      {
        weight: 4,
        arbitrary: pick<Probe>([1, 'yellow'], [1, 'red'], [2, 'natPositive'], [2, 'natOld'], [1, 'natEdge'], [3, 'fewDoses'], [2, 'abroad'], [2, 'risk'], [2, 'omit']).map((p) => [p]),
      },
      { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom<Probe>('yellow', 'red', 'natPositive', 'natOld', 'natEdge', 'fewDoses', 'abroad', 'risk', 'omit'), { minLength: 2, maxLength: 2 }) },
    ),
    fc.constantFrom(...OMITTABLE),
    fc.constantFrom(DAY - 1, DAY, DAY + 1, 3 * DAY - 1, 3 * DAY, 3 * DAY + 1),
    fc.integer({ min: 0, max: 1 }),
  )
  .map(([probes, omit, edgeAge, doses]) => {
    const has = (p: Probe): boolean => probes.includes(p);
    const natAge = has('natOld') ? 10 * DAY : has('natEdge') ? edgeAge : 3600;
    const claims: ClaimSpec[] = [
      { key: 1, value: has('red') ? 2 : has('yellow') ? 1 : 0 },
      { key: 2, value: [natAge, has('natPositive') ? 1 : 0], natAge },
      { key: 3, value: [has('fewDoses') ? doses : 3, NOW - 100 * DAY] },
      { key: 4, value: has('abroad') },
      { key: 5, value: has('risk') },
      { key: 8, value: '123X' },
      { key: 9, value: '张*三' },
      { key: 10, value: new Uint8Array(32).fill(7) },
      { key: 12, value: 'badge-1' },
    ];
    return has('omit') ? claims.filter((c) => c.key !== omit) : claims;
  });

// ---------------------------------------------------------------------------------------------
// The whole case
// ---------------------------------------------------------------------------------------------

const mixedCaseArbitrary: fc.Arbitrary<CaseSpec> = fc.record({
  setup: fc.integer({ min: 0, max: 5 }),
  nowMode: pick<NowMode>([88, 'near'], [3, 'deadlineLess1'], [3, 'deadline'], [2, 'sunsetLess1'], [3, 'sunset'], [1, 'farFuture']),
  nowJitter: fc.integer({ min: -DAY, max: DAY }),
  skew: pick<number | null>([24, null], [4, 0], [2, 1], [4, 300], [2, 3600], [1, Number.MAX_SAFE_INTEGER]),
  issuer: pick<IssuerChoice>([50, 'province'], [15, 'national'], [5, 'retired'], [6, 'compromised'], [2, 'killed'], [3, 'stranger'], [3, 'forger']),
  issOther: pick([24, false], [1, true]),
  iat: pick<IatMode>([30, 'recent'], [20, 'inWindow'], [2, 'beforeWindow'], [1, 'windowStart'], [1, 'windowLast'], [2, 'windowEnd'], [2, 'revokedLess1'], [2, 'revokedAt']),
  iatJitter: fc.integer({ min: 0, max: 2 * DAY }),
  exp: pick<ExpMode>([60, 'later'], [3, 'edgeLess1'], [3, 'edge'], [3, 'edgePlus1'], [3, 'past'], [2, 'max'], [1, 'pastSafe']),
  expSpan: fc.integer({ min: 3600, max: 30 * DAY }),
  nbf: pick<NbfMode>([50, 'absent'], [3, 'zero'], [12, 'past'], [2, 'edgeLess1'], [2, 'edge'], [2, 'edgePlus1'], [3, 'future'], [1, 'max']),
  claims: claimsArbitrary,
  decoys: pick([3, 0], [6, 3], [1, 20]),
  cnf: pick<CnfChoice>([60, 'none'], [32, 'device'], [2, 'weak0'], [2, 'weak1'], [2, 'weak2'], [2, 'weak3']),
  cti: pick<CtiChoice>([88, 'fresh'], [4, 'unrevoked'], [4, 'both'], [4, 'added']),
  revealAll: fc.boolean(),
  reveal: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  reverseDisclosures: pick([4, false], [1, true]),
  extra: pick<ExtraDisclosure>(
    [80, 'none'], [8, 'foreign'], [2, 'duplicate'], [1, 'garbage'], [1, 'nonCanonical'], [3, 'unknownInSd'], [2, 'bigKeyInSd'],
    [1, 'badSaltInSd'], [1, 'negativeKeyInSd'], [1, 'floatInSd'], [1, 'tagInSd'], [1, 'deep16InSd'], [1, 'deep17InSd'], [2, 'exoticInSd'],
  ),
  readerNonce: pick<NonceChoice>([7, 'none'], [2, 'n16'], [1, 'empty']),
  binding: pick<BindingChoice>([84, 'good'], [3, 'none'], [3, 'otherDevice'], [2, 'nonceNull'], [2, 'nonceOther'], [1, 'nonceEmpty'], [2, 'wrongCti'], [3, 'shape']),
  presentedAt: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -60, max: 60 }) },
    { weight: 3, arbitrary: fc.constantFrom<number | 'max'>(-61, 61, -60, 60, 3600, -3600, -DAY, 'max') },
  ),
  venue: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: 1000 }) }),
  card: pick<CardChoice>([80, 'none'], [12, 'card'], [3, 'cardLong'], [2, 'cardShort'], [2, 'cardWithCnf']),
  serial: pick<SerialChoice>([4, 'right'], [2, 'other'], [3, 'none']),
  document: pick<DocumentChoice>([36, 'none'], [4, 'holder'], [2, 'numberOnly'], [2, 'other'], [2, 'caseSwapped'], [2, 'nameOther']),
  alg: pick<AlgChoice>([80, -19], [12, -8], [1, -7], [1, 0], [1, 1], [1, -9], [1, -65536], [1, 'text'], [1, 'bigNegative'], [1, 'null']),
  breakage: fc.oneof(
    { weight: 82, arbitrary: fc.constant<Breakage>('none') },
    {
      weight: 18,
      arbitrary: fc.constantFrom<Breakage>(
        'noTag', 'tag17', 'unprotected', 'protectedExtraKey', 'protectedNoKid', 'protectedNoAlg', 'protectedUnsorted', 'protectedNotMap',
        'kid7', 'kid9', 'sigTruncated', 'sigLong', 'sigFlip', 'sigHighS', 'sigBadR', 'payloadSwap', 'claimsUnsorted', 'claimsTextKey',
        'claimsNotMap', 'noIss', 'noExp', 'noIat', 'noCti', 'noSd', 'issEmpty', 'issLong', 'issBytes', 'expNegative', 'nbfText',
        'ctiShort', 'sdUnsorted', 'sdDuplicate', 'sdEmpty', 'sdTooMany', 'sdShortEntry', 'cnfExtraField', 'cnfCrv7', 'cnfShortKey',
        'extraIntClaims', 'trailingByte', 'extraItem', 'disclosuresMap', 'disclosureText', 'topNotShortest', 'untaggedTokenBytes',
        'oversize', 'topMap',
      ),
    },
  ),
});

/**
 * Healthy, well-formed presentations at a venue (a third of the cases): they reach step 10 and 11,
 * where the mixed cases seldom get, so the binding and every policy code are met often.
 */
const probedCaseArbitrary: fc.Arbitrary<CaseSpec> = fc
  .tuple(
    mixedCaseArbitrary,
    probedClaimsArbitrary,
    // Mostly the setups with the list policy, mostly at its clinic and stadium (the nat and vax rules).
    pick([1, 0], [1, 1], [1, 2], [3, 3], [3, 4], [3, 5]),
    fc.oneof(pick([3, 0], [3, 1], [1, 2], [1, 3], [1, 4], [1, 5]), fc.nat({ max: 1000 })),
    pick<CnfChoice>([1, 'none'], [1, 'device']),
  )
  .map(([spec, claims, setup, venue, cnf]) => ({
    ...spec,
    setup,
    nowMode: 'near' as const,
    issuer: spec.issuer === 'national' ? ('national' as const) : ('province' as const),
    issOther: false,
    iat: 'recent' as const,
    exp: 'later' as const,
    nbf: spec.nbf === 'future' || spec.nbf === 'edgePlus1' ? ('absent' as const) : spec.nbf,
    claims,
    cnf,
    cti: 'fresh' as const,
    extra: 'none' as const,
    // Binding failures are the mixed cases' business: here the holder presents properly, in time.
    binding: 'good' as const,
    presentedAt: spec.presentedAt === 'max' ? 0 : Math.max(-60, Math.min(60, spec.presentedAt)),
    venue,
    alg: spec.alg === -8 ? (-8 as const) : (-19 as const),
    breakage: 'none' as const,
  }));

export const caseArbitrary: fc.Arbitrary<CaseSpec> = fc.oneof({ weight: 2, arbitrary: mixedCaseArbitrary }, { weight: 1, arbitrary: probedCaseArbitrary });

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/** Disclosures of a token these verifiers never saw: genuine CBOR, digests in no sd. */
const FOREIGN = issueToken({
  issuerSecret: ISSUERS.province.key.secretKey,
  iss: 'CN-35',
  iat: NOW,
  exp: NOW + DAY,
  claims: { status: 0, nat: [NOW, 0], vax: [3, NOW], fever: false },
});

const NONCE_16 = fromHex('000102030405060708090a0b0c0d0e0f');
const OTHER_NONCE = fromHex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');

function nowOf(spec: CaseSpec, s: Setup): number {
  switch (spec.nowMode) {
    case 'near': return NOW + spec.nowJitter;
    case 'deadlineLess1': return listDeadline(s) - 1;
    case 'deadline': return listDeadline(s);
    case 'sunsetLess1': return TRUST_POLICY.sunset - 1;
    case 'sunset': return TRUST_POLICY.sunset;
    case 'farFuture': return NOW + 400 * DAY;
  }
}

function iatOf(spec: CaseSpec, now: number): number {
  const key = spec.issuer === 'forger' ? ISSUERS.province : ISSUERS[spec.issuer];
  const revokedAt = key.revokedAt ?? key.notBefore;
  switch (spec.iat) {
    case 'recent': return Math.max(0, now - spec.iatJitter);
    case 'inWindow': return key.notBefore + (spec.iatJitter % (key.notAfter - key.notBefore));
    case 'beforeWindow': return key.notBefore - 1 - spec.iatJitter;
    case 'windowStart': return key.notBefore;
    case 'windowLast': return key.notAfter - 1;
    case 'windowEnd': return key.notAfter + (spec.iatJitter % 3);
    case 'revokedLess1': return Math.max(0, revokedAt - 1);
    case 'revokedAt': return revokedAt;
  }
}

/** A time as the toolkit takes it: exact, clamped to the uint64 range a token can carry. */
function clampTime(t: bigint): number | bigint {
  const c = t < 0n ? 0n : t > MAX_U64 ? MAX_U64 : t;
  return c <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(c) : c;
}

function expOf(spec: CaseSpec, now: number, skew: number): number | bigint {
  const n = BigInt(now);
  const k = BigInt(skew);
  switch (spec.exp) {
    case 'later': return now + spec.expSpan;
    case 'edgeLess1': return clampTime(n - k - 1n);
    case 'edge': return clampTime(n - k);
    case 'edgePlus1': return clampTime(n - k + 1n);
    case 'past': return clampTime(n - k - BigInt(spec.expSpan));
    case 'max': return MAX_U64;
    case 'pastSafe': return 0;
  }
}

function nbfOf(spec: CaseSpec, now: number, skew: number): number | bigint | undefined {
  const n = BigInt(now);
  const k = BigInt(skew);
  switch (spec.nbf) {
    case 'absent': return undefined;
    case 'zero': return 0;
    case 'past': return Math.max(0, now - spec.expSpan);
    case 'edgeLess1': return clampTime(n + k - 1n);
    case 'edge': return clampTime(n + k);
    case 'edgePlus1': return clampTime(n + k + 1n);
    case 'future': return clampTime(n + k + BigInt(spec.expSpan));
    case 'max': return MAX_U64;
  }
}

function algOf(a: AlgChoice): CborValue {
  if (a === 'text') return 'EdDSA';
  if (a === 'bigNegative') return -(1n << 40n);
  if (a === 'null') return null;
  return a;
}

function cnfOf(c: CnfChoice): Uint8Array | undefined {
  if (c === 'none') return undefined;
  if (c === 'device') return device.publicKey;
  return WEAK_CNF_KEYS[Number(c.slice(4))]!;
}

function ctiOf(c: CtiChoice): Uint8Array {
  return c === 'fresh' ? randomBytes(16) : REVOKED_CTI[c];
}

const cnfMap = (inner: [CborValue, CborValue][]): CborValue => new Map<CborValue, CborValue>([[1, new Map<CborValue, CborValue>(inner)]]);

/** Edits of the signed Claims map: each leaves the signature valid and the claims MALFORMED (step 5). */
function claimsMutation(b: Breakage, pub: Uint8Array): ((m: Map<CborValue, CborValue>) => CborValue) | undefined {
  const sd = (m: Map<CborValue, CborValue>): Uint8Array[] => [...(m.get(-65537) as readonly Uint8Array[])];
  switch (b) {
    case 'claimsUnsorted': return (m) => unsortedMap(new Map([...m].reverse()));
    case 'claimsTextKey': return (m) => m.set('x', 1);
    case 'claimsNotMap': return (m) => [...m.values()];
    case 'noIss': return (m) => { m.delete(1); return m; };
    case 'noExp': return (m) => { m.delete(4); return m; };
    case 'noIat': return (m) => { m.delete(6); return m; };
    case 'noCti': return (m) => { m.delete(7); return m; };
    case 'noSd': return (m) => { m.delete(-65537); return m; };
    case 'issEmpty': return (m) => m.set(1, '');
    case 'issLong': return (m) => m.set(1, 'CN-35'.padEnd(33, '0'));
    case 'issBytes': return (m) => m.set(1, new TextEncoder().encode(String(m.get(1))));
    case 'expNegative': return (m) => m.set(4, -1);
    case 'nbfText': return (m) => m.set(5, '0');
    case 'ctiShort': return (m) => m.set(7, new Uint8Array(15));
    case 'sdUnsorted': return (m) => (sd(m).length > 1 ? m.set(-65537, sd(m).reverse()) : m.set(-65537, [new Uint8Array(32).fill(9), new Uint8Array(32)]));
    case 'sdDuplicate': return (m) => m.set(-65537, [...sd(m), sd(m)[sd(m).length - 1]!]);
    case 'sdEmpty': return (m) => m.set(-65537, []);
    case 'sdTooMany': return (m) => m.set(-65537, Array.from({ length: 65 }, (_, i) => Uint8Array.from({ length: 32 }, (_x, j) => (j === 0 ? i : 0))));
    case 'sdShortEntry': return (m) => m.set(-65537, [new Uint8Array(31)]);
    case 'cnfExtraField': return (m) => m.set(8, cnfMap([[1, 1], [-1, 6], [-2, pub], [2, new Uint8Array(1)]]));
    case 'cnfCrv7': return (m) => m.set(8, cnfMap([[1, 1], [-1, 7], [-2, pub]]));
    case 'cnfShortKey': return (m) => m.set(8, cnfMap([[1, 1], [-1, 6], [-2, pub.slice(1)]]));
    default: return undefined;
  }
}

/** Envelope edits (step 2 MALFORMED, or step 4 BAD_SIGNATURE for the signature and payload ones). */
function sign1Mutation(b: Breakage, kid: Uint8Array, alg: CborValue): UnsafeSign1Options | undefined {
  switch (b) {
    case 'noTag': return { tag: null };
    case 'tag17': return { tag: 17 };
    case 'unprotected': return { unprotected: new Map<CborValue, CborValue>([[4, kid]]) };
    case 'protectedExtraKey': return { protectedMap: new Map<CborValue, CborValue>([[1, alg], [3, 0], [4, kid]]) };
    case 'protectedNoKid': return { protectedMap: new Map<CborValue, CborValue>([[1, alg]]) };
    case 'protectedNoAlg': return { protectedMap: new Map<CborValue, CborValue>([[4, kid]]) };
    case 'protectedUnsorted': return { protectedBytes: bytes(head(5, 2), encode(4), encode(kid), encode(1), encode(alg)) };
    case 'protectedNotMap': return { protectedBytes: encode([alg, kid]) };
    case 'sigTruncated': return { mapSignature: (s) => s.slice(0, 63) };
    case 'sigLong': return { mapSignature: (s) => bytes(s, [0]) };
    case 'sigFlip': return { mapSignature: (s) => { const o = s.slice(); o[(s[0]! % 64)]! ^= 1 << (s[1]! % 8); return o; } };
    case 'sigHighS': return { mapSignature: (s) => { const o = s.slice(); o[63] = 0xff; return o; } };
    case 'sigBadR': return { mapSignature: (s) => bytes(fromHex('ed' + 'ff'.repeat(30) + '7f'), s.slice(32)) };
    case 'payloadSwap': return { payloadAfterSigning: encode(new Map<CborValue, CborValue>([[1, 'CN-35']])) };
    default: return undefined;
  }
}

function venueOf(spec: CaseSpec, s: Setup): string | undefined {
  return spec.venue === null ? undefined : s.venues[spec.venue % s.venues.length];
}

/** A value nested `depth` arrays deep (the disclosure array itself is level 1, so depth 15 reaches level 16). */
function nested(depth: number): CborValue {
  let v: CborValue = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Hand-made disclosures whose digests the issuer signs into sd (so only their content is judged). */
function handMade(extra: ExtraDisclosure): { content: Uint8Array; key: number | bigint; value: CborValue } | null {
  const salt = randomBytes(16);
  switch (extra) {
    case 'unknownInSd': return { content: encodeDisclosure(salt, 77, 'x'), key: 77, value: 'x' };
    case 'bigKeyInSd': {
      const key = (1n << 53n) + 11n;
      return { content: encode([salt, key, [1, MAX_U64]]), key, value: [1, MAX_U64] };
    }
    case 'badSaltInSd': return { content: encode([salt.slice(1), 77, 0]), key: 77, value: 0 };
    case 'negativeKeyInSd': return { content: encode([salt, -1, 0]), key: -1, value: 0 };
    case 'floatInSd': return { content: bytes(head(4, 3), encode(salt), encode(77), [0xf9, 0x3c, 0x00]), key: 77, value: 0 };
    case 'tagInSd': return { content: encode([salt, 77, new Tagged(1, 0)]), key: 77, value: 0 };
    case 'deep16InSd': return { content: encodeDisclosure(salt, 78, nested(15)), key: 78, value: nested(15) };
    case 'deep17InSd': return { content: encodeDisclosure(salt, 78, nested(16)), key: 78, value: nested(16) };
    case 'exoticInSd': {
      // Map keys of every kind (decision I-29), in canonical order: an integer, a byte string, the
      // text "__proto__", an array and a map.
      const value = new RawCbor(
        bytes(
          head(5, 5),
          encode(1), encode(true),
          encode(new Uint8Array([1])), encode(1),
          encode('__proto__'), encode([7]),
          encode([1]), encode(2),
          encode(new Map<CborValue, CborValue>([[1, 'a']])), encode(null),
        ),
      );
      return { content: encodeDisclosure(salt, 79, value), key: 79, value };
    }
    default: return null;
  }
}

export function buildCase(spec: CaseSpec, s: Setup): BuiltCase {
  const now = nowOf(spec, s);
  const skew = spec.skew ?? 60;
  const key = spec.issuer === 'forger' ? ISSUERS.province : ISSUERS[spec.issuer];
  const signer = spec.issuer === 'forger' ? ISSUERS.stranger.key : key.key;
  const alg = algOf(spec.alg);
  const kid = spec.breakage === 'kid7' ? kidOf(key.key.publicKey).slice(0, 7) : spec.breakage === 'kid9' ? bytes(kidOf(key.key.publicKey), [0]) : kidOf(key.key.publicKey);

  const claims: { [k: number]: CborValue } = {};
  for (const c of spec.claims) claims[c.key] = c.natAge === undefined ? c.value : [Math.max(0, now - c.natAge), (c.value as readonly CborValue[])[1]!];
  const made = handMade(spec.extra);
  const mutate = claimsMutation(spec.breakage, cnfOf(spec.cnf) ?? device.publicKey);
  const sign1 = sign1Mutation(spec.breakage, kid, alg);
  let unsafe: UnsafeTokenOptions = {
    skipClaimTypeChecks: true,
    skipDigestCountCheck: true,
    kid,
    ...(made ? { extraDigests: [disclosureDigest(made.content)] } : {}),
    ...(mutate ? { mutateClaims: mutate } : {}),
    ...(sign1 ? { sign1 } : {}),
  };
  const nbf = nbfOf(spec, now, skew);
  const cnf = spec.card === 'cardWithCnf' ? device.publicKey : spec.card === 'none' ? cnfOf(spec.cnf) : undefined;
  const iat = iatOf(spec, now);
  const cardEdit = cardMutation(spec.card, iat);
  if (cardEdit) unsafe = { ...unsafe, mutateClaims: (m) => { cardEdit(m); return mutate ? mutate(m) : m; } };
  // A document check needs id4 (and a name) in the token to compare with, revealed or not.
  if (spec.document !== 'none') {
    claims[8] ??= '441x';
    claims[9] ??= '林*华';
  }
  const options: IssueTokenOptions = {
    issuerSecret: signer.secretKey,
    iss: spec.issOther ? (key.iss === 'CN' ? 'CN-35' : 'CN') : key.iss,
    iat,
    exp: expOf(spec, now, skew),
    cti: ctiOf(spec.cti),
    claims: claims as ClaimsInput,
    decoys: spec.decoys,
    alg,
    unsafe,
    ...(nbf === undefined ? {} : { nbf }),
    ...(cnf === undefined ? {} : { cnf }),
    ...(spec.breakage === 'extraIntClaims' ? { extraClaims: new Map<number, CborValue>([[2, 'x'], [-70000, [1, 2]], [100, new Map<CborValue, CborValue>([['a', 1]])]]) } : {}),
  };
  const issued = issueToken(options);

  // The holder's choice of disclosures.
  const revealed = new Map<number | bigint, CborValue>();
  let chosen: Uint8Array[] = [];
  issued.disclosures.forEach((d, i) => {
    const k = issued.keys[i]!;
    if (spec.revealAll || spec.reveal[k % 16] === true) {
      chosen.push(d);
      revealed.set(k, claims[k]!);
    }
  });
  switch (spec.extra) {
    case 'foreign': chosen.push(FOREIGN.disclosures[spec.decoys % FOREIGN.disclosures.length]!); break;
    case 'duplicate': chosen.push(chosen[0] ?? issued.disclosures[0] ?? FOREIGN.disclosures[0]!, chosen[0] ?? issued.disclosures[0] ?? FOREIGN.disclosures[0]!); break;
    case 'garbage': chosen.push(fromHex('00')); break;
    case 'nonCanonical': chosen.push(bytes(head(4, 3), encode(randomBytes(16)), head(0, 1, 1), encode(0))); break;
    default:
      if (made) {
        chosen.push(made.content);
        revealed.set(made.key, made.value);
      }
  }
  if (spec.reverseDisclosures) chosen = chosen.reverse();
  if (spec.breakage === 'oversize') chosen.push(encodeDisclosure(randomBytes(16), 99, new Uint8Array(4100)));

  // Holder binding and the reader's nonce.
  const readerNonce = spec.readerNonce === 'none' ? undefined : spec.readerNonce === 'n16' ? NONCE_16 : new Uint8Array(0);
  const bindingNonce = ((): Uint8Array | null => {
    switch (spec.binding) {
      case 'nonceNull': return null;
      case 'nonceOther': return OTHER_NONCE;
      case 'nonceEmpty': return new Uint8Array(0);
      default: return readerNonce ?? null;
    }
  })();
  const presentedAt = spec.presentedAt === 'max' ? MAX_U64 : Math.max(0, now + spec.presentedAt);
  let binding: CborValue | undefined;
  // Only holder-bound tokens get a binding, except for a few strays (a binding without cnf is MALFORMED).
  const wantsBinding = cnf !== undefined || spec.binding === 'otherDevice' || spec.binding === 'shape';
  if (wantsBinding && spec.binding !== 'none') {
    const deviceSecret = spec.binding === 'otherDevice' ? otherDevice.secretKey : device.secretKey;
    const cti = spec.binding === 'wrongCti' ? FOREIGN.cti : issued.cti;
    binding = spec.binding === 'shape' ? [presentedAt, 'nonce', new Uint8Array(64)] : holderBinding(cti, { deviceSecret, presentedAt, nonce: bindingNonce });
  }

  const presentation = assembleWithBreakage(spec.breakage, issued.token, chosen, binding);
  const venue = venueOf(spec, s);
  return {
    presentation,
    now,
    revealed,
    ...(venue === undefined ? {} : { venue }),
    ...(readerNonce === undefined ? {} : { nonce: readerNonce }),
    ...(spec.skew === null ? {} : { skew: spec.skew }),
    ...(spec.serial === 'none' ? {} : { card: spec.serial === 'right' ? SERIAL : OTHER_SERIAL }),
    ...(spec.document === 'none' ? {} : { document: documentOf(spec.document, claims[8], claims[9]) }),
  };
}

const SERIAL = fromHex('04a23b1c5d8011');
const OTHER_SERIAL = fromHex('04a23b1c5d8012');
const CARD = sha256(bytes(new TextEncoder().encode('PG1-card'), SERIAL)).slice(0, 16);
const MAX_CARD_LIFETIME = 259200n;

/** The card claim of a card pass (§10.1), and the breakages of its rules. */
function cardMutation(c: CardChoice, iat: number): ((m: Map<CborValue, CborValue>) => void) | undefined {
  if (c === 'none') return undefined;
  return (m) => {
    m.set(-65538, c === 'cardShort' ? CARD.slice(1) : CARD);
    const exp = m.get(4);
    const longest = BigInt(iat) + MAX_CARD_LIFETIME + (c === 'cardLong' ? 1n : 0n);
    if (c === 'cardLong' || typeof exp !== 'number' && typeof exp !== 'bigint' || BigInt(exp) > longest) m.set(4, longest);
  };
}

/** The document a reader gives, made from the token's id4 and name (as the holder's, or not). */
function documentOf(d: DocumentChoice, id4: CborValue | undefined, name: CborValue | undefined): { number: string; name?: string } {
  const tail = (s: CborValue | undefined, fallback: string, n: number): string => (typeof s === 'string' && s !== '' ? [...s].slice(-n).join('') : fallback);
  const number = `350102${tail(id4, '441X', 40)}`;
  const holderName = tail(name, '林*华', 63).replace(/\*/g, '建');
  const swap = (s: string): string => s.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  switch (d) {
    case 'numberOnly': return { number };
    case 'other': return { number: '110101199003077777', name: '王小明' };
    case 'caseSwapped': return { number: swap(number), name: holderName };
    case 'nameOther': return { number, name: `${holderName}国` };
    default: return { number, name: holderName };
  }
}

function assembleWithBreakage(b: Breakage, token: Uint8Array, disclosures: Uint8Array[], binding: CborValue | undefined): Uint8Array {
  const tail: CborValue[] = binding === undefined ? [] : [binding];
  switch (b) {
    case 'trailingByte': return bytes(assemblePresentation(token, disclosures, binding), [0]);
    case 'extraItem': return encode([new RawCbor(token), disclosures, ...(binding === undefined ? [[0, null, new Uint8Array(64)]] : [binding]), 0]);
    case 'disclosuresMap': return encode([new RawCbor(token), new Map<CborValue, CborValue>(disclosures.map((d, i) => [i, d])), ...tail]);
    case 'disclosureText': return encode([new RawCbor(token), [...disclosures, 'disclosure'], ...tail]);
    case 'topNotShortest': {
      const p = assemblePresentation(token, disclosures, binding);
      return bytes(head(4, 2 + tail.length, 1), p.slice(1));
    }
    case 'untaggedTokenBytes': return encode([token, disclosures, ...tail]);
    case 'topMap': return encode(new Map<CborValue, CborValue>([[0, new RawCbor(token)], [1, disclosures]]));
    default: return assemblePresentation(token, disclosures, binding);
  }
}
