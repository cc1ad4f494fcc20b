/**
 * The issuers' gateway (PG1 §11): verifies an HC1 pass (EU Digital COVID Certificate) with the checks of
 * §11.2, in order, the first failure being the result, and issues a PG1 token (§11.3) for a pass that holds.
 */
import { issueToken, type IssuedToken } from '../issuer/index.js';
import type { TranscodeResultCode } from '../pg1/resultCodes.js';
import { toHex } from '../encoding/hex.js';
import { PassgateError } from '../errors.js';
import { certificateMatchesSchema } from './dccSchema.js';
import type { CertificateKind, DscList, ForeignSigner } from './dscList.js';
import { foreignSignatureHolds } from './foreignSignature.js';
import { ALG_ES256, ALG_PS256, readForeignSign1, toBeSigned, ForeignSign1Error, type ForeignSign1 } from './foreignSign1.js';
import { hc1Bytes, Hc1TextError } from './hc1Text.js';
import { readHc1Payload, Hc1PayloadError, type Hc1Payload } from './hc1Payload.js';
import { passClaims } from './passClaims.js';
import { DEFAULT_STATUS_RULES, type StatusRules } from './statusRules.js';

/** The answer for one HC1 pass. */
export interface TranscodeResult {
  /** `'OK'` or the first check of §11.2 that failed. */
  readonly result: TranscodeResultCode;
  /** The issuing country (payload key 1), once the pass got past step 5. */
  readonly country?: string;
  /** The kind of certificate, once the pass got past step 5. */
  readonly kind?: CertificateKind;
  /** The PG1 token and its disclosures, only when the result is OK. */
  readonly issued?: IssuedToken;
  /** Why it failed, in words for the operator's log (never part of the contract). */
  readonly detail?: string;
}

/** How the gateway issues. */
export interface TranscoderOptions {
  /** The foreign signers (§11.1). */
  readonly dsc: DscList;
  /** The gateway's Ed25519 issuer secret (32 bytes), listed in the trust list under `iss`. */
  readonly issuerSecret: Uint8Array;
  /** The gateway's issuer name (1 to 32 bytes). */
  readonly iss: string;
  /** Clock skew allowed on iat and exp, seconds: 60. */
  readonly skew?: number;
  /** The longest life of a token it issues, seconds: one day. */
  readonly validity?: number;
  /** The holder's device key (Ed25519, 32 bytes), put in the token's cnf. */
  readonly cnf?: Uint8Array;
  /** The rules for `status` (§11.3's by default). */
  readonly statusRules?: StatusRules;
}

/** A gateway: `transcode(text, now)` for each pass. */
export interface Transcoder {
  /**
   * Checks one HC1 text (§11.2) at `now` (Unix seconds) and issues a token when it holds (§11.3).
   * Never throws for any input text.
   *
   * @param text - One HC1 text (`HC1:` and base45), as scanned.
   * @param now - The gateway's clock, Unix seconds.
   */
  transcode(text: string, now: number): TranscodeResult;
}

/** The default clock skew (§11.2 step 6). */
export const DEFAULT_TRANSCODE_SKEW = 60;
/** The default token life (§11.3). */
export const DEFAULT_TRANSCODE_VALIDITY = 86_400;

function fail(result: TranscodeResultCode, detail: string, payload?: Hc1Payload): TranscodeResult {
  return payload === undefined ? { result, detail } : { result, country: payload.country, kind: payload.kind, detail };
}

/** Steps 1 to 4: the COSE_Sign1, its alg and kid, and a signer whose signature holds. */
function verifiedSign1(text: string, dsc: DscList): { sign1: ForeignSign1; signer: ForeignSigner } | TranscodeResult {
  let sign1: ForeignSign1;
  try {
    sign1 = readForeignSign1(hc1Bytes(text));
  } catch (e) {
    if (e instanceof Hc1TextError || e instanceof ForeignSign1Error) return fail('MALFORMED', e.message);
    throw e;
  }
  if (sign1.alg !== ALG_ES256 && sign1.alg !== ALG_PS256) return fail('UNSUPPORTED_ALG', `alg ${String(sign1.alg)} is not ES256 (-7) or PS256 (-37)`);
  // A kid of another length than 8 bytes never names a signer (the DSC index holds 8-byte kids only).
  if (!(sign1.kid instanceof Uint8Array) || sign1.kid.length !== 8) return fail('UNKNOWN_KID', 'the kid is not 8 bytes');
  const kid = toHex(sign1.kid);
  const signers = dsc.signersFor(kid);
  if (signers.length === 0) return fail('UNKNOWN_KID', `no signer with kid ${kid}`);
  const message = toBeSigned(sign1);
  const signer = signers.find((s) => foreignSignatureHolds(sign1.alg as number, s.key, message, sign1.signature));
  if (signer === undefined) return fail('BAD_SIGNATURE', `the signature does not hold for kid ${kid}`);
  return { sign1, signer };
}

/**
 * Makes a gateway.
 *
 * @param options - The foreign signers, the gateway's issuer key and name, and its settings.
 * @throws {@link PassgateError} `BAD_ARGUMENT` for a negative skew or a validity that is not positive.
 */
export function createTranscoder(options: TranscoderOptions): Transcoder {
  const skew = options.skew ?? DEFAULT_TRANSCODE_SKEW;
  const validity = options.validity ?? DEFAULT_TRANSCODE_VALIDITY;
  const rules = options.statusRules ?? DEFAULT_STATUS_RULES;
  if (!Number.isSafeInteger(skew) || skew < 0) throw new PassgateError('BAD_ARGUMENT', 'skew must be a non-negative integer');
  if (!Number.isSafeInteger(validity) || validity <= 0) throw new PassgateError('BAD_ARGUMENT', 'validity must be a positive integer');
  return {
    transcode(text: string, now: number): TranscodeResult {
      const verified = verifiedSign1(text, options.dsc);
      if (!('sign1' in verified)) return verified;
      let payload: Hc1Payload;
      try {
        payload = readHc1Payload(verified.sign1.payload);
      } catch (e) {
        if (e instanceof Hc1PayloadError) return fail('MALFORMED', e.message);
        throw e;
      }
      if (now < payload.iat - skew) return fail('NOT_YET_VALID', `issued at ${payload.iat}`, payload);
      if (now >= payload.exp + skew) return fail('EXPIRED', `expired at ${payload.exp}`, payload);
      const kinds = verified.signer.kinds;
      if (kinds !== null && !kinds.has(payload.kind)) return fail('KEY_USAGE', `the signer may not sign "${payload.kind}" certificates`, payload);
      if (!certificateMatchesSchema(payload.certificate)) return fail('SCHEMA_INVALID', 'the certificate does not validate against the schema of its version', payload);
      const issued = issueToken({
        issuerSecret: options.issuerSecret,
        iss: options.iss,
        iat: now,
        exp: Math.min(payload.exp, now + validity),
        claims: passClaims(payload.kind, payload.certificate, now, rules),
        ...(options.cnf === undefined ? {} : { cnf: options.cnf }),
      });
      return { result: 'OK', country: payload.country, kind: payload.kind, issued };
    },
  };
}
