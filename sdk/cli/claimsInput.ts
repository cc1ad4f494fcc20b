/**
 * `--claims JSON` of `passgate issue`: claims by §3 name or by number. photo is given as hex (JSON has
 * no byte strings); every other value is JSON read as CBOR. Types are then checked by the toolkit.
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { claimKeyOf, type ClaimsInput } from '../issuer/index.js';
import { hexBytes, UsageError } from './args.js';
import { asObject, jsonToCbor } from './jsonValues.js';

const PHOTO = 10;

export function claimsFromJson(json: unknown): ClaimsInput {
  const o = asObject(json, '--claims');
  const out: { [key: number]: CborValue } = {};
  for (const name of Object.keys(o)) {
    const key = claimKeyOf(name);
    if (key === null) throw new UsageError(`--claims: unknown claim ${JSON.stringify(name)} (a §3 name or a claim number)`);
    if (key in out) throw new UsageError(`--claims: claim ${key} is given twice`);
    const v = o[name];
    out[key] = key === PHOTO && typeof v === 'string' ? hexBytes(v, 'claims photo') : jsonToCbor(v, `--claims.${name}`);
  }
  return out as ClaimsInput;
}
