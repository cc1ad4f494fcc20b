/**
 * Holder side (PG1 §4): picks the disclosures a venue needs, optionally binds the presentation to
 * the holder's device key, and encodes it for a QR code (`PG1:` + base45) or NFC (raw bytes).
 * The token is spliced in byte for byte: re-encoding a signed item can only break its signature.
 */
import { encode, RawCbor, Tagged, type CborValue } from '../cbor/deterministicEncoder.js';
import { decodeValue } from '../cbor/valueDecoder.js';
import { ed25519Sign } from '../cose/ed25519.js';
import { decodeBase45, encodeBase45 } from '../encoding/base45.js';
import { claimKeyOf } from './claimTypes.js';
import { CLAIMS_KEY, type Time } from './token.js';

/** What a presentation's QR text starts with, before the base45 (PG1 §4). */
export const QR_PREFIX = 'PG1:';
/** The context string that opens the bytes a device key signs (PG1 §4), so that the signature means nothing elsewhere. */
export const DEVICE_AUTH_CONTEXT = 'PG1-device';

/** Why a presentation could not be built or read. */
export type PresentationErrorCode =
  /** The token is not a tagged COSE_Sign1 whose payload holds a cti. */
  | 'BAD_TOKEN'
  /** A disclosure is not the CBOR array [salt, key, value]. */
  | 'BAD_DISCLOSURE'
  /** A claim to reveal has no disclosure among those given (see PresentOptions.skipMissing). */
  | 'NOT_ISSUED'
  /** A claim to reveal is neither a §3 name nor a number. */
  | 'BAD_REVEAL'
  /** QR text without the `PG1:` prefix, or not base45. */
  | 'BAD_QR_TEXT';

