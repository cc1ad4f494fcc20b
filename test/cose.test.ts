// The core's COSE_Sign1 path (RFC 9052 §4.4 Sig_structure, hashed in place) on the COSE WG example,
// and PG1's restriction of the headers (§2: protected {1: alg, 4: kid} only, unprotected {}).
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateCore } from '../sdk/core/loadCore.js';
import { VerifierCore } from '../sdk/core/verifierCore.js';
import { hex, vectorJson } from './helpers/vectors.js';

interface CoseExample { input: { sign0: { key: { x_hex: string } } }; output: { cbor: string } }

let core: VerifierCore;
beforeAll(async () => {
  core = new VerifierCore(await instantiateCore());
});

describe('COSE WG eddsa-sig-01', () => {
  const ex = vectorJson<CoseExample>('cose-wg/eddsa-sig-01.json');
  const sign1 = hex(ex.output.cbor);
  const pub = hex(ex.input.sign0.key.x_hex);

  it('verifies through the core', () => {
    expect(core.verifyAnySign1(sign1, pub)).toBe(true);
  });

  it('fails with any bit of the protected header, payload or signature flipped', () => {
    // Bytes 8-12 are the unprotected map {4: h'3131'}, which the signature does not cover.
    const signed = [...Array(sign1.length).keys()].filter((i) => i >= 2 && (i < 8 || i > 12));
    for (const i of signed) {
      const bad = sign1.slice();
      bad[i]! ^= 0x01;
      expect(core.verifyAnySign1(bad, pub), `byte ${i}`).toBe(false);
    }
  });

  it('is refused as a PG1 list: its headers are not PG1 headers', () => {
    const kid = new Uint8Array(8);
    expect(core.openSigned(sign1, [{ kid, pub }])).toEqual({ refusal: 'MALFORMED' });
  });
});
