// Data protection: presentation bytes do not outlive their verification, destruction zeroises the core,
// and the optional scan log holds no personal data and forgets after its retention period.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instantiateCore } from '../sdk/core/loadCore.js';
import { VerifierCore } from '../sdk/core/verifierCore.js';
import { Verifier } from '../sdk/verifier.js';
import { FileStorage } from '../sdk/node.js';
import { toQrText } from '../sdk/issuer/index.js';
import { DAY, NOW, bindingNow, device, presentAll, root, token, trustList } from './support/issuerFixtures.js';

/** A verifier whose core's memory the test can read. */
async function withCore(options: Partial<ConstructorParameters<typeof Verifier>[1]> = {}) {
  const exports = await instantiateCore();
  const v = new Verifier(new VerifierCore(exports), { roots: [root.publicKey], storage: null, now: () => NOW, ...options });
  await v.restore();
  if (!v.trustList) await v.applyTrustList(trustList());
  return { v, memory: () => new Uint8Array(exports.memory.buffer), io: exports.ioBuffer(), table: exports.disclosureTable() };
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('presentation bytes in the core', () => {
  it('are zeroised after each verification, whatever its result', async () => {
    const { v, memory } = await withCore();
    const t = token({ cnf: device.publicKey, claims: { status: 0, name: '张*三', id4: '123X' } });
    const raw = presentAll(t, bindingNow());
    const text = toQrText(raw);
    for (const input of [raw, text, text.slice(0, 200), 'PG1:%%%']) {
      const r = v.verify(input, { venue: 'general' });
      expect(['OK', 'MALFORMED']).toContain(r.result);
      // Neither the token, nor a disclosure's salt, nor the name is anywhere in the core's memory.
      expect(contains(memory(), t.token.subarray(10, 42))).toBe(false);
      expect(contains(memory(), t.disclosures[0]!.subarray(2, 18))).toBe(false);
      expect(contains(memory(), new TextEncoder().encode('张*三'))).toBe(false);
    }
    const batch = v.verifyBatchLocal([raw, text, raw]);
    expect(batch.map((r) => r.result)).toEqual(['OK', 'OK', 'OK']);
    expect(contains(memory(), t.token.subarray(10, 42))).toBe(false);
  });

  it('the whole of the core memory is zero after destroy()', async () => {
    const { v, memory } = await withCore();
    v.verify(presentAll(token()));
    await v.destroy();
    expect(memory().every((b) => b === 0)).toBe(true);
  });
});

describe('the scan log (off by default)', () => {
  it('records time, venue and result only, and purges entries older than the retention', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passgate-log-'));
    try {
      let now = NOW;
      const make = () => withCore({ storage: new FileStorage(dir), now: () => now, scanLog: { retention: DAY } });
      const { v } = await make();
      v.verify(toQrText(presentAll(token({ claims: { status: 0, name: '李*四' } }))), { venue: 'school' });
      v.verify('garbage');
      expect(v.scanLog()).toEqual([
        { at: NOW, venue: 'school', result: 'OK' },
        { at: NOW, venue: null, result: 'MALFORMED' },
      ]);
      now = NOW + DAY + 1;
      v.verify(presentAll(token({ exp: NOW + 3 * DAY })), { venue: 'taxi' });
      expect(v.scanLog()).toEqual([{ at: NOW + DAY + 1, venue: 'taxi', result: 'OK' }]);
      await v.flush();
      const stored = readFileSync(join(dir, 'scan-log.json'), 'utf8');
      expect(stored).not.toMatch(/李|CN-35|PG1/);
      expect(JSON.parse(stored)).toEqual([{ at: NOW + DAY + 1, venue: 'taxi', result: 'OK' }]);
      // A restart reads it back, purging by the clock.
      now = NOW + 3 * DAY;
      const { v: later } = await make();
      expect(later.scanLog()).toEqual([]);
      await later.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not kept unless asked for', async () => {
    const { v } = await withCore();
    v.verify(presentAll(token()));
    expect(v.scanLog()).toEqual([]);
  });
});
