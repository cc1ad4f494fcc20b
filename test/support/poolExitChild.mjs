// Child process for the pool tests: a verifier with workers verifies a batch, then (unless told not
// to) calls close(); the process must then exit by itself. Prints the results it got.
import { createVerifier } from '../../dist/sdk/index.js';
import { buildTrustList, generateKeyPair, issueToken, present } from '../../dist/sdk/issuer/index.js';

const NOW = 1_750_000_000;
const root = generateKeyPair();
const issuer = generateKeyPair();
const trust = buildTrustList({
  rootSecret: root.secretKey, version: 1, issuedAt: NOW - 86400, expires: NOW + 86400, roots: [root.publicKey],
  issuers: [{ pub: issuer.publicKey, iss: 'CN-35', notBefore: NOW - 86400, notAfter: NOW + 86400 }],
});
const t = issueToken({ issuerSecret: issuer.secretKey, iss: 'CN-35', iat: NOW - 60, exp: NOW + 3600, claims: { status: 0 } });
const p = present({ token: t.token, disclosures: t.disclosures, reveal: t.keys });
const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, workers: 2 });
await v.applyTrustList(trust);
const results = await v.verifyBatch(Array.from({ length: 600 }, (_, i) => (i % 10 === 0 ? new Uint8Array([1, 2, 3]) : p)));
const counts = {};
for (const r of results) counts[r.result] = (counts[r.result] ?? 0) + 1;
if (process.argv[2] !== 'no-close') await v.close();
process.stdout.write(JSON.stringify(counts) + '\n');
