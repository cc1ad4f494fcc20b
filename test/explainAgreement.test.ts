// explain never contradicts the core: over presentations mutated byte by byte (and as text), every
// detail names the step of PG1 §5 that the core's code belongs to, and reads a precise check again.
import { describe, expect, it } from 'vitest';
import '../sdk/explain/index.js'; // installs explain (as `import 'passgate/explain'` does)
import { createVerifier, type ResultCode } from '../sdk/index.js';
import { toQrText } from '../sdk/issuer/index.js';
import { toJson } from '../sdk/cli/json.js';
import { bindingNow, device, NOW, presentAll, root, token, trustList } from './support/issuerFixtures.js';

const STEPS: Readonly<Record<ResultCode, readonly (number | null)[]>> = {
  OK: [null], SUNSET: [1], TRUST_LIST_EXPIRED: [1], MALFORMED: [2, 5, 9], UNSUPPORTED_ALG: [2], UNKNOWN_KID: [3], BAD_SIGNATURE: [4],
  ISSUER_MISMATCH: [6], KEY_NOT_VALID: [6], KEY_REVOKED: [6], NOT_YET_VALID: [7], EXPIRED: [7], TOKEN_REVOKED: [8],
  DISCLOSURE_INVALID: [9], HOLDER_BINDING_FAILED: [10], STALE_PRESENTATION: [10], CARD_MISMATCH: [10], DOCUMENT_MISMATCH: [10],
  BINDING_REQUIRED: [11], CLAIM_REQUIRED: [11],
  STATUS_NOT_ALLOWED: [11], NAT_POSITIVE: [11], NAT_TOO_OLD: [11], DOSES_REQUIRED: [11], ABROAD_RECENT: [11], RISK_AREA_RECENT: [11],
};

describe('explain agrees with the core', () => {
  it('names the step of the core’s code for every mutation of a presentation', async () => {
    const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await v.applyTrustList(trustList());
    const bases = [presentAll(token()), presentAll(token({ cnf: device.publicKey }), bindingNow())];
    const codes = new Map<string, number>();
    let generic = 0;
    for (const base of bases) {
      const inputs: (string | Uint8Array)[] = [];
      for (let i = 0; i < base.length; i++) {
        for (const f of [(x: number) => x ^ 0x01, (x: number) => x ^ 0x80, () => 0x00, () => 0xff]) {
          const m = base.slice();
          m[i] = f(m[i]!);
          inputs.push(m);
        }
      }
      const text = toQrText(base);
      for (let i = 4; i < text.length; i += 3) inputs.push(text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1));
      for (const input of inputs) {
        const r = v.verify(input, { venue: 'general', explain: true });
        codes.set(r.result, (codes.get(r.result) ?? 0) + 1);
        expect(STEPS[r.result], `${r.result}: ${toJson(r.detail)}`).toContain(r.detail!.step);
        if (r.detail!.check.includes('no further detail')) generic += 1;
      }
    }
    // Mutations reach the structure, the signature, the claims and the disclosures...
    expect([...codes.keys()]).toEqual(expect.arrayContaining(['MALFORMED', 'BAD_SIGNATURE', 'DISCLOSURE_INVALID', 'UNKNOWN_KID']));
    // ...and the reading finds the precise rule for (nearly) all of them.
    expect(generic, JSON.stringify([...codes])).toBe(0);
  });
});
