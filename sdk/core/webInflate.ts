/**
 * Decodes the embedded core in browsers and workers (package.json `imports` "#inflate-core", every
 * condition but `node`): base64 by table lookup, then the platform's DecompressionStream.
 */
import { PassgateError } from '../errors.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < 64; i++) lookup[BASE64.charCodeAt(i)] = i;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (lookup[text.charCodeAt(i)]! << 18) | (lookup[text.charCodeAt(i + 1)]! << 12)
      | (lookup[text.charCodeAt(i + 2)]! << 6) | lookup[text.charCodeAt(i + 3)]!;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return out;
}

/** The bytes of raw deflate data given in base64. */
export async function inflateBase64(text: string): Promise<ArrayBuffer> {
  if (typeof DecompressionStream === 'undefined') {
    throw new PassgateError('UNSUPPORTED_PLATFORM', 'this platform has no DecompressionStream (Node 18+ and current browsers have it): the core cannot be loaded');
  }
  const stream = new Blob([fromBase64(text)]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).arrayBuffer();
}
