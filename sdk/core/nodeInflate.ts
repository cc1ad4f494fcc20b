/**
 * Decodes the embedded core in Node (package.json `imports` "#inflate-core", condition `node`):
 * Buffer and zlib, synchronously. Node has DecompressionStream too, but its first use loads Node's
 * web streams and fetch (Response) code: some 50 to 150 ms of a cold start, where zlib takes one.
 */
import { inflateRawSync } from 'node:zlib';

/** The bytes of raw deflate data given in base64. */
export async function inflateBase64(text: string): Promise<ArrayBuffer> {
  const bytes = inflateRawSync(Buffer.from(text, 'base64'));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
