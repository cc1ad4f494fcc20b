// Key sets for the revocation-filter benchmark, generated rather than stored: random 8-byte keys
// (what H(cti)[0..8] looks like) from AES-128-CTR under a fixed key, so that every pass over a
// universe sees the same keys and a run can be repeated. A key's chunk is its block counter.
import { createCipheriv } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const CHUNK_KEYS = 1 << 19; // 4 MiB of keys
let zeros = Buffer.alloc((CHUNK_KEYS + 1) * 8); // the plaintext: the keystream is the keys

/** The bytes of keys [first, first + count) of the stream named by `seed` (a small integer). */
export function streamKeys(seed, first, count) {
  const key = Buffer.alloc(16);
  key.writeUInt32BE(seed, 0);
  const iv = Buffer.alloc(16);
  // 8 bytes a key = half an AES block: the counter of key i's block is floor(i / 2).
  iv.writeBigUInt64BE(BigInt(Math.floor(first / 2)), 8);
  if (zeros.length < (count + 1) * 8) zeros = Buffer.alloc((count + 1) * 8);
  const out = createCipheriv('aes-128-ctr', key, iv).update(zeros.subarray(0, (count + 1) * 8));
  return new Uint8Array(out.buffer, out.byteOffset + (first % 2) * 8, count * 8);
}

/**
 * A KeySource (sdk/issuer/filter/keySource.ts) of `n` keys of stream `seed`. With `shardBits` and
 * `shard`, every key gets `shard` as its top bits: the keys of one shard of a larger universe.
 */
export function generatedSource(name, n, seed, { shardBits = 0, shard = 0 } = {}) {
  return {
    name,
    format: 'bin',
    size: n * 8,
    async *chunks() {
      for (let first = 0; first < n; first += CHUNK_KEYS) {
        const bytes = streamKeys(seed, first, Math.min(CHUNK_KEYS, n - first));
        if (shardBits > 0) pinShard(bytes, shardBits, shard);
        yield { bytes, first: first + 1 };
      }
    },
  };
}

/** Sets the top `shardBits` bits of every 8-byte key to `shard`. */
export function pinShard(bytes, shardBits, shard) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const keep = 0xffffffff >>> shardBits;
  const top = (shard << (32 - shardBits)) >>> 0;
  for (let o = 0; o < bytes.length; o += 8) view.setUint32(o, (top | (view.getUint32(o) & keep)) >>> 0);
}

/** Writes keys [0, n) of stream `seed` to a .bin file, a chunk at a time. */
export async function writeKeyFile(path, n, seed) {
  const out = createWriteStream(path);
  for (let first = 0; first < n; first += CHUNK_KEYS) {
    if (!out.write(streamKeys(seed, first, Math.min(CHUNK_KEYS, n - first)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
