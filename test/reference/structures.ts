/**
 * Reference: the shapes of PG1 §2-§4, checked on values decoded (with cbor-x, through the SDK's
 * value decoder) only after strictCbor.ts has accepted the bytes. Every parser returns null, or a
 * code, when the shape is wrong; the verifier maps that to the step it belongs to.
 */
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { Tagged } from '../../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../../sdk/cbor/valueDecoder.js';
import { isStrictCbor, type TagRule } from './strictCbor.js';
import { asArray, asBytes, asInt, asMap, asUint, compareBytes, getInt, hasInts, keysWithin } from './values.js';

/** The strict §1 check, then cbor-x. null when the bytes break §1. */
export function strictDecode(bytes: Uint8Array, rule: TagRule): CborValue | null {
  if (!isStrictCbor(bytes, rule)) return null;
  return decodeValue(bytes);
}

export interface Sign1 {
  readonly protectedBytes: Uint8Array;
  readonly alg: bigint;
  readonly kid: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * A COSE_Sign1 as §2 profiles it. 'MALFORMED' for any structural deviation; the alg is returned
 * whatever its integer value, because UNSUPPORTED_ALG is judged after every MALFORMED check.
 */
export function parseSign1(v: CborValue): Sign1 | 'MALFORMED' {
  if (!(v instanceof Tagged) || BigInt(v.tag) !== 18n) return 'MALFORMED';
  const a = asArray(v.value);
  if (a === null || a.length !== 4) return 'MALFORMED';
  const protectedBytes = asBytes(a[0]);
  const unprotected = asMap(a[1]);
  const payload = asBytes(a[2]);
  const signature = asBytes(a[3], 64);
  if (protectedBytes === null || unprotected === null || unprotected.size !== 0 || payload === null || signature === null) {
    return 'MALFORMED';
  }
  // bstr .cbor {1: alg, 4: kid}: a document of its own, with exactly those two keys.
  const header = asMap(strictDecode(protectedBytes, 'none'));
  if (header === null || header.size !== 2 || !keysWithin(header, [1, 4])) return 'MALFORMED';
  const alg = asInt(getInt(header, 1));
  const kid = asBytes(getInt(header, 4), 8);
  if (alg === null || kid === null) return 'MALFORMED';
  return { protectedBytes, alg, kid, payload, signature };
}

export function isSupportedAlg(alg: bigint): boolean {
  return alg === -19n || alg === -8n;
}

export interface Binding {
  readonly presentedAt: bigint;
  readonly nonce: Uint8Array | null;
  readonly signature: Uint8Array;
}

export interface Presentation {
  readonly token: Sign1;
  readonly disclosures: readonly Uint8Array[];
  readonly binding: Binding | null;
}

function parseBinding(v: CborValue | undefined): Binding | null {
  const a = asArray(v);
  if (a === null || a.length !== 3) return null;
  const presentedAt = asUint(a[0]);
  const nonce = a[1] === null ? null : asBytes(a[1]);
  const signature = asBytes(a[2], 64);
  if (presentedAt === null || (a[1] !== null && nonce === null) || signature === null) return null;
  return { presentedAt, nonce, signature };
}

/** Step 2: [token, [* bstr], ? binding]. */
export function parsePresentation(bytes: Uint8Array): Presentation | 'MALFORMED' {
  const top = asArray(strictDecode(bytes, 'rootArrayFirst'));
  if (top === null || (top.length !== 2 && top.length !== 3)) return 'MALFORMED';
  const token = parseSign1(top[0]!);
  if (token === 'MALFORMED') return token;
  const list = asArray(top[1]);
  if (list === null) return 'MALFORMED';
  const disclosures: Uint8Array[] = [];
  for (const d of list) {
    const b = asBytes(d);
    if (b === null) return 'MALFORMED';
    disclosures.push(b);
  }
  let binding: Binding | null = null;
  if (top.length === 3) {
    binding = parseBinding(top[2]);
    if (binding === null) return 'MALFORMED';
  }
  return { token, disclosures, binding };
}

export interface Claims {
  readonly iss: string;
  readonly exp: bigint;
  readonly nbf: bigint | null;
  readonly iat: bigint;
  readonly cti: Uint8Array;
  /** The holder's Ed25519 public key, when the token is holder-bound. */
  readonly cnf: Uint8Array | null;
  readonly sd: readonly Uint8Array[];
  /** §10.1: H("PG1-card" || serial)[0..16] of the card a card pass is written to. */
  readonly card: Uint8Array | null;
}

const utf8 = new TextEncoder();

/** cnf = {1: {1: 1, -1: 6, -2: bstr(32)}} and nothing else (§2: "cnf with other fields is MALFORMED"). */
function parseCnf(v: CborValue | undefined): Uint8Array | null {
  const outer = asMap(v);
  if (outer === null || outer.size !== 1 || !keysWithin(outer, [1])) return null;
  const key = asMap(getInt(outer, 1));
  if (key === null || key.size !== 3 || !keysWithin(key, [1, -1, -2])) return null;
  if (asInt(getInt(key, 1)) !== 1n || asInt(getInt(key, -1)) !== 6n) return null;
  return asBytes(getInt(key, -2), 32);
}

function parseSd(v: CborValue | undefined): Uint8Array[] | null {
  const a = asArray(v);
  if (a === null || a.length < 1 || a.length > 64) return null;
  const out: Uint8Array[] = [];
  for (const d of a) {
    const b = asBytes(d, 32);
    if (b === null) return null;
    if (out.length > 0 && compareBytes(out[out.length - 1]!, b) >= 0) return null; // strictly increasing
    out.push(b);
  }
  return out;
}

/** Step 5: payload = bstr .cbor Claims. */
export function parseClaims(payload: Uint8Array): Claims | null {
  const m = asMap(strictDecode(payload, 'none'));
  if (m === null) return null;
  for (const k of m.keys()) if (asInt(k) === null) return null; // a text (or any non-integer) key
  if (!hasInts(m, [1, 4, 6, 7, -65537])) return null;
  const iss = getInt(m, 1);
  if (typeof iss !== 'string') return null;
  const issLength = utf8.encode(iss).length;
  if (issLength < 1 || issLength > 32) return null;
  const exp = asUint(getInt(m, 4));
  const iat = asUint(getInt(m, 6));
  const nbfValue = getInt(m, 5);
  const nbf = nbfValue === undefined ? null : asUint(nbfValue);
  const cti = asBytes(getInt(m, 7), 16);
  const cnfValue = getInt(m, 8);
  const cnf = cnfValue === undefined ? null : parseCnf(cnfValue);
  const sd = parseSd(getInt(m, -65537));
  if (exp === null || iat === null || (nbfValue !== undefined && nbf === null) || cti === null) return null;
  if ((cnfValue !== undefined && cnf === null) || sd === null) return null;
  // §10.1: card is exactly 16 bytes, never with cnf, and exp - iat <= 259200 (3 days).
  const cardValue = getInt(m, -65538);
  const card = cardValue === undefined ? null : asBytes(cardValue, 16);
  if (cardValue !== undefined && (card === null || cnfValue !== undefined || exp - iat > 259200n)) return null;
  return { iss, exp, nbf, iat, cti, cnf, sd, card };
}

export interface Disclosure {
  readonly key: bigint;
  readonly value: CborValue;
}

function isUintValue(v: CborValue | undefined): boolean {
  return asUint(v) !== null;
}

function isBool(v: CborValue | undefined): boolean {
  return typeof v === 'boolean';
}

/** §3 value types of the known keys. Unknown keys may hold any (§1-valid) value. */
const KNOWN_TYPES: ReadonlyMap<bigint, (v: CborValue) => boolean> = new Map<bigint, (v: CborValue) => boolean>([
  [1n, (v) => { const n = asUint(v); return n !== null && n <= 2n; }],
  [2n, (v) => { const a = asArray(v); return a !== null && a.length === 2 && isUintValue(a[0]) && (asUint(a[1]) === 0n || asUint(a[1]) === 1n); }],
  [3n, (v) => { const a = asArray(v); return a !== null && a.length === 2 && isUintValue(a[0]) && isUintValue(a[1]); }],
  [4n, isBool],
  [5n, isBool],
  [6n, isBool],
  // "uint (six-digit GB/T 2260 code)": the six digits are part of the type, as the lengths of id4 and photo are.
  [7n, (v) => { const n = asUint(v); return n !== null && n >= 100000n && n <= 999999n; }],
  [8n, (v) => typeof v === 'string' && Array.from(v).length >= 1 && Array.from(v).length <= 4],
  [9n, (v) => typeof v === 'string'],
  [10n, (v) => asBytes(v, 32) !== null],
  [11n, isBool],
]);

/** Step 9: Disclosure content = [salt bstr(16), key uint, value]. */
export function parseDisclosure(content: Uint8Array): Disclosure | null {
  const a = asArray(strictDecode(content, 'none'));
  if (a === null || a.length !== 3) return null;
  const salt = asBytes(a[0], 16);
  const key = asUint(a[1]);
  if (salt === null || key === null) return null;
  const value = a[2]!;
  const typeOk = KNOWN_TYPES.get(key);
  if (typeOk !== undefined && !typeOk(value)) return null;
  return { key, value };
}
