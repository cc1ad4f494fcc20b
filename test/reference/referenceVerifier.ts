/**
 * Reference PG1 verifier: slow, independent, written to be read side by side with the PG1 spec
 * (the checks below follow §5 step by step). It exists to judge the SDK and the WebAssembly core,
 * never to ship.
 *
 * Independence: §1 is checked by strictCbor.ts (no cbor-x); cbor-x only decodes bytes that passed.
 * Signatures use the cofactored equation written out in ed25519Cofactored.ts. Transport decoding,
 * Sig_structure and DeviceAuth are encoded by hand here, not with the SDK's codecs.
 *
 * Decisions where PG1 leaves room (each also in the helper report):
 *  D1  Step 1 runs before anything else, so even an empty line reports SUNSET or TRUST_LIST_EXPIRED
 *      when those apply. With no trust list applied there is no sunset or expiry to check, no issuer
 *      key (every token is UNKNOWN_KID) and the default policy is in force.
 *  D2  Step 2 covers transport, the 4,096-byte limit (on the decoded bytes), §1 on the presentation,
 *      the presentation shape [token, [* bstr], ? [uint, bstr / null, bstr(64)]], the token envelope
 *      and the protected header (itself a §1 document). Every MALFORMED check of step 2 runs before
 *      the alg check, so a token with alg -7 and another structural fault is MALFORMED. A non-integer
 *      alg is a wrong type: MALFORMED.
 *  D3  The payload is not looked at before the signature: its §1 validity and the Claims shape are
 *      step 5. Each disclosure's §1 validity and shape are step 9.
 *  D4  "A binding on a token without cnf is MALFORMED" is checked at step 5 (team decision, as the
 *      SDK core does): cnf's absence is known as soon as the verified claims are parsed, and step 5
 *      is the claims' MALFORMED step. So an expired token with a stray binding is MALFORMED, while
 *      an unknown kid or a bad signature still outranks it. Within step 9, every MALFORMED check
 *      (each disclosure's encoding and shape, a repeated key, a wrong value type for a known key)
 *      runs before any DISCLOSURE_INVALID (digest not in sd).
 *  D5  A value of the wrong type for a known key is MALFORMED at step 9 even if the digest is not in
 *      sd. region must be a six-digit uint (100000-999999); id4 1-4 code points; name any text.
 *  D6  Claims keys: any non-integer key is MALFORMED (text or otherwise). Integer keys other than
 *      1, 4, 5, 6, 7, 8 and -65537 are ignored.
 *  D7  Holder binding (step 10): the nonce must equal the verifier's nonce if it issued one, and be
 *      null otherwise; the cnf key must be a canonical point that is not of small order; then the
 *      signature over ["PG1-device", cti, presented_at, nonce]; then staleness
 *      |now − presented_at| > 60 (fixed; the skew does not apply). A cnf key that does not decode,
 *      or has small order, is HOLDER_BINDING_FAILED, not MALFORMED (its shape, bstr(32), was
 *      right): a small-order key binds nothing, since under the cofactored equation anyone can
 *      sign for it (team decision; §2's "never at verification time" is about issuer keys).
 *  D8  Trust lists: accepted whatever their issued_at/expires relative to now (applying takes no
 *      time; the public example trust_expired applies a list that expired a second ago and expects
 *      TRUST_LIST_EXPIRED at verification). The first list may have any version; later ones need a
 *      greater version. Unknown keys in the list, an IssuerKey or a Rule make the list MALFORMED
 *      (unlike Claims, these structures have no "other keys" clause). allow entries must be 0-2.
 *      Roots in the list get the same strength check as issuer pubs.
 *  D9  Once a trust list is accepted, only its roots are trusted for the next trust list AND for
 *      revocation lists ("the provisioned roots, or the roots of the trust list in force" read as:
 *      the provisioned roots while no trust list is in force).
 * D10  The revocation list's expires matters only at step 1 of each verification, like the trust
 *      list's: now ≥ expires of the list in force is TRUST_LIST_EXPIRED. A delta needs a list in
 *      force with version = base_version and a greater version of its own; added/removed must be
 *      ascending without duplicates (like revoked); an added prefix already listed, or a removed one
 *      not listed, refuses the delta (so a prefix in both is refused).
 * D11  Policy: see policy.ts (CLAIM_REQUIRED for every claim the rule looks at comes first). An
 *      unknown venue category throws ReferenceUsageError before the input is looked at. deny_* set
 *      to false looks at nothing. A trust list without a policy leaves the default table in force.
 * D12  Times are compared as exact integers (bigint): nbf − skew may be negative; exp + skew may pass
 *      2^64. `now` and `skew` must be non-negative safe integers, else ReferenceUsageError.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import type { Claims } from '../../sdk/pg1/claims.js';
import type { ResultCode } from '../../sdk/pg1/resultCodes.js';
import { isStrongPublicKey, verifyCofactored } from './ed25519Cofactored.js';
import { ListRefusedError, ReferenceUsageError } from './errors.js';
import { openSignedList, parseRevocationList, parseTrustList, type Policy, type TrustList } from './lists.js';
import { deviceAuthBytes, sigStructureBytes } from './minimalEncoder.js';
import { claimsOutput } from './output.js';
import { documentMatches } from './document.js';
import { applyRule, DEFAULT_POLICY } from './policy.js';
import { isSupportedAlg, parseClaims, parseDisclosure, parsePresentation, strictDecode } from './structures.js';
import { transportBytes } from './transport.js';
import { asMap, bytesEqual, getInt, hex } from './values.js';
import { lookup, parseFilterPayload, type ReferenceFilter } from './revocationFilter.js';

export { ListRefusedError, ReferenceUsageError };

/** §1: a presentation is at most 4,096 bytes. */
export const MAX_PRESENTATION_BYTES = 4096;
export const DEFAULT_SKEW = 60;
/** §4: fixed staleness window of a holder binding, independent of the skew. */
export const BINDING_WINDOW = 60n;

