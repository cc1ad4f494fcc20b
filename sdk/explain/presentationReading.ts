/**
 * Step 2 of PG1 §5 read again, in TypeScript, for explain: transport, size, the presentation's
 * encoding and the structure of presentation and token. Nested `bstr .cbor` documents go through the
 * core's own §1 validator; the outer one (which holds the token's tag) is read with the validated
 * reader and must re-encode to the very same bytes, which is what §1's deterministic rules amount to.
 */
import { encode, Tagged, type CborValue } from '../cbor/deterministicEncoder.js';
import { readValidated, readValidatedTagged } from '../cbor/validatedReader.js';
import type { Uint } from '../cbor/shape.js';
import { decodeBase45 } from '../encoding/base45.js';
import { fromHex } from '../encoding/hex.js';
import { fault } from '../verifier/resultDetail.js';

export const MAX_PRESENTATION_BYTES = 4096;

export interface Binding {
  readonly presentedAt: Uint;
  readonly nonce: Uint8Array | null;
}

export interface PresentationParts {
  readonly alg: number | bigint;
  readonly kid: Uint8Array;
  readonly payload: Uint8Array;
  /** The disclosures' contents (the bytes inside each bstr). */
  readonly disclosures: readonly Uint8Array[];
  readonly binding: Binding | null;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const TRANSPORT_CHECK = 'transport: text is PG1: + base45, or hex of the raw bytes';

/** The raw presentation: text (`PG1:` + base45, else hex) decoded, bytes as they are. */
export function transportBytes(input: string | Uint8Array): Uint8Array {
  if (typeof input !== 'string') {
    if (input.length === 0) throw fault(2, 'a presentation is not empty', { bytes: 0 });
    return input;
  }
  if (input.length === 0) throw fault(2, 'a presentation is not empty (an empty line)', { characters: 0 });
  // Text that is not hex at all ("hello world") is neither form: say so, not that its length is odd.
  const notHex = input.startsWith('PG1:') ? null : /[^0-9a-fA-F]/.exec(input);
  if (notHex) {
    throw fault(2, TRANSPORT_CHECK, { transport: 'neither: no PG1: prefix, and not hex', reason: `not a hex digit at offset ${notHex.index}` });
  }
  try {
    return input.startsWith('PG1:') ? decodeBase45(input.slice(4)) : fromHex(input);
  } catch (e) {
    const transport = input.startsWith('PG1:') ? 'base45 after PG1:' : 'hex (text without the PG1: prefix)';
    throw fault(2, TRANSPORT_CHECK, { transport, reason: message(e) });
  }
}

const isBytes = (v: CborValue | undefined, length?: number): v is Uint8Array => v instanceof Uint8Array && (length === undefined || v.length === length);
const isUint = (v: CborValue | undefined): v is Uint => (typeof v === 'number' && v >= 0) || (typeof v === 'bigint' && v >= 0n);
const isInt = (v: CborValue | undefined): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** The outer document: one §1 item (re-encoding gives the same bytes) with no bytes after it. */
function outerDocument(bytes: Uint8Array): CborValue {
  let value: CborValue;
  try {
    value = readValidatedTagged(bytes);
  } catch (e) {
    throw fault(2, 'encoding (§1): one well-formed item, definite lengths, no floats or undefined, valid UTF-8, nothing after it', { reason: message(e) });
  }
  let again: Uint8Array | undefined;
  try {
    again = encode(value);
  } catch {
    again = undefined;
  }
  if (again === undefined || again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) {
    throw fault(2, 'encoding (§1): shortest heads, map keys sorted bytewise without duplicates, a tag only on the token');
  }
  return value;
}

function protectedHeader(bytes: Uint8Array, isStrictCbor: (b: Uint8Array) => boolean): { alg: number | bigint; kid: Uint8Array } {
  const check = 'token protected header: bstr .cbor {1: alg, 4: kid bstr(8)}, exactly these keys';
  if (!isStrictCbor(bytes)) throw fault(2, check, { reason: 'not a §1 document' });
  const m = readValidated(bytes);
  if (!(m instanceof Map) || m.size !== 2 || !m.has(1) || !m.has(4)) throw fault(2, check, { reason: 'not a map of keys 1 and 4' });
  const alg = m.get(1);
  const kid = m.get(4);
  if (!isInt(alg)) throw fault(2, check, { reason: 'alg is not an integer' });
  if (!isBytes(kid, 8)) throw fault(2, check, { reason: 'kid is not 8 bytes' });
  return { alg, kid };
}

function binding(v: CborValue): Binding {
  const check = 'binding: [presented_at uint, nonce bstr / null, sig bstr(64)]';
  if (!Array.isArray(v) || v.length !== 3) throw fault(2, check);
  const [presentedAt, nonce, sig] = v as readonly CborValue[];
  if (!isUint(presentedAt) || !(nonce === null || isBytes(nonce)) || !isBytes(sig, 64)) throw fault(2, check);
  return { presentedAt, nonce: nonce as Uint8Array | null };
}

/** Steps 2's structure; throws DetailFound (step 2) for the first rule broken. */
export function readPresentation(bytes: Uint8Array, isStrictCbor: (b: Uint8Array) => boolean): PresentationParts {
  if (bytes.length > MAX_PRESENTATION_BYTES) throw fault(2, 'size: a presentation is at most 4,096 bytes', { bytes: bytes.length, limit: MAX_PRESENTATION_BYTES });
  const top = outerDocument(bytes);
  if (!Array.isArray(top) || top.length < 2 || top.length > 3) throw fault(2, 'Presentation = [token, disclosures, ? binding]');
  const [token, disclosures, bound] = top as readonly CborValue[];
  const tokenCheck = 'Token = #6.18([protected bstr, unprotected {}, payload bstr, signature bstr(64)])';
  if (!(token instanceof Tagged) || token.tag !== 18 || !Array.isArray(token.value) || token.value.length !== 4) throw fault(2, tokenCheck);
  const [prot, unprotected, payload, signature] = token.value as readonly CborValue[];
  if (!isBytes(prot) || !(unprotected instanceof Map) || unprotected.size !== 0 || !isBytes(payload) || !isBytes(signature, 64)) throw fault(2, tokenCheck);
  const header = protectedHeader(prot, isStrictCbor);
  if (!Array.isArray(disclosures) || !(disclosures as readonly CborValue[]).every((d) => isBytes(d))) throw fault(2, 'disclosures: [* bstr]');
  return { ...header, payload, disclosures: disclosures as Uint8Array[], binding: bound === undefined ? null : binding(bound) };
}

/** PG1 §2: -19 (Ed25519) or -8 (EdDSA, meaning Ed25519). */
export function algSupported(alg: number | bigint): boolean {
  return alg === -19 || alg === -8;
}
