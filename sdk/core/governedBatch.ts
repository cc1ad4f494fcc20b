/**
 * The batch path under its governor (batchGovernor.ts): presentations go through the core in batches
 * of the size the governor gives, or one by one through the single path when it says so. Both give
 * exactly verify()'s results, handed to a sink in input order (while they are views into the core's
 * memory): a ResultPacker for a pool worker's reply, or the calling thread's own results.
 */
import { BATCH_MAX, type BatchInput, type CoreOutputSink, type CoreVerifyOptions, type VerifierCore } from './verifierCore.js';
import type { BatchGovernor } from './batchGovernor.js';
import { ResultPacker } from './resultPacking.js';
import { RESULT_CODES } from '../pg1/resultCodes.js';

/** Codes of a presentation refused for a signature (the issuer's or the holder's device's). */
const SIGNATURE_CODES: ReadonlySet<number> = new Set([RESULT_CODES.indexOf('BAD_SIGNATURE'), RESULT_CODES.indexOf('HOLDER_BINDING_FAILED')]);

const encoder = new TextEncoder();

export function verifyGoverned(
  core: VerifierCore,
  governor: BatchGovernor,
  items: readonly BatchInput[],
  options: CoreVerifyOptions,
  packer: CoreOutputSink,
): void {
  for (let at = 0; at < items.length;) {
    const size = Math.min(governor.nextSize(), BATCH_MAX);
    if (size > 1) {
      const part = items.slice(at, at + size);
      governor.observeBatch(part.length, core.verifyBatch(part, options, packer));
      at += part.length;
      continue;
    }
    const item = items[at++]!;
    const text = 'text' in item;
    const bytes = text ? encoder.encode(item.text) : item.bytes;
    try {
      // What was read with this presentation goes with it (a batch's options carry no read).
      const single = item.read ? { ...options, read: item.read } : options;
      governor.observeSingle(SIGNATURE_CODES.has(core.verifyInto(bytes, text || item.isText, single, packer)));
    } finally {
      if (text) bytes.fill(0);
    }
  }
}

/** verifyGoverned's outputs packed in one transferable buffer (what a pool worker sends back). */
export function verifyGovernedPacked(core: VerifierCore, governor: BatchGovernor, items: readonly BatchInput[], options: CoreVerifyOptions): ArrayBuffer {
  const packer = new ResultPacker();
  try {
    verifyGoverned(core, governor, items, options, packer);
    return packer.finish();
  } finally {
    packer.wipe();
  }
}
