// Batches under attack (issue 11 item 10): what a presentation costs in verifyBatchLocal when a share
// of the burst carries bad signatures (well-formed ones, signed by the issuer over another token: the
// costly kind, which passes every check before the equation), against verify() one by one on the same
// inputs, side by side in one run. Each share has its own verifier (the batch governor's state is per
// verifier), warmed up on its workload first: the figures are the steady state of a sustained burst.
import { createVerifier } from '../dist/sdk/index.js';
import { buildTrustList, generateKeyPair, issueToken, present, toQrText } from '../dist/sdk/issuer/index.js';
import { medianRatio, runInterleaved, summarize } from './measure.mjs';

export const ATTACK_PRESENTATIONS = 640;
export const ATTACK_SHARES = [0, 0.1, 1];
const NOW = 1_780_000_000;
const DAY = 86_400;
const ISSUERS = 8;

const countOk = (results) => results.filter((r) => r.result === 'OK').length;

/** A deterministic pseudo-random sequence, so that bad presentations land anywhere in the batches. */
function lcg(seed) {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
}

export async function makeBatchUnderAttack() {
  const root = generateKeyPair();
  const issuers = Array.from({ length: ISSUERS }, (_, i) => ({ ...generateKeyPair(), iss: `CN-${31 + i}` }));
  const trustList = buildTrustList({
    rootSecret: root.secretKey, version: 1, issuedAt: NOW - DAY, expires: NOW + 30 * DAY, roots: [root.publicKey],
    issuers: issuers.map((k) => ({ pub: k.publicKey, iss: k.iss, notBefore: NOW - 365 * DAY, notAfter: NOW + 365 * DAY })),
  });
  const issue = (n, extra = {}) => {
    const k = issuers[n % ISSUERS];
    return issueToken({ issuerSecret: k.secretKey, iss: k.iss, iat: NOW - 3600, exp: NOW + 7 * DAY, claims: { status: 0, vax: [2, NOW - 90 * DAY] }, decoys: 4, ...extra });
  };
  const good = (n) => { const t = issue(n); return toQrText(present({ token: t.token, disclosures: t.disclosures, reveal: t.keys })); };
  // The signature of another token by the same issuer: canonical R and S, wrong for this payload.
  const bad = (n) => {
    const other = issue(n).token;
    const t = issue(n, { unsafe: { sign1: { mapSignature: () => other.slice(other.length - 64) } } });
    return toQrText(present({ token: t.token, disclosures: t.disclosures, reveal: t.keys }));
  };
  const workloads = [];
  for (const share of ATTACK_SHARES) {
    const random = lcg(1 + Math.round(share * 1000));
    const isBad = Array.from({ length: ATTACK_PRESENTATIONS }, () => random() < share || share === 1);
    const texts = isBad.map((b, n) => (b ? bad(n) : good(n)));
    const verifier = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
    await verifier.applyTrustList(trustList);
    // Checked before anything is timed: both paths give the same results, bad ones BAD_SIGNATURE.
    const single = texts.map((t) => verifier.verify(t).result);
    const batch = verifier.verifyBatchLocal(texts).map((r) => r.result);
    if (single.some((r, i) => r !== batch[i] || r !== (isBad[i] ? 'BAD_SIGNATURE' : 'OK'))) throw new Error(`batch under attack (${share}): results differ`);
    const expectedOk = isBad.filter((b) => !b).length;
    workloads.push({ share, texts, verifier, expectedOk, countOk });
  }
  // A pass succeeds when it gets exactly the expected verdicts; the harness checks `operations`.
  const entries = workloads.flatMap((w) => [
    { key: `attack/${w.share}/single`, pass: () => (countOk(w.texts.map((t) => w.verifier.verify(t))) === w.expectedOk ? w.texts.length : -1), operations: w.texts.length },
    { key: `attack/${w.share}/batch`, pass: () => (countOk(w.verifier.verifyBatchLocal(w.texts)) === w.expectedOk ? w.texts.length : -1), operations: w.texts.length },
  ]);
  return { entries, stop: () => Promise.all(workloads.map((w) => w.verifier.destroy())) };
}

/** As runInterleaved, timed in this process's CPU time: what other processes do on a shared machine counts less. */
export async function runInterleavedCpu(entries, { rounds, warmupRounds }) {
  const samples = new Map(entries.map((e) => [e.key, []]));
  for (let round = -warmupRounds; round < rounds; round++) {
    for (const { key, pass, operations } of entries) {
      globalThis.gc();
      const start = process.cpuUsage();
      const succeeded = await pass();
      const used = process.cpuUsage(start);
      if (succeeded !== operations) throw new Error(`${key}: ${succeeded} of ${operations} operations succeeded`);
      if (round >= 0) samples.get(key).push(operations / ((used.user + used.system) / 1e6));
    }
  }
  return samples;
}

/** Per share: µs per presentation on each path, and the batch path's cost over the single path's. */
export function batchUnderAttackFigures(samples) {
  return Object.fromEntries(ATTACK_SHARES.map((share) => {
    const single = samples.get(`attack/${share}/single`);
    const batch = samples.get(`attack/${share}/batch`);
    return [`bad_${Math.round(share * 100)}pct`, {
      single_us: Number((1e6 / summarize(single).median).toFixed(1)),
      batch_us: Number((1e6 / summarize(batch).median).toFixed(1)),
      batch_over_single: Number((1 / medianRatio(batch, single)).toFixed(3)),
    }];
  }));
}

// Alone: `node --expose-gc bench/batchUnderAttack.mjs`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { entries, stop } = await makeBatchUnderAttack();
  const samples = process.argv.includes('--cpu')
    ? await runInterleavedCpu(entries, { rounds: 9, warmupRounds: 2 })
    : await runInterleaved(entries, { rounds: 9, warmupRounds: 2, onRound: (r) => console.error(`batch under attack: round ${r}`) });
  console.log(JSON.stringify(batchUnderAttackFigures(samples), null, 2));
  await stop();
}
