// Child process for the concurrent-writer and crash tests: a verifier on a FileStorage that applies
// trust lists of increasing versions and reports each acknowledged (or refused) version to its parent.
//   node trustListWriter.mjs DIR ROOT_SECRET_HEX ISSUER_PUB_HEX FIRST STEP COUNT   (COUNT 0: forever)
import { createVerifier, FileStorage } from '../../dist/sdk/node.js';
import { buildTrustList, publicKeyFromSecret } from '../../dist/sdk/issuer/index.js';

const [dir, rootHex, issuerHex, first, step, count] = process.argv.slice(2);
const hex = (h) => Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
const rootSecret = hex(rootHex);
const rootPub = publicKeyFromSecret(rootSecret);
const NOW = 1_750_000_000;
const verifier = await createVerifier({ roots: [rootPub], storage: new FileStorage(dir), now: () => NOW });
const issuers = [{ pub: hex(issuerHex), iss: 'CN-35', notBefore: NOW - 86_400, notAfter: NOW + 86_400 }];
process.send({ ready: verifier.trustList?.version ?? 0 });
const n = Number(count);
for (let i = 0, version = Number(first); n === 0 || i < n; i++, version += Number(step)) {
  const list = buildTrustList({ rootSecret, version, issuedAt: NOW, expires: NOW + 86_400, issuers, roots: [rootPub] });
  try {
    await verifier.applyTrustList(list);
    process.send({ acked: version });
  } catch (e) {
    process.send({ refused: version, reason: e.reason ?? e.message });
  }
}
await verifier.close();
process.send({ done: true });
