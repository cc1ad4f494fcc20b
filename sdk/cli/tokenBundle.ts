/**
 * The token bundle `passgate issue` writes and `passgate present` reads: {token, disclosures, cti}, all
 * hex. It holds the disclosure salts, so it is the holder's secret: written with mode 0600.
 */
import { toHex } from '../encoding/hex.js';
import type { IssuedToken } from '../issuer/index.js';
import { hexBytes, UsageError } from './args.js';
import { readJsonFile } from './files.js';
import { asArray, asObject } from './jsonValues.js';

export interface TokenBundleJson {
  readonly token: string;
  readonly disclosures: readonly string[];
  readonly cti: string;
}

export function bundleJson(issued: IssuedToken): TokenBundleJson {
  return { token: toHex(issued.token), disclosures: issued.disclosures.map(toHex), cti: toHex(issued.cti) };
}

export async function readBundle(path: string): Promise<{ token: Uint8Array; disclosures: Uint8Array[] }> {
  const o = asObject(await readJsonFile(path, '--bundle'), `bundle ${path}`);
  if (typeof o.token !== 'string') throw new UsageError(`bundle ${path}: "token" must be hex`);
  const disclosures = asArray(o.disclosures, `bundle ${path}: disclosures`).map((d, i) => {
    if (typeof d !== 'string') throw new UsageError(`bundle ${path}: disclosures[${i}] must be hex`);
    return hexBytes(d, `bundle disclosures[${i}]`);
  });
  return { token: hexBytes(o.token, 'bundle token'), disclosures };
}
