/**
 * HC1 passes and their signers, made for tests: a document signer certificate (DER, just enough X.509
 * for node:crypto's X509Certificate: a subject key and an extended key usage; its own signature is never
 * checked, §11.1) and a pass signed with its key, every part of which a test can change.
 */
import { createHash, generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { encode, Tagged, RawCbor, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { encodeBase45 } from '../../sdk/encoding/base45.js';

// --- DER, only what a certificate needs ---
function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return [0x80 | bytes.length, ...bytes];
}
function der(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return Buffer.concat([Uint8Array.of(tag, ...derLength(body.length)), body]);
}
function oid(text: string): Uint8Array {
  const parts = text.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const septets: number[] = [];
    let v = p;
    do { septets.unshift(v & 0x7f); v = Math.floor(v / 128); } while (v > 0);
    septets.forEach((s, i) => out.push(i < septets.length - 1 ? s | 0x80 : s));
  }
  return der(0x06, Uint8Array.from(out));
}
const seq = (...c: Uint8Array[]) => der(0x30, ...c);
const utf8 = (t: string) => der(0x0c, new TextEncoder().encode(t));
const name = (cn: string) => seq(der(0x31, seq(oid('2.5.4.3'), utf8(cn))));

/** The extended key usage OIDs of PG1 §11.1. */
export const EKU = {
  test: '1.3.6.1.4.1.1847.2021.1.1',
  vaccination: '1.3.6.1.4.1.1847.2021.1.2',
  recovery: '1.3.6.1.4.1.1847.2021.1.3',
  testOtherArc: '1.3.6.1.4.1.0.1847.2021.1.1',
} as const;

/** A DER certificate for `key` with this extended key usage (none: no extension). */
export function certificateFor(key: KeyObject, eku: readonly string[] = [], extraBytes = 0, subject = 'Test DSC'): Uint8Array {
  const spki = key.export({ type: 'spki', format: 'der' });
  const extensions: Uint8Array[] = [];
  if (eku.length > 0) extensions.push(seq(oid('2.5.29.37'), der(0x04, seq(...eku.map(oid)))));
  // A long, harmless extension (a private OID) makes a huge certificate.
  if (extraBytes > 0) extensions.push(seq(oid('1.3.6.1.4.1.99999.1'), der(0x04, new Uint8Array(extraBytes))));
  const tbs = seq(
    der(0xa0, der(0x02, Uint8Array.of(2))),
    der(0x02, Uint8Array.of(1)),
    seq(oid('1.2.840.10045.4.3.2')),
    name('Test CSCA'),
    seq(der(0x17, new TextEncoder().encode('210101000000Z')), der(0x17, new TextEncoder().encode('491231235959Z'))),
    name(subject),
    spki,
    ...(extensions.length > 0 ? [der(0xa3, seq(...extensions))] : []),
  );
  return seq(tbs, seq(oid('1.2.840.10045.4.3.2')), der(0x03, Uint8Array.of(0, 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01)));
}

/** A document signer: its key pair, certificate and DSC list entry. */
export interface TestSigner {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly certificate: Uint8Array;
  readonly kid: Uint8Array;
  readonly entry: { kid: string; country: string; certificateType: string; rawData: string };
}

export type SignerKind = 'P-256' | 'P-384' | 'RSA';

export function makeSigner(kind: SignerKind = 'P-256', eku: readonly string[] = [], extraBytes = 0): TestSigner {
  const { privateKey, publicKey } = kind === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: kind === 'P-256' ? 'prime256v1' : 'secp384r1' });
  const certificate = certificateFor(publicKey, eku, extraBytes);
  const kid = createHash('sha256').update(certificate).digest().subarray(0, 8);
  return {
    privateKey,
    publicKey,
    certificate,
    kid,
    entry: { kid: Buffer.from(kid).toString('base64'), country: 'XX', certificateType: 'DSC', rawData: Buffer.from(certificate).toString('base64') },
  };
}

export const T0 = 1_640_000_000; // 2021-12-20
export const HOUR = 3600;
export const DAY = 86_400;

