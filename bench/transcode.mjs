// `node bench/transcode.mjs [seconds]`: the foreign-pass gateway (PG1 §11). Transcodings per second on one
// core and on all cores (worker_threads, one gateway each), over the member states' corpus files that
// hold at their own clock (the full path: decode, verify, check, schema, issue); the share of time in
// each step; and the corpus pass rate as test/transcodeCorpus.test.ts counts it. Writes a `transcode`
// object into bench/results.json (other fields kept). Needs `npm run build:sdk`.
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { clockSeconds, disagreement, dscEntry, loadCorpus } from '../test/support/dgcExpectations.mjs';

const dist = (path) => new URL(`../dist/sdk/${path}`, import.meta.url).href;
const { createTranscoder, readDscList } = await import(dist('transcode/index.js'));
const { generateKeyPair } = await import(dist('issuer/index.js'));

const corpus = loadCorpus();
const dsc = readDscList(corpus.map(dscEntry));
const gateway = generateKeyPair();
const transcoder = createTranscoder({ dsc, issuerSecret: gateway.secretKey, iss: 'CN-GW' });
/** The files that hold at their clock: each a full transcoding. */
const holding = corpus.map((f) => ({ text: f.PREFIX, now: clockSeconds(f.TESTCTX.VALIDATIONCLOCK), file: f }))
  .filter((p) => transcoder.transcode(p.text, p.now).result === 'OK');

/** Transcodings per second over `holding`, for about `seconds`. */
function throughput(seconds) {
  for (let i = 0; i < 2; i++) for (const p of holding) transcoder.transcode(p.text, p.now); // warm-up
  let n = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  while (performance.now() < end) {
    for (const p of holding) {
      if (transcoder.transcode(p.text, p.now).result !== 'OK') throw new Error(`${p.file.file} no longer holds`);
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

if (!isMainThread) {
  parentPort.postMessage(throughput(workerData.seconds));
} else {
  const seconds = Number(process.argv[2] ?? 3);

  // ---- the corpus pass rate (as npm test counts it) ----
  let agree = 0;
  for (const f of corpus) {
    const one = createTranscoder({ dsc: readDscList([dscEntry(f)]), issuerSecret: gateway.secretKey, iss: 'CN-GW' });
    if (disagreement(f, one.transcode(f.PREFIX, clockSeconds(f.TESTCTX.VALIDATIONCLOCK)).result) === null) agree++;
  }

  // ---- one core ----
  const oneCore = throughput(seconds);

  // ---- all cores: one gateway per worker thread ----
  const threads = availableParallelism();
  const perWorker = await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { seconds } });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  const allCores = perWorker.reduce((a, b) => a + b, 0);

  // ---- share of time per step, the steps called one by one (the modules the gateway is made of) ----
  const { hc1Bytes } = await import(dist('transcode/hc1Text.js'));
  const { readForeignSign1, toBeSigned } = await import(dist('transcode/foreignSign1.js'));
  const { foreignSignatureHolds } = await import(dist('transcode/foreignSignature.js'));
  const { readHc1Payload } = await import(dist('transcode/hc1Payload.js'));
  const { certificateMatchesSchema } = await import(dist('transcode/dccSchema.js'));
  const { passClaims } = await import(dist('transcode/passClaims.js'));
  const { DEFAULT_STATUS_RULES } = await import(dist('transcode/statusRules.js'));
  const { issueToken } = await import(dist('issuer/index.js'));
  const { toHex } = await import(dist('encoding/hex.js'));
  const ms = { unwrap: 0, cose: 0, signature: 0, payload: 0, schema: 0, token: 0 };
  const rounds = Math.max(1, Math.round(seconds * 2));
  for (let r = 0; r < rounds; r++) {
    for (const p of holding) {
      let t = performance.now();
      const bytes = hc1Bytes(p.text);
      let u = performance.now(); ms.unwrap += u - t; t = u;
      const sign1 = readForeignSign1(bytes);
      u = performance.now(); ms.cose += u - t; t = u;
      const signer = dsc.signersFor(toHex(sign1.kid)).find((s) => foreignSignatureHolds(sign1.alg, s.key, toBeSigned(sign1), sign1.signature));
      u = performance.now(); ms.signature += u - t; t = u;
      const payload = readHc1Payload(sign1.payload);
      u = performance.now(); ms.payload += u - t; t = u;
      const valid = certificateMatchesSchema(payload.certificate);
      u = performance.now(); ms.schema += u - t; t = u;
      issueToken({ issuerSecret: gateway.secretKey, iss: 'CN-GW', iat: p.now, exp: Math.min(payload.exp, p.now + 86_400), claims: passClaims(payload.kind, payload.certificate, p.now, DEFAULT_STATUS_RULES) });
      u = performance.now(); ms.token += u - t;
      if (signer === undefined || !valid) throw new Error(`${p.file.file}: a step failed`);
    }
  }
  const total = Object.values(ms).reduce((a, b) => a + b, 0);
  const share = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round((1000 * v) / total) / 1000]));

  const round = (x) => Math.round(x);
  const transcode = {
    what: 'passgate transcode (PG1 §11): HC1 passes of the member states\' corpus that hold at their clock, each decoded, verified, checked, schema-validated and issued as a PG1 token',
    passes: holding.length,
    per_second_one_core: round(oneCore),
    per_second_all_cores: round(allCores),
    threads,
    speedup: Math.round((allCores / oneCore) * 100) / 100,
    step_share: share,
    step_share_note: 'unwrap = prefix, base45 and inflate; cose = the COSE_Sign1 in tolerant CBOR; signature = ES256/PS256 with node:crypto; payload = step 5; schema = EU DCC JSON schema with ajv; token = claims and the Ed25519-signed PG1 token',
    corpus_files: corpus.length,
    corpus_agree: agree,
    corpus_pass_rate: Math.round((agree / corpus.length) * 1000) / 1000,
    seconds_per_measure: seconds,
  };
  console.log(JSON.stringify(transcode, null, 2));
  const path = fileURLToPath(new URL('./results.json', import.meta.url));
  const previous = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  writeFileSync(path, JSON.stringify({ ...previous, transcode }, null, 2) + '\n');
}
