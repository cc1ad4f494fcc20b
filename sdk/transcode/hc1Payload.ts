/**
 * §11.2 step 5: the CWT payload of an HC1 pass. It must be a map with 1 (issuing country, text), 4 (exp)
 * and 6 (iat) — non-negative numbers, integers or floats (the integer part counts) — and -260 holding a
 * map whose key 1 is the certificate: a map in which exactly one of `v`, `t`, `r` holds a non-empty array,
 * the others absent or null.
 */
import type { CertificateKind } from './dscList.js';
import { ForeignFloat, readForeignCbor, ForeignCborError, type ForeignValue } from './foreignCbor.js';

const CLAIM_ISSUER = 1;
const CLAIM_EXP = 4;
const CLAIM_IAT = 6;
const CLAIM_HCERT = -260;
const HCERT_EU_DCC = 1;
const KINDS: readonly CertificateKind[] = ['v', 't', 'r'];

/** What step 5 finds in a payload that holds. */
export interface Hc1Payload {
  readonly country: string;
  /** Unix seconds, the integer part of what the pass says. */
  readonly exp: number;
  readonly iat: number;
  readonly kind: CertificateKind;
  /** The certificate map, as read (for the schema check and the token). */
  readonly certificate: ReadonlyMap<ForeignValue, ForeignValue>;
}

/** Why a payload fails step 5 (the result is MALFORMED). */
export class Hc1PayloadError extends Error {
  override readonly name = 'Hc1PayloadError';
}

/** A non-negative time, integer or float; its integer part. */
function seconds(value: ForeignValue, name: string): number {
  if (typeof value === 'number' && value >= 0) return value;
  if (typeof value === 'bigint' && value >= 0n) return Number(value);
  if (value instanceof ForeignFloat && Number.isFinite(value.value) && value.value >= 0) return Math.floor(value.value);
  throw new Hc1PayloadError(`${name} is not a non-negative number`);
}

/** A text claim. */
function text(value: ForeignValue, name: string): string {
  if (typeof value !== 'string') throw new Hc1PayloadError(`${name} is not text`);
  return value;
}

/** The kind of a certificate: the one of v, t, r that holds a non-empty array (the others absent or null). */
export function certificateKind(certificate: ReadonlyMap<ForeignValue, ForeignValue>): CertificateKind {
  let found: CertificateKind | null = null;
  for (const kind of KINDS) {
    if (!certificate.has(kind) || certificate.get(kind) === null) continue;
    const entries = certificate.get(kind);
    if (!Array.isArray(entries) || entries.length === 0) throw new Hc1PayloadError(`"${kind}" is not a non-empty array`);
    if (found !== null) throw new Hc1PayloadError(`the certificate holds both "${found}" and "${kind}"`);
    found = kind;
  }
  if (found === null) throw new Hc1PayloadError('the certificate holds none of "v", "t", "r"');
  return found;
}

/**
 * Reads and checks the payload of a verified COSE_Sign1.
 *
 * @throws {@link Hc1PayloadError} when it fails step 5.
 */
export function readHc1Payload(payload: Uint8Array): Hc1Payload {
  let claims: ForeignValue;
  try {
    claims = readForeignCbor(payload);
  } catch (e) {
    if (e instanceof ForeignCborError) throw new Hc1PayloadError(`the payload is not CBOR: ${e.message}`);
    throw e;
  }
  if (!(claims instanceof Map)) throw new Hc1PayloadError('the payload is not a map');
  const map = claims as ReadonlyMap<ForeignValue, ForeignValue>;
  const country = text(map.get(CLAIM_ISSUER), 'the issuing country (1)');
  const exp = seconds(map.get(CLAIM_EXP), 'exp (4)');
  const iat = seconds(map.get(CLAIM_IAT), 'iat (6)');
  const hcert = map.get(CLAIM_HCERT);
  if (!(hcert instanceof Map)) throw new Hc1PayloadError('hcert (-260) is not a map');
  const certificate = (hcert as ReadonlyMap<ForeignValue, ForeignValue>).get(HCERT_EU_DCC);
  if (!(certificate instanceof Map)) throw new Hc1PayloadError('the certificate (-260 / 1) is not a map');
  const cert = certificate as ReadonlyMap<ForeignValue, ForeignValue>;
  return { country, exp, iat, kind: certificateKind(cert), certificate: cert };
}