/** A vaccination certificate (schema 1.3.0) as a CBOR map; dt 10 days before T0. */
export function vaccination(over: Record<string, CborValue> = {}): Map<CborValue, CborValue> {
  return certificate('v', new Map<CborValue, CborValue>([
    ['tg', '840539006'], ['vp', '1119349007'], ['mp', 'EU/1/20/1528'], ['ma', 'ORG-100030215'],
    ['dn', 2], ['sd', 2], ['dt', '2021-12-10'], ['co', 'AT'], ['is', 'Ministry of Health'],
    ['ci', 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B'],
    ...Object.entries(over),
  ]));
}

/** A test certificate (schema 1.3.0); sampled 10 hours before T0, not detected. */
export function test(over: Record<string, CborValue> = {}): Map<CborValue, CborValue> {
  return certificate('t', new Map<CborValue, CborValue>([
    ['tg', '840539006'], ['tt', 'LP6464-4'], ['nm', 'Roche LightCycler qPCR'], ['sc', '2021-12-20T01:00:00Z'],
    ['tr', '260415000'], ['tc', 'Test centre'], ['co', 'AT'], ['is', 'Ministry of Health'],
    ['ci', 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B'],
    ...Object.entries(over),
  ]));
}

/** A recovery certificate (schema 1.3.0), valid 2021-12-01 to 2022-05-30. */
export function recovery(over: Record<string, CborValue> = {}): Map<CborValue, CborValue> {
  return certificate('r', new Map<CborValue, CborValue>([
    ['tg', '840539006'], ['fr', '2021-11-20'], ['co', 'AT'], ['is', 'Ministry of Health'],
    ['df', '2021-12-01'], ['du', '2022-05-30'], ['ci', 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B'],
    ...Object.entries(over),
  ]));
}

function certificate(kind: 'v' | 't' | 'r', entry: Map<CborValue, CborValue>): Map<CborValue, CborValue> {
  return new Map<CborValue, CborValue>([
    ['ver', '1.3.0'],
    ['nam', new Map<CborValue, CborValue>([['fn', 'Musterfrau'], ['fnt', 'MUSTERFRAU'], ['gn', 'Gabriele'], ['gnt', 'GABRIELE']])],
    ['dob', '1998-02-26'],
    [kind, [entry]],
  ]);
}

export interface PassOptions {
  readonly signer: TestSigner;
  readonly certificate?: CborValue;
  /** The whole payload, replacing the CWT claims made from the fields below. */
  readonly payload?: CborValue | RawCbor;
  readonly country?: CborValue;
  readonly iat?: CborValue;
  readonly exp?: CborValue;
  readonly alg?: CborValue;
  /** undefined: the signer's kid. */
  readonly kid?: CborValue;
  /** A value under label 99 of the unprotected header (not signed: a way to make a pass big or deep). */
  readonly unprotectedExtra?: CborValue | RawCbor;
  /** Put alg and kid in the unprotected header instead. */
  readonly unprotectedHeaders?: boolean;
  /** Wrap in tag 61 (CWT) around tag 18. */
  readonly cwtTag?: boolean;
  /** Change the signature after signing. */
  readonly tamper?: boolean;
  /** Sign as PS256 with this salt length (RSA signers). */
  readonly pssSalt?: number;
  readonly prefix?: string;
}

/** The CBOR of a COSE_Sign1 made by `signer`, before compression. */
export function sign1Bytes(o: PassOptions): Uint8Array {
  const payload = o.payload instanceof RawCbor ? o.payload.bytes : encode(o.payload ?? new Map<CborValue, CborValue>([
    [1, o.country ?? 'AT'],
    [4, o.exp ?? T0 + 365 * DAY],
    [6, o.iat ?? T0 - DAY],
    [-260, new Map<CborValue, CborValue>([[1, o.certificate ?? vaccination()]])],
  ]));
  const rsa = o.signer.privateKey.asymmetricKeyType === 'rsa';
  const alg = o.alg ?? (rsa ? -37 : -7);
  const headers = new Map<CborValue, CborValue>([[1, alg], [4, o.kid ?? o.signer.kid]]);
  const protectedBytes = o.unprotectedHeaders ? new Uint8Array(0) : encode(headers);
  const unprotected = o.unprotectedHeaders ? headers : new Map<CborValue, CborValue>();
  if (o.unprotectedExtra !== undefined) unprotected.set(99, o.unprotectedExtra);
  const tbs = encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  let signature = rsa
    ? sign('sha256', tbs, { key: o.signer.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: o.pssSalt ?? 32 })
    : sign('sha256', tbs, { key: o.signer.privateKey, dsaEncoding: 'ieee-p1363' });
  if (o.tamper) { signature = Buffer.from(signature); signature[5]! ^= 1; }
  const sign1 = new Tagged(18, [protectedBytes, unprotected, payload, new Uint8Array(signature)]);
  return encode(o.cwtTag ? new Tagged(61, sign1) : sign1);
}

/** The HC1 text of a pass: prefix, base45 of the zlib-compressed COSE_Sign1. */
export function hc1Of(cose: Uint8Array, prefix = 'HC1:'): string {
  return prefix + encodeBase45(deflateSync(cose));
}

export function pass(o: PassOptions): string {
  return hc1Of(sign1Bytes(o), o.prefix);
}
