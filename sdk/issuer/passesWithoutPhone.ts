/**
 * Passes for holders without a phone (PG1 §10): a card pass, bound to the card it is written to, and a
 * printed pass, checked with the holder's identity document. Both are presentations of §4 without a
 * binding; these builders issue the token and assemble the presentation with the issuer's defaults.
 */
import { issueToken, TokenError, MAX_CARD_PASS_SECONDS, type IssuedToken, type Time, type UnsafeTokenOptions } from './token.js';
import { assemblePresentation } from './presentation.js';
import { cardBinding } from './cardBinding.js';

/** What both kinds of pass need. */
interface PassBase {
  /** The issuer key's 32-byte secret. */
  readonly issuerSecret: Uint8Array;
  /** The issuer's name, as the trust list gives it for this key. */
  readonly iss: string;
  /** Issued at, Unix seconds. */
  readonly iat: Time;
  /** The holder's status: 0 green, 1 yellow, 2 red. */
  readonly status: 0 | 1 | 2;
  /** Random decoy digests in sd (default 0). */
  readonly decoys?: number;
  /** 16-byte token id; random by default. */
  readonly cti?: Uint8Array;
  /** For negative tests only. */
  readonly unsafe?: UnsafeTokenOptions;
}

/** A card pass (§10.1). */
export interface CardPassOptions extends PassBase {
  /** The card's serial as its reader reports it, 1 to 64 bytes. */
  readonly serial: Uint8Array;
  /** Expiry, Unix seconds: at most iat + 259,200 (72 h). Default: iat + 72 h. */
  readonly exp?: Time;
}

/** A printed pass (§10.2). */
export interface PrintedPassOptions extends PassBase {
  /** Expiry, Unix seconds. */
  readonly exp: Time;
  /** The identity document's number: its last 4 code points become id4. */
  readonly documentNumber: string;
  /** The holder's full name: disclosed masked by {@link maskName}. */
  readonly name: string;
}

/** A pass ready to write or print: the presentation and its token (cti for revocation). */
export interface PassWithoutPhone extends IssuedToken {
  /** The presentation (raw bytes: an NDEF payload, or QR text through toQrText). */
  readonly presentation: Uint8Array;
}

/**
 * A masked name for a printed pass: the first and last code points kept, every other one `*`
 * ("林建华" → "林*华"); a two-code-point name keeps its first ("张三" → "张*").
 *
 * @param fullName - The name on the identity document.
 * @throws {@link TokenError} `BAD_CLAIM` for an empty name.
 */
export function maskName(fullName: string): string {
  const c = [...fullName];
  if (c.length === 0) throw new TokenError('BAD_CLAIM', 'a name has at least one code point');
  if (c.length <= 2) return c.length === 1 ? c[0]! : `${c[0]!}*`;
  return c[0]! + '*'.repeat(c.length - 2) + c[c.length - 1]!;
}

const withOptional = (o: PassBase) => ({
  ...(o.decoys === undefined ? {} : { decoys: o.decoys }),
  ...(o.cti === undefined ? {} : { cti: o.cti }),
  ...(o.unsafe === undefined ? {} : { unsafe: o.unsafe }),
});

/**
 * A card pass (PG1 §10.1): status only (anything on a card can be read by any reader near it), bound
 * to the card's serial, living at most 72 h; no decoys unless asked for.
 *
 * @param options - The issuer, the card's serial, the status and the times.
 * @throws {@link TokenError} `BAD_CARD` for a serial out of range or a lifetime over 72 h; what
 *   issueToken throws.
 */
export function issueCardPass(options: CardPassOptions): PassWithoutPhone {
  const exp = options.exp ?? BigInt(options.iat) + BigInt(MAX_CARD_PASS_SECONDS);
  const issued = issueToken({
    issuerSecret: options.issuerSecret, iss: options.iss, iat: options.iat, exp,
    card: cardBinding(options.serial), claims: { status: options.status }, ...withOptional(options),
  });
  return { ...issued, presentation: assemblePresentation(issued.token, issued.disclosures) };
}

/**
 * A printed pass (PG1 §10.2): status, id4 (the document number's last 4 code points) and the masked
 * name, no cnf: checked with the holder's identity document at the gate.
 *
 * @param options - The issuer, the holder's document number and name, the status and the times.
 * @throws {@link TokenError} what issueToken throws.
 */
export function issuePrintedPass(options: PrintedPassOptions): PassWithoutPhone {
  const number = [...options.documentNumber];
  if (number.length === 0) throw new TokenError('BAD_CLAIM', 'documentNumber has at least one code point');
  const issued = issueToken({
    issuerSecret: options.issuerSecret, iss: options.iss, iat: options.iat, exp: options.exp,
    claims: { status: options.status, id4: number.slice(-4).join(''), name: maskName(options.name) }, ...withOptional(options),
  });
  return { ...issued, presentation: assemblePresentation(issued.token, issued.disclosures) };
}
