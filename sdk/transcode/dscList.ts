/**
 * Foreign trust (PG1 §11.1): the document signer certificates (DSC) as the EU gateway publishes them, a
 * JSON array of {kid, country, certificateType, rawData}. Entries are indexed by kid (a Map, so 100,000
 * of them cost one lookup). An entry whose kid is not H(rawData)[0..8] is skipped with a warning when the
 * list is read; its certificate is parsed when its kid is first looked up (node:crypto takes a quarter of
 * a millisecond a certificate: 25 s for a list of 100,000, of which a gateway uses a few), and skipped
 * then, with a warning, when it or its key cannot be read (I-63). The validity period is not checked (§11.1).
 */
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { toHex } from '../encoding/hex.js';
import { PassgateError } from '../errors.js';

/** The kinds of certificate an HC1 pass holds: vaccination, test, recovery. */
export type CertificateKind = 'v' | 't' | 'r';

/** A signer read from the list. */
export interface ForeignSigner {
  /** The kid as the list gives it (8 bytes, lowercase hex). */
  readonly kid: string;
  /** The country the list gives it under (informative: the pass names its own). */
  readonly country: string;
  /** P-256 / P-384 (ES256) or RSA (PS256). */
  readonly key: KeyObject;
  /** The kinds its extended key usage allows; null when it names none of them (it may sign any). */
  readonly kinds: ReadonlySet<CertificateKind> | null;
}

/** The signers by kid, and what was skipped. */
export interface DscList {
  /**
   * Usable signers with this kid; kids may collide between states.
   *
   * @param kid - 8 bytes, lowercase hex.
   */
  signersFor(kid: string): readonly ForeignSigner[];
  /** Entries that passed the kid check (their certificates are read on first lookup). */
  readonly size: number;
  /** One line per skipped entry so far, for the operator (certificates are read on first lookup). */
  readonly warnings: readonly string[];
}

/** An entry whose kid matched, its certificate not read yet. */
interface PendingEntry {
  readonly index: number;
  readonly kid: string;
  readonly country: string;
  readonly raw: Buffer;
}

/** The extended key usage OIDs of §11.1 (both arcs the member states used) and the kind each allows. */
const KIND_OF_OID: ReadonlyMap<string, CertificateKind> = new Map([
  ['1.3.6.1.4.1.1847.2021.1.1', 't'],
  ['1.3.6.1.4.1.0.1847.2021.1.1', 't'],
  ['1.3.6.1.4.1.1847.2021.1.2', 'v'],
  ['1.3.6.1.4.1.0.1847.2021.1.2', 'v'],
  ['1.3.6.1.4.1.1847.2021.1.3', 'r'],
  ['1.3.6.1.4.1.0.1847.2021.1.3', 'r'],
]);

/**
 * The kinds a certificate's extended key usage allows, null for "any" (none of the six OIDs).
 *
 * @param certificate - A document signer certificate.
 */
export function kindsAllowed(certificate: X509Certificate): ReadonlySet<CertificateKind> | null {
  const kinds = new Set<CertificateKind>();
  // Node names the extended key usage `keyUsage` (undefined when the extension is absent).
  for (const oid of certificate.keyUsage ?? []) {
    const kind = KIND_OF_OID.get(oid);
    if (kind !== undefined) kinds.add(kind);
  }
  return kinds.size === 0 ? null : kinds;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function base64Bytes(text: unknown): Buffer | null {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64.test(text)) return null;
  return Buffer.from(text, 'base64');
}

/** The signature key of a certificate, when it is one §11.2 step 4 can use. */
function usableKey(certificate: X509Certificate): KeyObject | string {
  const key = certificate.publicKey;
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' || curve === 'secp384r1' ? key : `an EC key on ${String(curve)}`;
  }
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return key;
  return `a ${String(key.asymmetricKeyType)} key`;
}

/** The load-time checks of an entry: a DSC whose kid is H(rawData)[0..8]; null when skipped. */
function checkEntry(entry: unknown, index: number, warn: (text: string) => void): PendingEntry | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    warn(`entry ${index}: not an object, skipped`);
    return null;
  }
  const o = entry as Record<string, unknown>;
  if (o.certificateType !== 'DSC') return null; // CSCA, upload and other certificates are not signers (§11.1)
  const kid = base64Bytes(o.kid);
  if (kid === null || kid.length !== 8) {
    warn(`entry ${index}: kid is not base64 of 8 bytes, skipped`);
    return null;
  }
  const raw = base64Bytes(o.rawData);
  if (raw === null || raw.length === 0) {
    warn(`entry ${index} (kid ${toHex(kid)}): rawData is not base64, skipped`);
    return null;
  }
  if (!createHash('sha256').update(raw).digest().subarray(0, 8).equals(kid)) {
    warn(`entry ${index} (kid ${toHex(kid)}): kid is not SHA-256(rawData)[0..8], skipped`);
    return null;
  }
  return { index, kid: toHex(kid), country: typeof o.country === 'string' ? o.country : '', raw };
}

/** The signer of an entry, its certificate read; null (with a warning) when it or its key cannot be. */
function readSigner(entry: PendingEntry, warn: (text: string) => void): ForeignSigner | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(entry.raw);
  } catch {
    warn(`entry ${entry.index} (kid ${entry.kid}): rawData is not a DER X.509 certificate, skipped`);
    return null;
  }
  let key: KeyObject | string;
  try {
    key = usableKey(certificate);
  } catch {
    key = 'a key that cannot be read';
  }
  if (typeof key === 'string') {
    warn(`entry ${entry.index} (kid ${entry.kid}): ${key}, skipped`);
    return null;
  }
  return { kid: entry.kid, country: entry.country, key, kinds: kindsAllowed(certificate) };
}

/**
 * Reads a DSC list already parsed from JSON.
 *
 * @param json - The parsed DSC list (the EU gateway's JSON).
 * @param onWarning - Called with each skipped entry's warning, when the list is read or, for a
 *   certificate that cannot be read, when its kid is first looked up.
 * @throws {@link PassgateError} `BAD_ARGUMENT` when it is not an array (the command exits with status 2).
 */
export function readDscList(json: unknown, onWarning?: (text: string) => void): DscList {
  if (!Array.isArray(json)) throw new PassgateError('BAD_ARGUMENT', 'a DSC list is a JSON array');
  const warnings: string[] = [];
  const warn = (text: string): void => {
    warnings.push(text);
    onWarning?.(text);
  };
  const pending = new Map<string, PendingEntry[]>();
  let size = 0;
  json.forEach((entry: unknown, index) => {
    const checked = checkEntry(entry, index, warn);
    if (checked === null) return;
    const list = pending.get(checked.kid);
    if (list === undefined) pending.set(checked.kid, [checked]);
    else list.push(checked);
    size++;
  });
  const signers = new Map<string, readonly ForeignSigner[]>();
  return {
    signersFor(kid: string): readonly ForeignSigner[] {
      let found = signers.get(kid);
      if (found === undefined) {
        found = (pending.get(kid) ?? []).map((e) => readSigner(e, warn)).filter((s): s is ForeignSigner => s !== null);
        pending.delete(kid);
        signers.set(kid, found);
      }
      return found;
    },
    size,
    warnings,
  };
}
