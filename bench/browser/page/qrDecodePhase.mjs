// QR decoding of 640x480 camera frames in the page: the reader passgate/scanner ships (ZXing-C++ in
// WebAssembly, fed luminance as camera frames give it) against jsQR (what the demo used, fed RGBA as
// a canvas gives it), frame by frame on the same frames, alternating which goes first. Frames are
// drawn here before any timing: for each QR version, codes at the same size in the frame (as held at
// the same distance), at seeded random places, clean and with mild sensor noise.
import jsQR from 'jsqr';
import { defaultWasmUrl } from '../../../dist/sdk/scanner/decoderClient.js';
import { QrReader } from '../../../dist/sdk/scanner/qrReader.js';
import { addSensorNoise, blankFrame, drawQr, lumaToRgba, prng } from '../../../scripts/qrFrames.mjs';
import { percentile } from '../../measure.mjs';

function framesFor({ version, scale, texts }, width, height, noisy, seed) {
  const random = prng(seed);
  return texts.map((text, i) => {
    const luma = blankFrame(width, height);
    const side = (4 * version + 17 + 8) * scale; // modules + quiet zone
    const x = 4 * scale + Math.floor(random() * (width - side));
    const y = 4 * scale + Math.floor(random() * (height - side));
    const drawn = drawQr(luma, width, height, text, { x, y, scale, version });
    if (drawn.version !== version) throw new Error(`asked for version ${version}, drew ${drawn.version}`);
    if (noisy) addSensorNoise(luma, width, height, { seed: seed * 1000 + i });
    return { text, luma, rgba: lumaToRgba(luma) };
  });
}

const WARMUP_FRAMES = 5;
/**
 * Over every timed read: p50 and p95 (what a user meets, machine load included). Per frame, the
 * fastest of its rounds: p50 and p95 across frames (the reader's own cost, without the preemption a
 * loaded machine adds to some reads).
 */
function summary(perFrame, decoded, total) {
  const all = perFrame.flat();
  const best = perFrame.map((ms) => Math.min(...ms));
  return { p50: percentile(all, 50), p95: percentile(all, 95), best_p50: percentile(best, 50), best_p95: percentile(best, 95), decoded_share: decoded / total, samples: all.length };
}

/** Returns { 'v19': { clean: { zxing_wasm: {p50, p95, decoded_share}, jsqr: {...} }, noisy: {...} }, ... }. */
export async function qrDecodePhase({ width, height, sets, rounds }, log) {
  const reader = await QrReader.load(defaultWasmUrl());
  const out = {};
  for (const set of sets) {
    out[`v${set.version}`] = {};
    for (const noisy of [false, true]) {
      const frames = framesFor(set, width, height, noisy, set.version * 2 + (noisy ? 1 : 0));
      const times = { zxing_wasm: frames.map(() => []), jsqr: frames.map(() => []) };
      const decoded = { zxing_wasm: 0, jsqr: 0 };
      const readers = {
        zxing_wasm: (f) => {
          reader.buffer(width * height).set(f.luma);
          return reader.read(width, height, 'frame')?.text;
        },
        jsqr: (f) => jsQR(f.rgba, width, height, { inversionAttempts: 'dontInvert' })?.data,
      };
      // Round -1 is a warm-up on a few frames: WebAssembly and jsQR's JavaScript reach optimised code.
      for (let round = -1; round < rounds; round++) {
        (round < 0 ? frames.slice(0, WARMUP_FRAMES) : frames).forEach((f, i) => {
          const order = (round + i) % 2 === 0 ? ['zxing_wasm', 'jsqr'] : ['jsqr', 'zxing_wasm'];
          for (const id of order) {
            const t0 = performance.now();
            const text = readers[id](f);
            const ms = performance.now() - t0;
            if (round < 0) continue;
            times[id][i].push(ms);
            if (text === f.text) decoded[id]++;
          }
        });
        log(`QR decode v${set.version} ${noisy ? 'noisy' : 'clean'}: ${round < 0 ? 'warm-up round' : `round ${round + 1} of ${rounds}`}`);
      }
      out[`v${set.version}`][noisy ? 'noisy' : 'clean'] = Object.fromEntries(
        Object.keys(times).map((id) => [id, summary(times[id], decoded[id], frames.length * rounds)]),
      );
    }
  }
  return out;
}
