import { instantiateCore, type CoreExports } from './loadCore.js';
import { CoreMemory } from './coreMemory.js';
import { PassgateError } from '../errors.js';

/** Why an Ed25519 signature was refused (core codes of assembly/crypto/ed25519.ts). */
export type Ed25519Status =
  /** The signature verifies (or the key is fit to be an issuer or root key). */
  | 'VALID'
  /** S is not below the group order L (a malleated signature). */
  | 'S_NOT_CANONICAL'
  /** The public key is not a canonical encoding of a curve point. */
  | 'BAD_PUBLIC_KEY'
  /** R is not a canonical encoding of a curve point. */
  | 'BAD_R'
  /** Well-formed, but the cofactored equation does not hold: a wrong signature. */
  | 'EQUATION'
  /** The public key is of small order: anyone can sign for it. */
  | 'SMALL_ORDER_KEY';

const ED25519_STATUS: readonly Ed25519Status[] = [
  'VALID',
  'S_NOT_CANONICAL',
  'BAD_PUBLIC_KEY',
  'BAD_R',
  'EQUATION',
  'SMALL_ORDER_KEY',
];

function statusName(code: number): Ed25519Status {
  const s = ED25519_STATUS[code];
  if (s === undefined) throw new RangeError(`unknown Ed25519 status ${code}`);
  return s;
}

function checkLength(what: string, bytes: Uint8Array, length: number): void {
  if (!(bytes instanceof Uint8Array)) throw new PassgateError('BAD_ARGUMENT', `${what} must be a Uint8Array`);
  if (bytes.length !== length) throw new PassgateError('BAD_ARGUMENT', `${what} must be ${length} bytes, got ${bytes.length}`);
}

/** A public key prepared for repeated verification (see PassgateCrypto.prepareKey). */
export interface PreparedKey {
  /** The key's place in its core (meaningful only to the PassgateCrypto that prepared it). */
  readonly handle: number;
  /**
   * Verifies a signature under this key, with the detailed outcome.
   *
   * @param signature - 64 bytes (else `BAD_ARGUMENT`).
   * @param message - The signed bytes.
   */
  verifyStatus(signature: Uint8Array, message: Uint8Array): Ed25519Status;
  /**
   * Whether a signature under this key verifies.
   *
   * @param signature - 64 bytes (else `BAD_ARGUMENT`).
   * @param message - The signed bytes.
   */
  verify(signature: Uint8Array, message: Uint8Array): boolean;
}

/**
 * SHA-2 and Ed25519 verification backed by the WebAssembly core (from {@link loadCrypto}), for apps
 * that check other signatures the way PG1 does. Wrong-length keys and signatures are `BAD_ARGUMENT`.
 */
export class PassgateCrypto {
  private readonly mem: CoreMemory;

  /** @internal Use loadCrypto(): the core is not something an application can make. */
  constructor(private readonly core: CoreExports) {
    this.mem = new CoreMemory(core);
  }

  /**
   * SHA-256 (FIPS 180-4).
   *
   * @param data - The bytes to hash.
   */
  sha256(data: Uint8Array): Uint8Array {
    const [d, out] = this.mem.place([data, new Uint8Array(32)]) as [number, number];
    this.core.sha256(d, data.length, out);
    return this.mem.read(out, 32);
  }

  /**
   * SHA-512 (FIPS 180-4).
   *
   * @param data - The bytes to hash.
   */
  sha512(data: Uint8Array): Uint8Array {
    const [d, out] = this.mem.place([data, new Uint8Array(64)]) as [number, number];
    this.core.sha512(d, data.length, out);
    return this.mem.read(out, 64);
  }

  /**
   * Ed25519 per PG1 §2 (cofactored, strict): the detailed outcome.
   *
   * @param signature - 64 bytes.
   * @param message - The signed bytes.
   * @param publicKey - 32 bytes.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for a signature or key of another length.
   */
  ed25519VerifyStatus(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Ed25519Status {
    checkLength('signature', signature, 64);
    checkLength('public key', publicKey, 32);
    const [sig, pub, msg] = this.mem.place([signature, publicKey, message]) as [number, number, number];
    return statusName(this.core.ed25519Verify(msg, message.length, sig, pub));
  }

  /**
   * Whether an Ed25519 signature verifies per PG1 §2 (cofactored, strict).
   *
   * @param signature - 64 bytes.
   * @param message - The signed bytes.
   * @param publicKey - 32 bytes.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for a signature or key of another length.
   */
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    return this.ed25519VerifyStatus(signature, message, publicKey) === 'VALID';
  }

