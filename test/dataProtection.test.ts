// Data protection: presentation bytes do not outlive their verification, destruction zeroises the core,
// and the optional scan log holds no personal data and forgets after its retention period.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instantiateCore } from '../sdk/core/loadCore.js';
import { VerifierCore } from '../sdk/core/verifierCore.js';
import { Verifier } from '../sdk/verifier/verifier.js';
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
  it('holds counts per hour, venue category and result only, sealed, and forgets them after the retention', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passgate-log-'));
    try {
      let now = NOW;
      const hour = NOW - (NOW % 3600);
      const make = () => withCore({ storage: new FileStorage(dir), now: () => now, scanLog: { retention: DAY } });
      const { v } = await make();
      v.verify(toQrText(presentAll(token({ claims: { status: 0, name: '李*四' } }))), { venue: 'school' });
      v.verify(presentAll(token()), { venue: 'school' });
      v.verify('garbage');
      expect(v.scanLog()).toEqual([
        { hour, venue: null, result: 'MALFORMED', count: 1 },
        { hour, venue: 'school', result: 'OK', count: 2 },
      ]);
      await v.flush();
      const stored = readFileSync(join(dir, 'log.pgs'));
      expect(stored.subarray(0, 4).toString()).toBe('PGS1');
      expect(stored.toString('latin1')).not.toMatch(/李|CN-35|PG1|school|MALFORMED/);
      // A restart reads the counts back; a day later they are gone.
      expect((await make()).v.scanLog()).toHaveLength(2);
      now = NOW + DAY + 3600;
      v.verify(presentAll(token({ exp: NOW + 3 * DAY })), { venue: 'taxi' });
      expect(v.scanLog()).toEqual([{ hour: now - (now % 3600), venue: 'taxi', result: 'OK', count: 1 }]);
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
