import { instantiateCore, type CoreExports } from './core/loadCore.js';
import { CoreMemory } from './core/coreMemory.js';

/** Why an Ed25519 signature was refused (core codes of assembly/ed25519.ts). */
export type Ed25519Status =
  | 'VALID'
  | 'S_NOT_CANONICAL'
  | 'BAD_PUBLIC_KEY'
  | 'BAD_R'
  | 'EQUATION'
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
  if (bytes.length !== length) throw new RangeError(`${what} must be ${length} bytes, got ${bytes.length}`);
}

/** A public key prepared for repeated verification (see PassgateCrypto.prepareKey). */
export interface PreparedKey {
  /** The key's place in its core (meaningful only to the PassgateCrypto that prepared it). */
  readonly handle: number;
  verifyStatus(signature: Uint8Array, message: Uint8Array): Ed25519Status;
  verify(signature: Uint8Array, message: Uint8Array): boolean;
}

/** SHA-2 and Ed25519 verification backed by the WebAssembly core. */
export class PassgateCrypto {
  private readonly mem: CoreMemory;

  constructor(private readonly core: CoreExports) {
    this.mem = new CoreMemory(core);
  }

  sha256(data: Uint8Array): Uint8Array {
    const [d, out] = this.mem.place([data, new Uint8Array(32)]) as [number, number];
    this.core.sha256(d, data.length, out);
    return this.mem.read(out, 32);
  }

  sha512(data: Uint8Array): Uint8Array {
    const [d, out] = this.mem.place([data, new Uint8Array(64)]) as [number, number];
    this.core.sha512(d, data.length, out);
    return this.mem.read(out, 64);
  }

  /** Ed25519 per PG1 §2 (cofactored, strict): the detailed outcome. */
  ed25519VerifyStatus(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Ed25519Status {
    checkLength('signature', signature, 64);
    checkLength('public key', publicKey, 32);
    const [sig, pub, msg] = this.mem.place([signature, publicKey, message]) as [number, number, number];
    return statusName(this.core.ed25519Verify(msg, message.length, sig, pub));
  }

  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    return this.ed25519VerifyStatus(signature, message, publicKey) === 'VALID';
  }

  /**
   * Prepares a key that will verify many signatures (an issuer's): about 165 KB of precomputed
   * multiples, after which each verification needs no doublings. Keys stay prepared until
   * forgetPreparedKeys().
   */
  prepareKey(publicKey: Uint8Array): PreparedKey {
    checkLength('public key', publicKey, 32);
    const [pub] = this.mem.place([publicKey]) as [number];
    const handle = this.core.ed25519PrepareKey(pub);
    if (handle === 0) throw new RangeError('invalid public key, or out of memory');
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

  forgetPreparedKeys(): void {
    this.core.ed25519ForgetKeys();
  }

  /** Whether a key may serve as an issuer or root key (PG1 §6): canonical and not of small order. */
  checkPublicKey(publicKey: Uint8Array): Ed25519Status {
    checkLength('public key', publicKey, 32);
    const [pub] = this.mem.place([publicKey]) as [number];
    return statusName(this.core.ed25519CheckPublicKey(pub));
  }
}

/** Instantiates a core (Node, browsers and workers alike) and returns its cryptography. */
export async function loadCrypto(): Promise<PassgateCrypto> {
  return new PassgateCrypto(await instantiateCore());
}
