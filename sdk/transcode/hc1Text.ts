/**
 * Step 1 of PG1 §11.2 up to the CBOR: the `HC1:` prefix, base45 (RFC 9285, the SDK's strict decoder) and
 * a zlib stream (RFC 1950) inflated to at most 64 KiB. node:zlib stops at the cap itself
 * (maxOutputLength), so a bomb costs 64 KiB of output and no more.
 */
import { inflateSync } from 'node:zlib';
import { decodeBase45 } from '../encoding/base45.js';

/** The prefix of an EU DCC text (exactly this, upper case). */
export const HC1_PREFIX = 'HC1:';
/** The most bytes a pass may inflate to (§11.2 step 1). */
export const MAX_INFLATED_BYTES = 64 * 1024;

/** Why the text is not an HC1 pass, for the operator's log (the result is MALFORMED). */
export class Hc1TextError extends Error {
  override readonly name = 'Hc1TextError';
}

/**
 * The COSE bytes an HC1 text carries.
 *
 * @throws {@link Hc1TextError} for a wrong prefix, bad base45, no zlib stream or one over the cap.
 */
export function hc1Bytes(text: string): Uint8Array {
  if (!text.startsWith(HC1_PREFIX)) throw new Hc1TextError('the text does not begin with HC1:');
  let compressed: Uint8Array;
  try {
    compressed = decodeBase45(text.slice(HC1_PREFIX.length));
  } catch (e) {
    throw new Hc1TextError(`not base45: ${(e as Error).message}`);
  }
  try {
    // inflateSync wants the zlib header and checksum (RFC 1950): an uncompressed COSE fails here.
    const out = inflateSync(compressed, { maxOutputLength: MAX_INFLATED_BYTES });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new Hc1TextError(`inflates to more than ${MAX_INFLATED_BYTES} bytes`);
    throw new Hc1TextError(`not a zlib stream: ${(e as Error).message}`);
  }
}
