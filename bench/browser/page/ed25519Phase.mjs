// Ed25519 in the page: Passgate's core (arbitrary keys, prepared issuer keys, batches of 64) against
// WebCrypto's native Ed25519 on the same signatures, in interleaved rounds. WebCrypto keys are imported
// outside the timing (the most favourable case for it); `webcrypto_import_each` also imports the key
// for every signature, as a verifier of device bindings must (each holder has their own key).
import { loadCrypto } from '../../../dist/sdk/core/crypto.js';
import { fromHex } from '../../../dist/sdk/encoding/hex.js';
import { makeCheckedPassAsync } from '../../checkedPass.mjs';
import { runInterleaved } from '../../measure.mjs';
import { importEd25519, verifyEd25519 } from './webcrypto.mjs';

function decodeWorkload(w) {
  return {
    id: w.id,
    publicKeys: w.publicKeys.map(fromHex),
    items: w.items.map((it) => ({ signature: fromHex(it.signature), message: fromHex(it.message), publicKey: fromHex(it.publicKey), keyIndex: it.keyIndex })),
  };
}

/** The same item with one bit of its message flipped: every contender must refuse it. */
function tampered(item) {
  const message = item.message.slice();
  message[0] ^= 1;
  return { ...item, message };
}

const plainItem = (it) => ({ signature: it.signature, message: it.message, key: it.publicKey });

async function contendersFor(core, workload) {
  const keys = await Promise.all(workload.publicKeys.map(importEd25519));
  const list = [
    { id: 'webcrypto', name: 'WebCrypto, one at a time', async: true, verify: (it) => verifyEd25519(keys[it.keyIndex], it.signature, it.message) },
    {
      id: 'webcrypto_concurrent',
      name: 'WebCrypto, all at once (Promise.all)',
      async: true,
      verifyAll: (items) => Promise.all(items.map((it) => verifyEd25519(keys[it.keyIndex], it.signature, it.message))),
    },
  ];
  if (workload.id === 'distinct_keys') {
    list.push(
      { id: 'core', name: 'Passgate core', verify: (it) => core.ed25519Verify(it.signature, it.message, it.publicKey) },
      // What a batch does with device bindings: a key seen once, in the batch equation.
      { id: 'core_batch64_plain_keys', name: 'Passgate core, batch of 64, plain keys', verifyAll: (items) => core.verifyBatch(items.map(plainItem)) },
      {
        // The WebCrypto lever for device bindings, at its most favourable: WebCrypto (a key imported
        // each, on its own thread) takes half the signatures while the core's batch does the other half.
        id: 'core_batch64_webcrypto_half',
        name: 'half WebCrypto (key imported each) alongside half the core batch',
        async: true,
        verifyAll: async (items) => {
          const half = items.length >> 1;
          const offloaded = Promise.all(items.slice(half).map(async (it) => verifyEd25519(await importEd25519(it.publicKey), it.signature, it.message)));
          const local = core.verifyBatch(items.slice(0, half).map(plainItem));
          return [...local, ...(await offloaded)];
        },
      },
      { id: 'webcrypto_import_each', name: 'WebCrypto, key imported per signature', async: true, verify: async (it) => verifyEd25519(await importEd25519(it.publicKey), it.signature, it.message) },
    );
  } else {
    const prepared = workload.publicKeys.map((pub) => core.prepareKey(pub));
    list.push(
      { id: 'core', name: 'Passgate core', verify: (it) => core.ed25519Verify(it.signature, it.message, it.publicKey) },
      { id: 'core_precomputed', name: 'Passgate core, prepared keys', verify: (it) => prepared[it.keyIndex].verify(it.signature, it.message) },
      {
        id: 'core_batch64',
        name: 'Passgate core, batch of 64, prepared keys',
        verifyAll: (items) => core.verifyBatch(items.map((it) => ({ signature: it.signature, message: it.message, key: prepared[it.keyIndex] }))),
      },
    );
  }
  return list;
}

/** Returns { samples: { 'workload/contender': ops/s per round } }. */
export async function ed25519Phase({ workloads, rounds, warmupRounds }, log) {
  const core = await loadCrypto();
  const entries = [];
  for (const w of workloads.map(decodeWorkload)) {
    const rejects = w.items.slice(0, 3).map((it, i) => ({ label: `message bit flipped (${i})`, item: tampered(it) }));
    for (const c of await contendersFor(core, w)) {
      entries.push({ key: `${w.id}/${c.id}`, pass: await makeCheckedPassAsync(c, w.items, rejects), operations: w.items.length });
    }
  }
  const samples = await runInterleaved(entries, { rounds, warmupRounds, onRound: (r) => log(r < 0 ? 'Ed25519: warm-up round' : `Ed25519: round ${r + 1} of ${rounds}`) });
  return { samples: Object.fromEntries(samples) };
}