/** Thrown by the holder-side functions for input they cannot use. */
export class PresentationError extends Error {
  /** `'PresentationError'`. */
  override readonly name = 'PresentationError';
  /**
   * Thrown by the toolkit; callers catch it and read `code`.
   *
   * @param code - What was wrong.
   * @param message - The same in words.
   */
  constructor(
    /** What was wrong. */
    readonly code: PresentationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a holder binding (PG1 §4) signs with, for a token that carries cnf. */
export interface BindingInput {
  /** The secret key matching the token's cnf. */
  readonly deviceSecret: Uint8Array;
  /** Unix seconds, now: verifiers refuse a binding more than 60 s from their clock (STALE_PRESENTATION). */
  readonly presentedAt: Time;
  /** The nonce an interactive reader issued, or null. */
  readonly nonce: Uint8Array | null;
}

/** What {@link present} assembles. */
export interface PresentOptions {
  /** The token as issued (its bytes are carried verbatim). */
  readonly token: Uint8Array;
  /** All the disclosures the holder got from the issuer. */
  readonly disclosures: readonly Uint8Array[];
  /** Claims to reveal, by §3 name or by key. */
  readonly reveal: readonly (number | string)[];
  /** The device binding; required by verifiers when the token has cnf (else HOLDER_BINDING_FAILED). */
  readonly binding?: BindingInput;
  /**
   * Leave out requested claims the token does not carry instead of throwing NOT_ISSUED: a wallet can
   * pass a venue's requiredDisclosures() as they are (the venue then answers CLAIM_REQUIRED).
   */
  readonly skipMissing?: boolean;
}

/**
 * The cti of a token, read without verifying it (the holder trusts its own token).
 *
 * @param token - A token as issued.
 * @throws {@link PresentationError} `BAD_TOKEN` when it cannot be read or has no cti.
 */
export function tokenCti(token: Uint8Array): Uint8Array {
  let claims: CborValue;
  try {
    const sign1 = decodeValue(token);
    if (!(sign1 instanceof Tagged) || !Array.isArray(sign1.value)) throw new Error('not a tagged COSE_Sign1');
    const payload: unknown = sign1.value[2];
    if (!(payload instanceof Uint8Array)) throw new Error('payload is not a byte string');
    claims = decodeValue(payload);
  } catch (e) {
    throw new PresentationError('BAD_TOKEN', `cannot read the token: ${e instanceof Error ? e.message : String(e)}`);
  }
  const cti = claims instanceof Map ? claims.get(CLAIMS_KEY.cti) : undefined;
  if (!(cti instanceof Uint8Array)) throw new PresentationError('BAD_TOKEN', 'the token has no cti');
  return cti;
}

/**
 * The claim key inside a disclosure ([salt, key, value]).
 *
 * @param disclosure - An encoded disclosure.
 * @throws {@link PresentationError} `BAD_DISCLOSURE` when it is not such an array.
 */
export function disclosureKey(disclosure: Uint8Array): number {
  let v: CborValue;
  try {
    v = decodeValue(disclosure);
  } catch {
    throw new PresentationError('BAD_DISCLOSURE', 'a disclosure is not CBOR');
  }
  const key = Array.isArray(v) ? (v as readonly CborValue[])[1] : undefined;
  if (typeof key !== 'number') throw new PresentationError('BAD_DISCLOSURE', 'a disclosure is not [salt, key, value]');
  return key;
}

/**
 * The bytes the device key signs: the deterministic encoding of ["PG1-device", cti, presented_at, nonce].
 *
 * @param cti - The token's id.
 * @param presentedAt - Unix seconds.
 * @param nonce - The reader's nonce, or null.
 */
export function deviceAuthBytes(cti: Uint8Array, presentedAt: Time, nonce: Uint8Array | null): Uint8Array {
  return encode([DEVICE_AUTH_CONTEXT, cti, presentedAt, nonce]);
}

/**
 * The binding array [presented_at, nonce, sig] for a token with this cti.
 *
 * @param cti - The token's id (see {@link tokenCti}).
 * @param binding - The device key, the time and the nonce.
 */
export function holderBinding(cti: Uint8Array, binding: BindingInput): CborValue {
  const sig = ed25519Sign(deviceAuthBytes(cti, binding.presentedAt, binding.nonce), binding.deviceSecret);
  return [binding.presentedAt, binding.nonce, sig];
}

/**
 * Encodes [token, [disclosures…], ? binding] with no checks at all: the building block of `present`
 * and the way tests assemble presentations that verifiers must refuse.
 *
 * @param token - The token, embedded byte for byte.
 * @param disclosures - The disclosures to carry.
 * @param binding - The binding array (from {@link holderBinding}), if any.
 */
export function assemblePresentation(token: Uint8Array, disclosures: readonly Uint8Array[], binding?: CborValue): Uint8Array {
  const items: CborValue[] = [new RawCbor(token), disclosures];
  if (binding !== undefined) items.push(binding);
  return encode(items);
}

/**
 * Builds the raw presentation bytes (for NFC/BLE; wrap with `toQrText` for a QR code).
 *
 * @param options - The token, its disclosures, what to reveal and the device binding.
 * @throws {@link PresentationError} `BAD_REVEAL`, `NOT_ISSUED`, `BAD_DISCLOSURE` or `BAD_TOKEN`.
 */
export function present(options: PresentOptions): Uint8Array {
  const wanted = new Set<number>();
  for (const r of options.reveal) {
    const key = claimKeyOf(r);
    if (key === null) throw new PresentationError('BAD_REVEAL', `unknown claim ${JSON.stringify(r)}`);
    wanted.add(key);
  }
  const chosen: Uint8Array[] = [];
  for (const d of options.disclosures) {
    const key = disclosureKey(d);
    if (wanted.delete(key)) chosen.push(d);
  }
  if (wanted.size > 0 && options.skipMissing !== true) {
    throw new PresentationError('NOT_ISSUED', `no disclosure for claim(s) ${[...wanted].join(', ')}`);
  }
  const binding = options.binding === undefined ? undefined : holderBinding(tokenCti(options.token), options.binding);
  return assemblePresentation(options.token, chosen, binding);
}

/**
 * QR text: "PG1:" followed by base45 (QR alphanumeric mode).
 *
 * @param presentation - Raw presentation bytes (from {@link present}).
 */
export function toQrText(presentation: Uint8Array): string {
  return QR_PREFIX + encodeBase45(presentation);
}

/**
 * The presentation bytes of QR text (the inverse of {@link toQrText}).
 *
 * @param text - `PG1:` and base45.
 * @throws {@link PresentationError} `BAD_QR_TEXT` without the prefix or for invalid base45.
 */
export function fromQrText(text: string): Uint8Array {
  if (!text.startsWith(QR_PREFIX)) throw new PresentationError('BAD_QR_TEXT', `QR text must start with ${QR_PREFIX}`);
  try {
    return decodeBase45(text.slice(QR_PREFIX.length));
  } catch (e) {
    throw new PresentationError('BAD_QR_TEXT', e instanceof Error ? e.message : String(e));
  }
}
