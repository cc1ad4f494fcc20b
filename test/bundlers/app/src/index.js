// A browser app as an integrator writes it, built by Vite, webpack and esbuild without configuration:
// a verifier with a pool worker (which the page hands the compiled core) and the scanner reading an
// image file (its decoder worker and the QR reader's WebAssembly). test/bundlers.test.ts drives it.
import { createVerifier } from 'passgate';
import { createScanner } from 'passgate/scanner';

const bytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

window.fixture = {
  async verify({ roots, trustList, now, inputs }) {
    const verifier = await createVerifier({ roots, storage: null, now: () => now, workers: 1 });
    await verifier.applyTrustList(bytes(trustList));
    // The pool is internal; its count of workers holding the lists shows the worker loaded and ran.
    const pool = verifier.pool;
    for (let i = 0; i < 500 && pool.readyWorkers < 1; i++) await new Promise((r) => setTimeout(r, 20));
    const readyWorkers = pool.readyWorkers;
    const pooled = (await verifier.verifyBatch(inputs)).map((r) => r.result);
    const local = verifier.verifyBatchLocal(inputs).map((r) => r.result);
    const problems = pool.problems;
    await verifier.close();
    return { readyWorkers, pooled, local, problems };
  },
  async scanImage({ roots, trustList, now, png }) {
    const verifier = await createVerifier({ roots, storage: null, now: () => now });
    await verifier.applyTrustList(bytes(trustList));
    const scanner = createScanner({ verifier });
    try {
      const decision = await scanner.scanImage(new Blob([bytes(png)], { type: 'image/png' }));
      return { source: decision.source, result: decision.verification.result };
    } catch (e) {
      return { error: `${e.code ?? ''} ${e.message}` };
    } finally {
      await scanner.close();
      await verifier.close();
    }
  },
};
document.getElementById('state').textContent = 'ready';
