/**
 * Where a streaming build reads its keys from, once per pass: a file, or keys generated or held
 * elsewhere. Chunks are cut at record boundaries (whole keys, whole lines).
 */
import { countLines, keyFormatOf, type KeyChunk, type KeyFormat } from './keyRecords.js';
import { RevocationFilterError } from './revocationFilterError.js';

/** Keys for a streaming filter build, read once per pass ({@link keyArraySource}, {@link keyFileSource}, or your own). */
export interface KeySource {
  /** For messages: a file name, or what the keys are. */
  readonly name: string;
  /** How the chunks' bytes hold keys. */
  readonly format: KeyFormat;
  /** Bytes in all, when known (for progress). */
  readonly size?: number;
  /** The records in chunks, from the start: each call is a new pass. */
  chunks(): AsyncIterable<KeyChunk>;
}

/** Bytes a chunk of a file holds (whole lines of text are added to it). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** No line of a text key file is anywhere near this long. */
const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Keys given as values, in binary chunks of at most `chunkKeys` keys.
 *
 * @param name - What the keys are, for messages.
 * @param keys - Keys H(cti)[0..8] as big-endian uint64 values.
 * @param chunkKeys - Keys a chunk (default: 4 MiB of them).
 */
export function keyArraySource(name: string, keys: BigUint64Array, chunkKeys = CHUNK_BYTES / 8): KeySource {
  return {
    name,
    format: 'bin',
    size: keys.length * 8,
    async *chunks() {
      for (let i = 0; i < keys.length; i += chunkKeys) {
        const part = keys.subarray(i, i + chunkKeys);
        const bytes = new Uint8Array(part.length * 8);
        const view = new DataView(bytes.buffer);
        part.forEach((k, j) => view.setBigUint64(8 * j, k, false));
        yield { bytes, first: i + 1 };
      }
    },
  };
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A key file (Node only): `.bin` for binary keys, anything else for hex text. Checks at once that
 * the file can be read and, when binary, that its length is a whole number of keys.
 *
 * @param path - The file: 8-byte keys back to back (`.bin`), or one hex value a line (16 digits for a
 *   key, 32 for a cti).
 * @throws {@link RevocationFilterError} `BAD_KEYS` for a file that cannot be read or is cut short (the
 *   passes throw the same for a line that is not a key, naming it).
 */
export async function keyFileSource(path: string): Promise<KeySource> {
  const { open, stat } = await import('node:fs/promises');
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a regular file');
    size = s.size;
  } catch (e) {
    throw new RevocationFilterError('BAD_KEYS', `cannot read ${path}: ${reason(e)}`);
  }
  const format = keyFormatOf(path);
  if (format === 'bin' && size % 8 !== 0) {
    throw new RevocationFilterError('BAD_KEYS', `${path}: ${size} bytes is not a whole number of 8-byte keys`);
  }
  return {
    name: path,
    format,
    size,
    async *chunks() {
      let file;
      try {
        file = await open(path, 'r');
      } catch (e) {
        throw new RevocationFilterError('BAD_KEYS', `cannot read ${path}: ${reason(e)}`);
      }
      try {
        let first = 1;
        let carry = new Uint8Array(0); // text after the last newline of the previous read
        for (;;) {
          const buffer = new Uint8Array(CHUNK_BYTES + carry.length);
          buffer.set(carry);
          const { bytesRead } = await file.read(buffer, carry.length, CHUNK_BYTES, null);
          const filled = carry.length + bytesRead;
          if (bytesRead === 0) {
            if (filled > 0) yield { bytes: buffer.subarray(0, filled), first };
            return;
          }
          // Chunks end on a whole key, or after a whole line.
          const cut = format === 'bin' ? filled - (filled % 8) : buffer.lastIndexOf(0x0a, filled - 1) + 1;
          carry = buffer.slice(cut, filled);
          if (carry.length > MAX_LINE_BYTES) throw new RevocationFilterError('BAD_KEYS', `${path}: line ${first} is over ${MAX_LINE_BYTES} bytes: not a key file`);
          if (cut > 0) {
            // Counted before the chunk is handed over: a worker thread may take its memory.
            const next = first + (format === 'bin' ? cut / 8 : countLines(buffer.subarray(0, cut)));
            yield { bytes: buffer.subarray(0, cut), first };
            first = next;
          }
        }
      } finally {
        await file.close();
      }
    },
  };
}
