/**
 * Comparing what the SDK (over the core) and the reference verifier say about one presentation, in
 * each transport form. Claims are compared by value: the SDK keeps integers beyond 2^53 exact as
 * bigint, the reference writes the nearest JSON number, so a bigint matches the number it rounds to.
 */
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { RawCbor } from '../../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../../sdk/cbor/valueDecoder.js';
import { CLAIM_NAMES } from '../../sdk/pg1/claims.js';
import { toQrText } from '../../sdk/issuer/index.js';
import type { Verification } from '../../sdk/verifier/verifier.js';
import type { ReferenceResult } from '../reference/referenceVerifier.js';
import { hex } from '../reference/values.js';

export interface TransportForm {
  readonly form: 'raw' | 'qr' | 'hex';
  readonly input: string | Uint8Array;
}

/** The three ways a presentation reaches a verifier (§4, §9): raw bytes, `PG1:` + base45, hex text. */
export function transportForms(presentation: Uint8Array, upperHex = false): TransportForm[] {
  const h = hex(presentation);
  return [
    { form: 'raw', input: presentation.slice() },
    { form: 'qr', input: toQrText(presentation) },
    { form: 'hex', input: upperHex ? h.toUpperCase() : h },
  ];
}

/**
 * A canonical text of a claims value: own enumerable keys only (so a key that silently became a
 * prototype shows up as missing), sorted; bigints as the number they round to when `rounded`,
 * else as exact digits marked with "n".
 */
export function canonical(v: unknown, rounded: boolean): string {
  if (typeof v === 'bigint') return rounded ? JSON.stringify(Number(v)) : `${v}n`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, rounded)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const proto = Object.getPrototypeOf(o) as unknown;
  const protoMark = proto === Object.prototype || proto === null ? '' : '<proto changed>';
  return `${protoMark}{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k], rounded)}`).join(',')}}`;
}

/** Differences between the two outcomes ({result, iss, kid, claims}), or null when they agree. */
export function difference(sdk: Verification, ref: ReferenceResult): string | null {
  const out: string[] = [];
  if (sdk.result !== ref.result) out.push(`result: sdk ${sdk.result}, reference ${ref.result}`);
  if (sdk.iss !== ref.iss) out.push(`iss: sdk ${JSON.stringify(sdk.iss)}, reference ${JSON.stringify(ref.iss)}`);
  if (sdk.kid !== ref.kid) out.push(`kid: sdk ${sdk.kid}, reference ${ref.kid}`);
  const a = sdk.claims === undefined ? 'undefined' : canonical(sdk.claims, true);
  const b = ref.claims === undefined ? 'undefined' : canonical(ref.claims, true);
  if (a !== b) out.push(`claims: sdk ${a}, reference ${b}`);
  return out.length === 0 ? null : out.join('; ');
}

/**
 * A map key as text (decision I-29): text as it is, integers as digits, byte strings as hex, anything
 * else as its JSON text.
 */
function keyText(k: CborValue): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number' || typeof k === 'bigint') return k.toString();
  if (k instanceof Uint8Array) return hex(k);
  return JSON.stringify(jsonValue(k), (_x, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** §9 JSON of a claim value, written independently of both verifiers (integers exact). */
function jsonValue(v: CborValue): unknown {
  if (v instanceof RawCbor) return jsonValue(decodeValue(v.bytes));
  if (v instanceof Uint8Array) return hex(v);
  if (Array.isArray(v)) return (v as readonly CborValue[]).map(jsonValue);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v as ReadonlyMap<CborValue, CborValue>) {
      Object.defineProperty(o, keyText(k), {
        value: jsonValue(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return o;
  }
  if (typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  return v;
}

/** The claims a verifier must report for these verified disclosures, by §3 name. */
export function expectedClaims(revealed: ReadonlyMap<number | bigint, CborValue>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of revealed) o[(CLAIM_NAMES as Record<string, string>)[String(k)] ?? String(k)] = jsonValue(v);
  return o;
}
