// The gate side of the soak test (a child process): a verifier on a FileStorage with a worker, doing
// what a gate does (syncs, applies, verifications one by one and in bursts), reporting to the parent.
//   node soakGate.mjs DIR ROOT_PUB_HEX BASE_URL PRESENTATIONS_FILE
import { readFileSync } from 'node:fs';
import { createVerifier, FileStorage } from '../dist/sdk/node.js';

const [dir, rootHex, baseUrl, presentationsFile] = process.argv.slice(2);
let presentations = JSON.parse(readFileSync(presentationsFile, 'utf8'));
const send = (m) => process.send?.(m);
const v = await createVerifier({ roots: [rootHex], storage: new FileStorage(dir), workers: 1, scanLog: { retention: 86_400, writeIntervalMs: 500 } });
send({ started: { trust: Number(v.trustList?.version ?? 0), revocations: Number(v.revocationList?.version ?? 0), problems: v.restoreProblems } });
let batchId = 0;
const random = (n) => Math.floor(Math.random() * n);

async function step() {
  const r = random(10);
  if (r < 3) {
    const report = await v.sync({ trust: `${baseUrl}/trust.cbor`, revocations: [`${baseUrl}/delta.cbor`, `${baseUrl}/revocations.cbor`] });
    send({ synced: report.map((e) => e.outcome), trust: Number(v.trustList?.version ?? 0), revocations: Number(v.revocationList?.version ?? 0) });
  } else if (r < 5) {
    const id = ++batchId;
    const inputs = Array.from({ length: 100 + random(400) }, () => presentations[random(presentations.length)].text);
    send({ batchStart: id });
    const results = await v.verifyBatch(inputs);
    send({ batchSettled: id, n: results.length, ok: results.filter((x) => x.result === 'OK').length });
  } else {
    presentations = JSON.parse(readFileSync(presentationsFile, 'utf8')); // which passes are revoked since which version
    for (let i = 0; i < 200; i++) {
      const p = presentations[random(presentations.length)];
      const { result } = v.verify(p.text);
      if (result === 'OK' && p.revokedSince !== null && Number(v.revocationList?.version ?? 0) >= p.revokedSince) send({ violation: `revoked pass OK at revocation version ${v.revocationList?.version}` });
    }
  }
}

setInterval(() => send({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed }), 5_000).unref();
for (;;) {
  try {
    await step();
  } catch (e) {
    send({ error: `${e.name}: ${e.message}` });
  }
  await new Promise((resolve) => setTimeout(resolve, random(50)));
}
