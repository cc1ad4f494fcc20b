/**
 * A VerifierCore under test with a Verifier over it (so results read as the SDK's), and the trust and
 * revocation material the core is loaded with directly: issuer keys and sorted prefix sets.
 */
import { instantiateCore } from '../../sdk/core/loadCore.js';
import { VerifierCore, type VerifierCoreOptions } from '../../sdk/core/verifierCore.js';
import type { IssuerKey } from '../../sdk/pg1/trustList.js';
import { Verifier } from '../../sdk/verifier/verifier.js';
import { generateKeyPair, kidOf, type KeyPair, type TrustListIssuer } from '../../sdk/issuer/index.js';
import { NOW, root, trustList } from './issuerFixtures.js';

export interface CoreUnderTest {
  readonly core: VerifierCore;
  readonly verifier: Verifier;
  /** The core's linear memory in bytes now. */
  readonly memoryBytes: () => number;
}

/** A core with `options`, and a verifier over it that has applied `trust` (the fixtures' list by default). */
export async function coreUnderTest(options: VerifierCoreOptions = {}, trust: Uint8Array = trustList()): Promise<CoreUnderTest> {
  const exports = await instantiateCore();
  const core = new VerifierCore(exports, options);
  const verifier = new Verifier(core, { roots: [root.publicKey], storage: null, now: () => NOW });
  await verifier.applyTrustList(trust);
  return { core, verifier, memoryBytes: () => exports.memory.buffer.byteLength };
}

/** An issuer of a trust list as the core takes it. */
export function issuerKeyOf(entry: TrustListIssuer): IssuerKey {
  return { kid: kidOf(entry.pub), pub: entry.pub, iss: entry.iss, notBefore: entry.notBefore, notAfter: entry.notAfter };
}

/** n fresh issuer key pairs with their trust list entries (iss CN-<i>). */
export function manyIssuers(n: number): { keys: KeyPair[]; entries: TrustListIssuer[] } {
  const keys = Array.from({ length: n }, () => generateKeyPair());
  const entries = keys.map((k, i) => ({ pub: k.publicKey, iss: `CN-${i}`, notBefore: NOW - 100 * 86_400, notAfter: NOW + 100 * 86_400 }));
  return { keys, entries };
}

/** Sorted, distinct 8-byte prefixes: the given ones plus `extra` pseudo-random ones. */
export function prefixSet(given: readonly Uint8Array[], extra: number): Uint8Array {
  const all = [...given];
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < extra; i++) {
    x = BigInt.asUintN(64, x * 6364136223846793005n + 1442695040888963407n);
    const p = new Uint8Array(8);
    new DataView(p.buffer).setBigUint64(0, x);
    all.push(p);
  }
  all.sort((a, b) => Buffer.compare(a, b));
  const out = new Uint8Array(8 * all.length);
  let n = 0;
  for (const [i, p] of all.entries()) {
    if (i > 0 && Buffer.compare(p, all[i - 1]!) === 0) continue;
    out.set(p, 8 * n++);
  }
  return out.subarray(0, 8 * n);
}
