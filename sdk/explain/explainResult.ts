/**
 * The detail of a verification (VerifyOptions.explain), computed after the core's result and apart
 * from it: the presentation is read again in TypeScript as far as the failing step, so that the
 * verification path without explain is unchanged. The core's result stays the verdict; the detail
 * only names its step and the values compared there.
 */
import { compareUint } from '../cbor/shape.js';
import { toHex } from '../encoding/hex.js';
import type { IssuerKey } from '../pg1/trustList.js';
import type { ResultCode } from '../pg1/resultCodes.js';
import type { Verification } from '../verifier/verificationResult.js';
import type { ExplainContext } from '../verifier/explainContext.js';
import { algSupported, readPresentation, transportBytes, type PresentationParts } from './presentationReading.js';
import { readClaims, type TokenClaims } from './claimsReading.js';
import { checkDisclosures } from './disclosureReading.js';
import { policyDetail } from './policyDetail.js';
import { cardDetail, documentDetail } from './readDetail.js';
import { DetailFound, fault, jsonSafe, type RawDetail, type ResultDetail } from '../verifier/resultDetail.js';

export type { ResultDetail, DetailValue } from '../verifier/resultDetail.js';
export type { ExplainContext } from '../verifier/explainContext.js';

/** PG1 §5: the step of each code (MALFORMED is 2, 5 or 9: the reading says which). */
const STEP: Readonly<Record<ResultCode, number | null>> = {
  OK: null, SUNSET: 1, TRUST_LIST_EXPIRED: 1, MALFORMED: 2, UNSUPPORTED_ALG: 2, UNKNOWN_KID: 3, BAD_SIGNATURE: 4,
  ISSUER_MISMATCH: 6, KEY_NOT_VALID: 6, KEY_REVOKED: 6, NOT_YET_VALID: 7, EXPIRED: 7, TOKEN_REVOKED: 8,
  DISCLOSURE_INVALID: 9, HOLDER_BINDING_FAILED: 10, STALE_PRESENTATION: 10, CARD_MISMATCH: 10, DOCUMENT_MISMATCH: 10,
  BINDING_REQUIRED: 11, CLAIM_REQUIRED: 11,
  STATUS_NOT_ALLOWED: 11, NAT_POSITIVE: 11, NAT_TOO_OLD: 11, DOSES_REQUIRED: 11, ABROAD_RECENT: 11, RISK_AREA_RECENT: 11,
};

/** The §4 staleness window, fixed. */
const PRESENTATION_WINDOW = 60;
const U64_MAX = (1n << 64n) - 1n;
const plus = (a: bigint | number, b: bigint | number): bigint => {
  const s = BigInt(a) + BigInt(b);
  return s > U64_MAX ? U64_MAX : s;
};

class Reading {
  private partsRead: PresentationParts | undefined;
  private claimsRead: TokenClaims | undefined;
  constructor(private readonly input: string | Uint8Array, private readonly ctx: ExplainContext) {}

  get parts(): PresentationParts {
    return (this.partsRead ??= readPresentation(transportBytes(this.input), (b) => this.ctx.isStrictCbor(b)));
  }

  get claims(): TokenClaims {
    return (this.claimsRead ??= readClaims(this.parts.payload, (b) => this.ctx.isStrictCbor(b)));
  }

  get key(): IssuerKey | undefined {
    const kid = this.parts.kid;
    return this.ctx.trustList.issuers.find((k) => k.kid.every((b, i) => b === kid[i]));
  }

  /** The key the signature held under (steps 4 and 6). */
  keyValues(): { kid: string; key_iss: string } {
    const key = this.key;
    return { kid: toHex(this.parts.kid), key_iss: key?.iss ?? '' };
  }
}

function listInForce(ctx: ExplainContext): RawDetail {
  const { now, trustList: t, revocations: r, staleGrace: grace } = ctx;
  const graced: RawDetail['values'] = grace > 0 ? { stale_grace: grace } : {};
  if (compareUint(now, plus(t.expires, grace)) >= 0) {
    return { step: 1, check: grace > 0 ? 'now < expires + stale_grace of the trust list' : 'now < expires of the trust list', values: { now, expires: t.expires, version: t.version, ...graced } };
  }
  if (r && compareUint(now, plus(r.expires, grace)) >= 0) {
    return { step: 1, check: `now < expires${grace > 0 ? ' + stale_grace' : ''} of the revocation state in force (the last list, filter or delta applied)`, values: { now, expires: r.expires, version: r.version, kind: r.kind, ...graced } };
  }
  return { step: 1, check: 'revocations were in force and their stored state was lost: verification fails closed until the next list', values: { now } };
}

function holderBinding(reading: Reading, ctx: ExplainContext): RawDetail {
  const binding = reading.parts.binding;
  if (binding === null) return { step: 10, check: 'a token with cnf carries a binding', values: { binding: false } };
  const expected = ctx.nonce === undefined ? null : toHex(ctx.nonce);
  const presented = binding.nonce === null ? null : toHex(binding.nonce);
  if (expected !== presented) return { step: 10, check: 'the binding’s nonce is the one this reader issued (null when it issued none)', values: { expected_nonce: expected, presented_nonce: presented } };
  const cnf = reading.claims.cnf;
  if (cnf && ctx.keyStatus(cnf) !== 0) return { step: 10, check: 'the cnf key is a canonical point of large order', values: { cnf_key_usable: false } };
  return { step: 10, check: 'the device signature by the cnf key over ["PG1-device", cti, presented_at, nonce] holds', values: { presented_at: binding.presentedAt, nonce: presented } };
}

