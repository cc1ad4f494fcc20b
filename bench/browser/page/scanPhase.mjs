// Scan to decision in the page: passgate/scanner with Chromium's fake camera playing a recorded QR
// video (each frame a different presentation, so that every frame read is decided), from the moment a
// frame reaches the decoder to the decision event, as the scanner reports it in Decision.timing.
import { createVerifier } from '../../../dist/sdk/index.js';
import { fromHex } from '../../../dist/sdk/encoding/hex.js';
import { createScanner } from '../../../dist/sdk/scanner/index.js';
import { percentile } from '../../measure.mjs';

export async function scanPhase({ now, root, trustList, decisions: wanted }, log) {
  const verifier = await createVerifier({ roots: [root], storage: null, now: () => now });
  await verifier.applyTrustList(fromHex(trustList));
  const scanner = createScanner({ verifier });
  const preview = document.getElementById('preview');
  let framesShown = 0;
  const count = () => {
    framesShown++;
    preview.requestVideoFrameCallback(count);
  };
  preview.requestVideoFrameCallback(count);

  const decisions = [];
  const errors = [];
  scanner.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
  const done = new Promise((resolve) => {
    scanner.on('decision', (d) => {
      decisions.push(d);
      if (decisions.length % 50 === 0) log(`scan to decision: ${decisions.length} of ${wanted} decisions`);
      if (decisions.length >= wanted) resolve();
    });
  });
  await scanner.ready();
  await scanner.start({ preview });
  const source = scanner.frameSource;
  const track = scanner.cameraTrack?.getSettings();
  const framesAtStart = framesShown;
  await done;
  const framesDuring = framesShown - framesAtStart;
  await scanner.close();
  await verifier.destroy();
  const ms = decisions.map((d) => d.timing.decidedAt - d.timing.frameAt);
  const decode = decisions.map((d) => d.timing.decodedAt - d.timing.frameAt);
  const results = {};
  for (const d of decisions) results[d.verification.result] = (results[d.verification.result] ?? 0) + 1;
  return {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: Math.max(...ms),
    decode_p50: percentile(decode, 50),
    decode_p95: percentile(decode, 95),
    decisions: decisions.length,
    frames_shown: framesDuring,
    results,
    errors,
    frame_source: source,
    camera: { width: track?.width, height: track?.height, frameRate: track?.frameRate },
  };
}
