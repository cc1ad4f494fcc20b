/**
 * The EU DCC test corpus (eu-digital-green-certificates/dgc-testdata, test/vectors/dgc-testdata) and what
 * its EXPECTEDRESULTS imply for a `passgate transcode` answer (docs/transcode.md explains the reading).
 */
import { inflateSync } from 'node:zlib';
import { decode as decodeCbor } from 'cbor-x';
import { decodeBase45 } from '../../sdk/encoding/base45.js';
import type { CorpusFile } from './dgcExpectations.mjs';

export { loadCorpus, clockSeconds, disagreement, dscEntry, expectsEarlyFailure } from './dgcExpectations.mjs';
export type { CorpusFile } from './dgcExpectations.mjs';

/** [iat, exp] of the pass, read independently of the SDK (null when it cannot be read). */
export function passWindow(file: CorpusFile): readonly [number, number] | null {
  try {
    const cose = inflateSync(decodeBase45(file.PREFIX.slice(4)));
    let top = decodeCbor(cose) as unknown;
    while (typeof top === 'object' && top !== null && 'tag' in top && 'value' in top) top = (top as { value: unknown }).value;
    const payload = decodeCbor((top as unknown[])[2] as Uint8Array) as Map<number, unknown> | Record<number, unknown>;
    const get = (k: number) => (payload instanceof Map ? payload.get(k) : payload[k]);
    return [Math.floor(Number(get(6))), Math.floor(Number(get(4)))];
  } catch {
    return null;
  }
}