export interface VerifyOptions {
  /** Unix seconds. */
  readonly now: number;
  readonly venue?: string;
  /** The nonce this reader issued (interactive readers), or null/undefined. */
  readonly nonce?: Uint8Array | null;
  readonly skew?: number;
  /** §10.1: the serial of the card the presentation was read from. */
  readonly card?: Uint8Array;
  /** §10.2: the holder's identity document read with it. */
  readonly document?: { readonly number: string; readonly name?: string };
}

export interface ReferenceResult {
  readonly result: ResultCode;
  readonly iss?: string;
  readonly kid?: string;
  readonly claims?: Claims;
}

interface RevocationState {
  readonly version: bigint;
  readonly expires: bigint;
  /** The list with its deltas applied; on a filter, the deltas' own set of added prefixes (§7.2). */
  readonly prefixes: ReadonlySet<string>;
  /** The filter, when the base is one (§7.3). */
  readonly filter: ReferenceFilter | null;
}

function timeOption(name: string, v: number): bigint {
  if (!Number.isSafeInteger(v) || v < 0) throw new ReferenceUsageError('BAD_OPTION', `${name} must be a non-negative integer`);
  return BigInt(v);
}

export class ReferenceVerifier {
  /** Roots trusted now: the provisioned ones until a trust list is accepted, then its roots (§6). */
  private roots: readonly Uint8Array[];
  private trust: TrustList | null = null;
  private revocation: RevocationState | null = null;

  constructor(roots: readonly Uint8Array[]) {
    this.roots = roots.map((r) => new Uint8Array(r));
  }

  /** §6. Throws ListRefusedError (state unchanged) when the list is refused. */
  applyTrustList(bytes: Uint8Array): void {
    const list = parseTrustList(openSignedList(bytes, this.roots));
    if (this.trust !== null && list.version <= this.trust.version) {
      throw new ListRefusedError('ROLLBACK', `version ${list.version} is not greater than ${this.trust.version}`);
    }
    this.trust = list;
    this.roots = list.roots;
  }