function detailOf(v: Verification, reading: Reading, ctx: ExplainContext): RawDetail {
  const now = ctx.now;
  switch (v.result) {
    case 'OK':
      return { step: null, check: 'every check of PG1 §5 passed', values: { now, exp: reading.claims.exp, ...(ctx.venue === undefined ? {} : { venue: ctx.venue }) } };
    case 'SUNSET':
      return { step: 1, check: 'now < sunset of the trust list', values: { now, sunset: ctx.trustList.sunset ?? null } };
    case 'TRUST_LIST_EXPIRED':
      return listInForce(ctx);
    case 'MALFORMED': {
      // Steps 2, 5 and 9 in order: the first reader that finds a broken rule throws its detail.
      const parts = reading.parts;
      const claims = reading.claims;
      if (parts.binding !== null && claims.cnf === undefined) throw fault(5, 'a binding only on a token with cnf', { binding: true, cnf: false });
      checkDisclosures(parts.disclosures, claims.sd, (b) => ctx.isStrictCbor(b));
      return { step: 2, check: 'PG1 §1 encoding and the structures of §2 to §4', values: {} };
    }
    case 'UNSUPPORTED_ALG':
      return { step: 2, check: 'alg is -19 (Ed25519) or -8 (EdDSA)', values: { alg: reading.parts.alg, supported: algSupported(reading.parts.alg) } };
    case 'UNKNOWN_KID':
      return { step: 3, check: 'a key with this kid is in the trust list in force', values: { kid: toHex(reading.parts.kid), trust_list_version: ctx.trustList.version, keys: ctx.trustList.issuers.length } };
    case 'BAD_SIGNATURE':
      return { step: 4, check: 'the issuer key’s Ed25519 signature over the token holds (cofactored, RFC 8032 §5.1.7)', values: reading.keyValues() };
    case 'ISSUER_MISMATCH':
      return { step: 6, check: 'iss = the iss of the key', values: { iss: reading.claims.iss, ...reading.keyValues() } };
    case 'KEY_NOT_VALID': {
      const key = reading.key;
      return { step: 6, check: 'not_before <= iat < not_after of the key', values: { iat: reading.claims.iat, not_before: key?.notBefore ?? null, not_after: key?.notAfter ?? null, kid: toHex(reading.parts.kid) } };
    }
    case 'KEY_REVOKED':
      return { step: 6, check: 'iat < revoked_at of the key', values: { iat: reading.claims.iat, revoked_at: reading.key?.revokedAt ?? null, kid: toHex(reading.parts.kid) } };
    case 'NOT_YET_VALID':
      return { step: 7, check: 'now >= nbf - skew', values: { now, nbf: reading.claims.nbf ?? null, skew: ctx.skew } };
    case 'EXPIRED':
      return { step: 7, check: 'now < exp + skew', values: { now, exp: reading.claims.exp, skew: ctx.skew } };
    case 'TOKEN_REVOKED': {
      const r = ctx.revocations;
      if (r?.covers !== undefined) {
        // §7.3: the deltas' added prefixes answer for every token, the filter for those with iat <= covers.
        return { step: 8, check: 'not in the deltas’ added prefixes, and not revoked by the filter when iat <= covers (§7.3)', values: { kind: r.kind, version: r.version, expires: r.expires, covers: r.covers, iat: reading.claims.iat } };
      }
      return { step: 8, check: 'the token is not revoked by the revocation state in force (§7)', values: r ? { kind: r.kind, version: r.version, expires: r.expires } : {} };
    }
    case 'DISCLOSURE_INVALID':
      checkDisclosures(reading.parts.disclosures, reading.claims.sd, (b) => ctx.isStrictCbor(b));
      break;
    case 'HOLDER_BINDING_FAILED':
      return holderBinding(reading, ctx);
    case 'STALE_PRESENTATION': {
      const at = reading.parts.binding?.presentedAt ?? 0;
      const age = now >= BigInt(at) ? now - BigInt(at) : BigInt(at) - now;
      return { step: 10, check: '|now - presented_at| <= 60', values: { now, presented_at: at, difference: age, window: PRESENTATION_WINDOW } };
    }
    case 'CARD_MISMATCH':
      return cardDetail(ctx.cardGiven === true);
    case 'DOCUMENT_MISMATCH':
      if (ctx.document !== undefined) return documentDetail(reading.parts.disclosures, ctx.document);
      break;
    default:
      if (ctx.rule !== undefined && ctx.venue !== undefined) return policyDetail(v.result, ctx.rule, ctx.venue, v.claims ?? {}, now);
  }
  return generic(v.result);
}

function generic(code: ResultCode): RawDetail {
  return { step: STEP[code], check: `${code}: decided by the core at this step (no further detail could be read)`, values: {} };
}

/**
 * The detail of `v`, the core's result for `input` under `ctx`. Never throws: a detail that cannot be
 * read again names the step alone.
 *
 * @param v - The result verify() gave.
 * @param input - The presentation it was given.
 * @param ctx - The verifier's settings and lists at that verification.
 */
export function explainResult(v: Verification, input: string | Uint8Array, ctx: ExplainContext): ResultDetail {
  return jsonSafe(rawDetail(v, input, ctx));
}

function rawDetail(v: Verification, input: string | Uint8Array, ctx: ExplainContext): RawDetail {
  try {
    return detailOf(v, new Reading(input, ctx), ctx);
  } catch (e) {
    // A broken rule found by the reading explains the result when it gives the same code; otherwise it
    // would contradict the core, whose result stands.
    if (e instanceof DetailFound && e.code === v.result) return e.detail;
    return generic(v.result);
  }
}
