// Whole presentations in the page: Passgate's verify() and verifyBatch() against the pipeline a web
// developer would write (base45 + cbor-x + WebCrypto, the checks of presentationPipeline.mjs), on the
// same 1,000 PG1 texts, half of them holder-bound. Passgate's side reads `claims`
// as the pipeline builds them. Before timing, the pipeline must return exactly Passgate's iss,
// kid and claims on a sample, and every contender must refuse the tampered presentations.
import { createVerifier } from '../../../dist/sdk/index.js';
import { fromHex } from '../../../dist/sdk/encoding/hex.js';
import { makeCheckedPassAsync } from '../../checkedPass.mjs';
import { runInterleaved } from '../../measure.mjs';
import { makeAsyncPipeline } from '../../presentationPipeline.mjs';
import { webCryptoPrimitives } from './webcrypto.mjs';

const accepted = (v) => v.result === 'OK' && v.claims !== undefined;

/** Returns { samples: { contender: ops/s per round } }. */
export async function presentationPhase({ now, root, trustList, issuers, texts, rejects, rounds, warmupRounds }, log) {
  const verifier = await createVerifier({ roots: [root], storage: null, now: () => now });
  await verifier.applyTrustList(fromHex(trustList));
  const pipeline = await makeAsyncPipeline({
    issuers: issuers.map((i) => ({ ...i, pub: fromHex(i.pub) })),
    crypto: webCryptoPrimitives,
  });

  for (const text of texts.slice(0, 24)) {
    const { result, ...expected } = verifier.verify(text);
    if (result !== 'OK') throw new Error(`Passgate refused a benchmark presentation: ${result}`);
    const got = await pipeline(text, now);
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`the WebCrypto pipeline disagrees with Passgate: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
  }

  const contenders = [
    { id: 'passgate_verify', name: 'Passgate verify()', verify: (t) => accepted(verifier.verify(t)) },
    { id: 'passgate_verify_batch', name: 'Passgate verifyBatch()', async: true, verifyAll: async (ts) => (await verifier.verifyBatch(ts)).map(accepted) },
    { id: 'webcrypto_pipeline', name: 'WebCrypto pipeline, one at a time', async: true, verify: async (t) => (await pipeline(t, now)) !== null },
    {
      id: 'webcrypto_pipeline_concurrent',
      name: 'WebCrypto pipeline, all at once (Promise.all)',
      async: true,
      verifyAll: async (ts) => (await Promise.all(ts.map((t) => pipeline(t, now)))).map((v) => v !== null),
    },
  ];
  const tampered = rejects.map((r) => ({ label: r.label, item: r.text }));
  const entries = [];
  for (const c of contenders) entries.push({ key: c.id, pass: await makeCheckedPassAsync(c, texts, tampered), operations: texts.length });
  const samples = await runInterleaved(entries, { rounds, warmupRounds, onRound: (r) => log(r < 0 ? 'presentations: warm-up round' : `presentations: round ${r + 1} of ${rounds}`) });
  await verifier.destroy();
  return { samples: Object.fromEntries(samples) };
}
