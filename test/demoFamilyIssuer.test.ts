/**
 * The demo issuer's passes for relatives without a phone (demo/src/devServer/demoIssuer.ts), through
 * the SDK as any verifier sees them: a printed pass is OK with its holder's identity card and
 * DOCUMENT_MISMATCH with another's, a card pass OK with its card's serial only; `bound` set from the
 * console is signed into the next trust list; the issuer keeps neither the name nor the number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVerifier, type Verifier } from '../sdk/index.js';
import { DemoIssuer, REVOCATION_FILE, TRUST_FILE } from '../demo/src/devServer/demoIssuer.js';
import { fromBase64 } from '../demo/src/shared/base64.js';
import { tempDirs } from './support/tempDirs.js';

const PARENT = { name: '林建华', number: '11010519491231002X' };
const NOW = 1_790_000_000;

async function verifierFor(issuer: DemoIssuer): Promise<Verifier> {
  const v = await createVerifier({ roots: [issuer.rootPublicKey], storage: null, now: () => NOW });
  await v.applyTrustList(readFileSync(join(issuer.dir, TRUST_FILE)));
  await v.applyRevocations(readFileSync(join(issuer.dir, REVOCATION_FILE)));
  return v;
}

describe('demo issuer: passes without a phone (PG1 §10)', () => {
  const makeTempDir = tempDirs('passgate-demo-family-');

  it('a printed pass: OK with the holder’s card, DOCUMENT_MISMATCH with another; neither the name nor the number kept by the issuer', async () => {
    const dir = makeTempDir();
    const issuer = DemoIssuer.open(dir, NOW);
    const pass = issuer.issueFamilyPass({ kind: 'printed', status: 0, documentNumber: PARENT.number, name: PARENT.name }, NOW);
    expect(pass.exp - pass.iat).toBe(3 * 86_400);
    const v = await verifierFor(issuer);
    const p = fromBase64(pass.presentation);
    const ok = v.verify(p, { venue: 'transit', document: PARENT });
    expect(ok.result).toBe('OK');
    expect(ok.claims).toMatchObject({ status: 0, id4: '002X', name: '林*华' });
    expect(v.verify(p, { venue: 'transit', document: { number: '110105195001011234', name: PARENT.name } }).result).toBe('DOCUMENT_MISMATCH');
    expect(v.verify(p, { venue: 'transit', document: { number: PARENT.number, name: '林建国' } }).result).toBe('DOCUMENT_MISMATCH');
    expect(issuer.records()[0]).toMatchObject({ cti: pass.cti, label: 'family-printed', status: 0 });
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      for (const secret of [PARENT.name, PARENT.number, PARENT.number.slice(0, 14)]) expect(bytes.includes(Buffer.from(secret)), `${file} holds ${secret}`).toBe(false);
    }
  });

  it('a card pass: OK read from its card, CARD_MISMATCH from another card or as text', async () => {
    const issuer = DemoIssuer.open(makeTempDir(), NOW);
    const serial = '04a23b7a516e80';
    const pass = issuer.issueFamilyPass({ kind: 'card', status: 1, serial }, NOW);
    const v = await verifierFor(issuer);
    const p = fromBase64(pass.presentation);
    const ok = v.verify(p, { venue: 'transit', card: serial });
    expect(ok.result).toBe('OK');
    // Status only on a card (anything on it can be read by any reader nearby).
    expect(Object.keys(ok.claims ?? {})).toEqual(['status']);
    expect(v.verify(p, { venue: 'transit', card: '04a23b7a516e81' }).result).toBe('CARD_MISMATCH');
    expect(v.verify(p, { venue: 'transit' }).result).toBe('CARD_MISMATCH');
  });

  it('refuses a red pass to carry', () => {
    const issuer = DemoIssuer.open(makeTempDir(), NOW);
    expect(() => issuer.issueFamilyPass({ kind: 'card', status: 2 as 0, serial: '04a23b7a516e80' }, NOW)).toThrow(/red/);
  });

  it('bound: true for a category is signed into the next trust list: a printed pass without its card is BINDING_REQUIRED there, and nowhere else', async () => {
    const issuer = DemoIssuer.open(makeTempDir(), NOW);
    const pass = issuer.issueFamilyPass({ kind: 'printed', status: 0, documentNumber: PARENT.number, name: PARENT.name }, NOW);
    const before = issuer.listsState().trustVersion;
    const state = issuer.setBound('transit', true, NOW);
    expect(state).toMatchObject({ trustVersion: before + 1, boundCategories: ['transit'] });
    const v = await verifierFor(issuer);
    const p = fromBase64(pass.presentation);
    expect(v.policy['transit']?.bound).toBe(true);
    expect(v.verify(p, { venue: 'transit' }).result).toBe('BINDING_REQUIRED');
    expect(v.verify(p, { venue: 'transit', document: PARENT }).result).toBe('OK');
    expect(v.verify(p, { venue: 'general' }).result).toBe('OK');
    expect(issuer.setBound('transit', false, NOW).boundCategories).toEqual([]);
    expect((await verifierFor(issuer)).verify(p, { venue: 'transit' }).result).toBe('OK');
    expect(() => issuer.setBound('no-such-venue', true, NOW)).toThrow(/no venue category/);
  });
});
