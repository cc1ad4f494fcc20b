// Misuse of createVerifier is a PassgateError that says what is wrong, never a raw TypeError.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createVerifier, PassgateError, type VerifierOptions } from '../sdk/index.js';
import { root } from './support/issuerFixtures.js';

const rootHex = Buffer.from(root.publicKey).toString('hex');

describe('createVerifier options', () => {
  const cases: [string, unknown, RegExp][] = [
    ['no options', undefined, /options object with roots/],
    ['roots undefined', {}, /roots must be a non-empty array/],
    ['roots empty', { roots: [] }, /roots must be a non-empty array/],
    ['a root of the wrong length', { roots: ['00ff'] }, /roots\[0\] must be 32 bytes/],
    ['a root that is not hex', { roots: ['zz'.repeat(32)] }, /roots\[0\] is not a hex key/],
    ['a root that is a number', { roots: [42] }, /roots\[0\] must be 32 bytes or 64 hex digits/],
    ['a small-order root', { roots: ['01' + '00'.repeat(31)] }, /not a canonical Ed25519 point of large order/],
    ['workers 0', { roots: [rootHex], workers: 0 }, /workers must be a positive integer/],
    ['workers "2"', { roots: [rootHex], workers: '2' }, /workers must be a positive integer/],
    ['workers 1.5', { roots: [rootHex], workers: 1.5 }, /workers must be a positive integer/],
    ['workers.spawn not a function', { roots: [rootHex], workers: { count: 1, spawn: 3 } }, /workers.spawn must be a function/],
    ['storage that is not an adapter', { roots: [rootHex], storage: {} }, /storage is not a storage adapter/],
    ['storage of the old interface', { roots: [rootHex], storage: { kind: 'x', load() {}, save() {} } }, /storage is not a storage adapter/],
    ['keyStore that is not one', { roots: [rootHex], keyStore: { get() {} } }, /keyStore is not a key store/],
    ['skew -1', { roots: [rootHex], skew: -1 }, /skew must be a non-negative integer/],
    ['staleGrace 1.5', { roots: [rootHex], staleGrace: 1.5 }, /staleGrace must be a non-negative integer/],
    ['now not a function', { roots: [rootHex], now: 5 }, /now must be a function/],
    ['scanLog without retention', { roots: [rootHex], scanLog: {} }, /retention must be a positive number/],
    ['precompute.maxBytes -1', { roots: [rootHex], precompute: { maxBytes: -1 } }, /precompute.maxBytes must be a non-negative integer/],
    ['precompute without maxBytes', { roots: [rootHex], precompute: {} }, /precompute.maxBytes must be a non-negative integer/],
  ];
  for (const [what, options, message] of cases) {
    it(`refuses ${what}`, async () => {
      const e = await createVerifier(options as VerifierOptions).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(PassgateError);
      expect((e as PassgateError).message).toMatch(message);
    });
  }

  it('without WebCrypto, says so', () => {
    const script = `
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
      const { createVerifier } = await import(${JSON.stringify(new URL('../dist/sdk/index.js', import.meta.url).href)});
      try { await createVerifier({ roots: [${JSON.stringify(rootHex)}] }); console.log('no error'); }
      catch (e) { console.log(e.name, e.code, e.message); }`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(out).toMatch(/^PassgateError NO_CRYPTO WebCrypto/);
  });
});