  /** §7: a full list, a filter or a delta. Throws ListRefusedError (state unchanged) when refused. */
  applyRevocations(bytes: Uint8Array): void {
    const payload = openSignedList(bytes, this.roots, 64 * 1024 * 1024);
    const current = this.revocation;
    const m = asMap(strictDecode(payload, 'none'));
    if (m !== null && (getInt(m, 8) !== undefined || getInt(m, 9) !== undefined)) {
      const opened = parseFilterPayload(payload);
      if (opened === null || opened.problems.length > 0) throw new ListRefusedError('MALFORMED', opened?.problems.join('; ') ?? 'not a RevocationFilter');
      if (current !== null && opened.filter.version <= current.version) {
        throw new ListRefusedError('ROLLBACK', `version ${opened.filter.version} is not greater than ${current.version}`);
      }
      this.revocation = { version: opened.filter.version, expires: opened.filter.expires, prefixes: new Set(), filter: opened.filter };
      return;
    }
    if (bytes.length > 16 * 1024 * 1024) throw new ListRefusedError('TOO_LARGE', 'only a filter may be over 16 MiB');
    const list = parseRevocationList(payload);
    if (current !== null && list.version <= current.version) {
      throw new ListRefusedError('ROLLBACK', `version ${list.version} is not greater than ${current.version}`);
    }
    if (list.kind === 'full') {
      this.revocation = { version: list.version, expires: list.expires, prefixes: new Set(list.revoked), filter: null };
      return;
    }
    if (current === null) throw new ListRefusedError('NO_BASE', 'a delta needs a revocation list in force');
    if (current.version !== list.baseVersion) {
      throw new ListRefusedError('BASE_MISMATCH', `the delta is for version ${list.baseVersion}, ${current.version} is in force`);
    }
    const next = new Set(current.prefixes);
    for (const p of list.removed) {
      if (!next.has(p)) throw new ListRefusedError('REMOVE_UNLISTED', `${p} is not listed`);
      next.delete(p);
    }
    for (const p of list.added) {
      if (current.prefixes.has(p)) throw new ListRefusedError('ADD_LISTED', `${p} is already listed`);
      next.add(p);
    }
    this.revocation = { version: list.version, expires: list.expires, prefixes: next, filter: current.filter };
  }

  /** The policy in force: the trust list's, else the §8 default. */
  get policy(): Policy {
    return this.trust?.policy ?? DEFAULT_POLICY;
  }