  /**
   * Prepares a key that will verify many signatures (an issuer's): about 165 KB of precomputed
   * multiples, after which each verification needs no doublings. Keys stay prepared until
   * forgetPreparedKeys().
   *
   * @param publicKey - 32 bytes, a canonical point.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for a key that is not a canonical point of 32 bytes,
   *   `OUT_OF_MEMORY` when the core cannot hold another table (forget some first).
   */
  prepareKey(publicKey: Uint8Array): PreparedKey {
    checkLength('public key', publicKey, 32);
    const [pub] = this.mem.place([publicKey]) as [number];
    const handle = this.core.ed25519PrepareKey(pub);
    if (handle === 0) {
      // The core says only "no": a key it cannot decode, or no memory left for the table.
      if (this.checkPublicKey(publicKey) === 'BAD_PUBLIC_KEY') throw new PassgateError('BAD_ARGUMENT', 'the public key is not a canonical curve point');
      throw new PassgateError('OUT_OF_MEMORY', 'the core cannot hold another prepared key');
    }
    return {
      handle,
      verifyStatus: (signature: Uint8Array, message: Uint8Array): Ed25519Status => {
        checkLength('signature', signature, 64);
        const [sig, msg] = this.mem.place([signature, message]) as [number, number];
        return statusName(this.core.ed25519VerifyPrepared(msg, message.length, sig, handle));
      },
      verify(signature: Uint8Array, message: Uint8Array): boolean {
        return this.verifyStatus(signature, message) === 'VALID';
      },
    };
  }

  /**
   * Verifies many signatures together: one cofactored batch equation per 64 (random 128-bit
   * coefficients from the platform CSPRNG), bisected on failure, so each gets its own answer.
   *
   * @param items - Signatures with their messages and keys (32 bytes, or prepared by this object).
   * @returns Whether each verifies, in order.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for a signature or key of another length.
   */
  verifyBatch(items: readonly { signature: Uint8Array; message: Uint8Array; key: Uint8Array | PreparedKey }[]): boolean[] {
    const out: boolean[] = [];
    for (let start = 0; start < items.length; start += 64) {
      const chunk = items.slice(start, start + 64);
      const random = crypto.getRandomValues(new Uint8Array(16 * chunk.length));
      const parts: Uint8Array[] = [random];
      for (const it of chunk) {
        checkLength('signature', it.signature, 64);
        parts.push(it.signature, it.message, it.key instanceof Uint8Array ? it.key : new Uint8Array(0));
      }
      const [randomAt, ...at] = this.mem.placeScratch(parts).at as [number, ...number[]];
      this.core.batchBegin(0n, 0n);
      const index = chunk.map((it, i) => {
        const key = it.key;
        if (key instanceof Uint8Array) checkLength('public key', key, 32);
        return this.core.batchAddSignature(at[3 * i + 1]!, it.message.length, at[3 * i]!, at[3 * i + 2]!,
          key instanceof Uint8Array ? 0 : key.handle);
      });
      this.core.batchCheck(randomAt);
      for (const eq of index) out.push(eq >= 0 ? this.core.batchEquationVerdict(eq) === 1 : false);
    }
    return out;
  }

  /** Frees every prepared key's table: the PreparedKeys made so far must not be used again. */
  forgetPreparedKeys(): void {
    this.core.ed25519ForgetKeys();
  }

  /**
   * Whether a key may serve as an issuer or root key (PG1 §6): canonical and not of small order.
   *
   * @param publicKey - 32 bytes.
   * @returns `VALID`, `BAD_PUBLIC_KEY` or `SMALL_ORDER_KEY`.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for a key of another length.
   */
  checkPublicKey(publicKey: Uint8Array): Ed25519Status {
    checkLength('public key', publicKey, 32);
    const [pub] = this.mem.place([publicKey]) as [number];
    return statusName(this.core.ed25519CheckPublicKey(pub));
  }
}

/**
 * Instantiates a core (Node, browsers and workers alike) and returns its cryptography.
 *
 * @throws {@link PassgateError} `UNSUPPORTED_PLATFORM` when the core cannot be loaded here.
 */
export async function loadCrypto(): Promise<PassgateCrypto> {
  return new PassgateCrypto(await instantiateCore());
}
