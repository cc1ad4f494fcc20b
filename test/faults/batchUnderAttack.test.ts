// Batches under attack (issue 11 item 10): after a batch whose equation fails, presentations are
// verified one by one for a while, so a flood of bad signatures costs what verify() costs instead of
// the bisection's several times that; batching comes back, in steps, after a clean run. Whatever the
// path, every presentation gets exactly verify()'s result. (Costs are in bench/batchUnderAttack.mjs;
// here the path taken is observed by counting the core's batch and single calls.)
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { VerifierCore } from '../../sdk/core/verifierCore.js';
import { BatchGovernor, MAX_CLEAN_RUN, MIN_CLEAN_RUN } from '../../sdk/core/batchGovernor.js';
import { toQrText } from '../../sdk/issuer/index.js';
import { DAY, NOW, bindingNow, device, presentAll, root, stranger, token, trustList } from '../support/issuerFixtures.js';

let v: Verifier;
beforeAll(async () => {
  v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await v.applyTrustList(trustList());
});
afterEach(() => { vi.restoreAllMocks(); });

const good = (): string => toQrText(presentAll(token()));
/** A well-formed signature over another token by the same issuer: the costly kind (it reaches the equation). */
function badSignature(): Uint8Array {
  const other = token().token;
  return presentAll(token({ unsafe: { sign1: { mapSignature: () => other.slice(other.length - 64) } } }));
}
/** A genuine but expired token whose device binding signature is wrong: its result is EXPIRED, not a signature code. */
function expiredWithBadBinding(): Uint8Array {
  return presentAll(token({ cnf: device.publicKey, exp: NOW - DAY }), bindingNow({ deviceSecret: stranger.secretKey }));
}

/** Counts the core's batch calls and one-by-one calls made by `f`. */
function paths<T>(f: () => T): { result: T; batches: number; singles: number } {
  const batch = vi.spyOn(VerifierCore.prototype, 'verifyBatch');
  const single = vi.spyOn(VerifierCore.prototype, 'verifyInto');
  const result = f();
  const counts = { result, batches: batch.mock.calls.length, singles: single.mock.calls.length };
  batch.mockRestore();
  single.mockRestore();
  return counts;
}

const expectVerifyResults = (inputs: readonly (string | Uint8Array)[]): void => {
  expect(v.verifyBatchLocal(inputs, { venue: 'general' })).toEqual(inputs.map((x) => v.verify(x, { venue: 'general' })));
};

describe('verifyBatch under a flood of bad signatures', () => {
  it('goes to single verification after the first failing batch, and back to batches after a clean run', () => {
    const bad = Array.from({ length: 640 }, badSignature);
    const flood = paths(() => v.verifyBatchLocal(bad));
    expect(flood.result.every((r) => r.result === 'BAD_SIGNATURE')).toBe(true);
    // One batch of 64 met the flood; the other 576 were verified one by one.
    expect(flood).toMatchObject({ batches: 1, singles: 576 });
    const goods = Array.from({ length: MIN_CLEAN_RUN + 16 + 32 + 64 + 64 }, good);
    const recovery = paths(() => v.verifyBatchLocal(goods));
    expect(recovery.result.every((r) => r.result === 'OK')).toBe(true);
    // 256 good ones alone, then batches of 16, 32, 64 and 64 again.
    expect(recovery).toMatchObject({ singles: MIN_CLEAN_RUN, batches: 4 });
  });

  it('goes by failed equations, not result codes: expired tokens with bad bindings (EXPIRED, not a signature code) switch to singles too', async () => {
    const fresh = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await fresh.applyTrustList(trustList());
    const sly = Array.from({ length: 128 }, expiredWithBadBinding);
    const seen = paths(() => fresh.verifyBatchLocal(sly));
    expect(seen.result.every((r) => r.result === 'EXPIRED')).toBe(true);
    expect(seen).toMatchObject({ batches: 1, singles: 64 });
  });

  it('gives verify()\'s results in mixed bursts, whatever path each presentation takes', () => {
    const bursts: (string | Uint8Array)[][] = [
      Array.from({ length: 200 }, good),
      Array.from({ length: 130 }, (_, i) => (i % 10 === 3 ? badSignature() : good())),
      Array.from({ length: 100 }, badSignature),
      Array.from({ length: 400 }, (_, i) => (i === 390 ? badSignature() : i % 50 === 7 ? expiredWithBadBinding() : good())),
      Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? presentAll(token({ cnf: device.publicKey }), bindingNow()) : i % 97 === 0 ? badSignature() : good())),
    ];
    for (const burst of bursts) expectVerifyResults(burst);
  });
});

describe('the batch governor\'s policy', () => {
  const singles = (g: BatchGovernor, n: number, bad = false): void => { for (let i = 0; i < n; i++) g.observeSingle(bad); };

  it('starts with full batches, and probes back up 16, 32, 64 after a clean run of singles', () => {
    const g = new BatchGovernor();
    expect(g.nextSize()).toBe(64);
    g.observeBatch(64, 1);
    expect(g.nextSize()).toBe(1);
    singles(g, MIN_CLEAN_RUN - 1);
    g.observeSingle(true); // a bad one restarts the clean run
    singles(g, MIN_CLEAN_RUN - 1);
    expect(g.nextSize()).toBe(1);
    g.observeSingle(false);
    const sizes = [g.nextSize()];
    for (let i = 0; i < 3; i++) { g.observeBatch(sizes.at(-1)!, 0); sizes.push(g.nextSize()); }
    expect(sizes).toEqual([16, 32, 64, 64]);
  });

  it('asks for longer clean runs after each relapse (bad signatures the single path does not report), up to a limit, and eases after a long clean stretch', () => {
    const g = new BatchGovernor();
    g.observeBatch(64, 3);
    const needed: number[] = [];
    for (let relapse = 0; relapse < 10; relapse++) {
      singles(g, g.cleanRunNeeded);
      expect(g.nextSize()).toBe(16);
      g.observeBatch(16, 16); // fails as soon as batching resumes
      needed.push(g.cleanRunNeeded);
    }
    expect(needed).toEqual([512, 1024, 2048, 4096, 8192, 16384, 16384, 16384, 16384, 16384].map((n) => Math.min(n, MAX_CLEAN_RUN)));
    singles(g, g.cleanRunNeeded);
    let batched = 0;
    while (g.cleanRunNeeded > MIN_CLEAN_RUN) { g.observeBatch(g.nextSize(), 0); batched += 64; }
    expect(batched).toBeGreaterThan(4 * MAX_CLEAN_RUN); // forgotten step by step, not at once
    // A failure long after resuming is not a relapse: the clean run stays at its minimum.
    g.observeBatch(64, 1);
    expect(g.cleanRunNeeded).toBe(MIN_CLEAN_RUN);
  });
});