  verify(input: string | Uint8Array, options: VerifyOptions): ReferenceResult {
    const now = timeOption('now', options.now);
    const skew = timeOption('skew', options.skew ?? DEFAULT_SKEW);
    const rule = options.venue === undefined ? null : this.policy.get(options.venue);
    if (rule === undefined) throw new ReferenceUsageError('UNKNOWN_VENUE', `venue category ${JSON.stringify(options.venue)} is not in the policy in force`);
    const fail = (result: ResultCode): ReferenceResult => ({ result });

    // 1. SUNSET, TRUST_LIST_EXPIRED
    if (this.trust !== null && this.trust.sunset !== null && now >= this.trust.sunset) return fail('SUNSET');
    if (this.trust !== null && now >= this.trust.expires) return fail('TRUST_LIST_EXPIRED');
    if (this.revocation !== null && now >= this.revocation.expires) return fail('TRUST_LIST_EXPIRED');

    // 2. MALFORMED / UNSUPPORTED_ALG: transport, size, presentation and token structure
    const bytes = transportBytes(input);
    if (bytes === null || bytes.length > MAX_PRESENTATION_BYTES) return fail('MALFORMED');
    const p = parsePresentation(bytes);
    if (p === 'MALFORMED') return fail('MALFORMED');
    if (!isSupportedAlg(p.token.alg)) return fail('UNSUPPORTED_ALG');

    // 3. UNKNOWN_KID
    const key = this.trust?.issuers.find((k) => bytesEqual(k.kid, p.token.kid));
    if (key === undefined) return fail('UNKNOWN_KID');

    // 4. BAD_SIGNATURE
    if (!verifyCofactored(p.token.signature, sigStructureBytes(p.token.protectedBytes, p.token.payload), key.pub)) {
      return fail('BAD_SIGNATURE');
    }

    // 5. MALFORMED: claims (and a binding on a token without cnf, D4)
    const claims = parseClaims(p.token.payload);
    if (claims === null) return fail('MALFORMED');
    if (p.binding !== null && claims.cnf === null) return fail('MALFORMED'); // D4

    // 6. ISSUER_MISMATCH, KEY_NOT_VALID, KEY_REVOKED
    if (claims.iss !== key.iss) return fail('ISSUER_MISMATCH');
    if (claims.iat < key.notBefore || claims.iat >= key.notAfter) return fail('KEY_NOT_VALID');
    if (key.revokedAt !== null && key.revokedAt <= claims.iat) return fail('KEY_REVOKED');

    // 7. NOT_YET_VALID, EXPIRED
    if (claims.nbf !== null && now < claims.nbf - skew) return fail('NOT_YET_VALID');
    if (now >= claims.exp + skew) return fail('EXPIRED');

    // 8. TOKEN_REVOKED
    if (this.revocation !== null) {
      const prefix = sha256(claims.cti).slice(0, 8);
      const f = this.revocation.filter;
      // §7.3: revoked iff in the deltas' set (or the list), or iat <= covers and the filter says so.
      if (this.revocation.prefixes.has(hex(prefix))) return fail('TOKEN_REVOKED');
      if (f !== null && claims.iat <= f.covers && lookup(f.shards, BigInt(`0x${hex(prefix)}`))) return fail('TOKEN_REVOKED');
    }

    // 9. MALFORMED / DISCLOSURE_INVALID: disclosures
    const disclosed = new Map<bigint, CborValue>();
    for (const content of p.disclosures) {
      const d = parseDisclosure(content);
      if (d === null || disclosed.has(d.key)) return fail('MALFORMED');
      disclosed.set(d.key, d.value);
    }
    const sd = new Set(claims.sd.map(hex));
    if (p.disclosures.some((content) => !sd.has(hex(sha256(content))))) return fail('DISCLOSURE_INVALID');

    // 10. HOLDER_BINDING_FAILED, STALE_PRESENTATION
    if (claims.cnf !== null) {
      const b = p.binding;
      if (b === null) return fail('HOLDER_BINDING_FAILED');
      const expected = options.nonce ?? null;
      const nonceOk = expected === null ? b.nonce === null : b.nonce !== null && bytesEqual(b.nonce, expected);
      if (!nonceOk) return fail('HOLDER_BINDING_FAILED');
      if (!isStrongPublicKey(claims.cnf)) return fail('HOLDER_BINDING_FAILED'); // D7: small order binds nothing
      if (!verifyCofactored(b.signature, deviceAuthBytes(claims.cti, b.presentedAt, b.nonce), claims.cnf)) {
        return fail('HOLDER_BINDING_FAILED');
      }
      const age = now >= b.presentedAt ? now - b.presentedAt : b.presentedAt - now;
      if (age > BINDING_WINDOW) return fail('STALE_PRESENTATION');
    }

    // 10. CARD_MISMATCH, DOCUMENT_MISMATCH (§10.1, §10.2)
    if (claims.card !== null) {
      const serial = options.card;
      const expected = serial === undefined ? null : sha256(new Uint8Array([...new TextEncoder().encode('PG1-card'), ...serial])).slice(0, 16);
      if (expected === null || !bytesEqual(expected, claims.card)) return fail('CARD_MISMATCH');
    }
    if (options.document !== undefined && !documentMatches(options.document, disclosed)) return fail('DOCUMENT_MISMATCH');

    // 11. policy, only when a venue category is given; bound per §10.3 (every binding above held)
    const bound = claims.cnf !== null || claims.card !== null || options.document !== undefined;
    const verified = { iss: claims.iss, kid: hex(p.token.kid), claims: claimsOutput(disclosed) };
    const policyResult = rule === null ? null : applyRule(rule, disclosed, now, bound);
    return { result: policyResult ?? 'OK', ...verified };
  }
}
