/**
 * Step 9 of PG1 §5 read again for explain: every disclosure's structure and type (§3), then every
 * digest. The details name a disclosure by its position and its key, never by its salt or value.
 */
import { sha256 } from '../sha256.js';
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { readValidated } from '../cbor/validatedReader.js';
import { claimName } from '../pg1/claims.js';
import { fault } from '../verifier/resultDetail.js';

/** A presentation of 4,096 bytes cannot hold more (the core's table). */
const MAX_DISCLOSURES = 256;
const CHECK = 'Disclosure = bstr .cbor [salt bstr(16), key uint, value], one per key, value of the §3 type';

const isUint = (v: CborValue | undefined): boolean => (typeof v === 'number' && v >= 0) || (typeof v === 'bigint' && v >= 0n);
const isPair = (v: CborValue, secondMax: number): boolean => {
  if (!Array.isArray(v) || v.length !== 2) return false;
  const [first, second] = v as readonly CborValue[];
  return isUint(first) && isUint(second) && Number(second) <= secondMax;
};

/** The §3 type of a known key's value, in words, when `value` does not have it. */
function wrongType(key: number, value: CborValue): string | null {
  switch (key) {
    case 1: return value === 0 || value === 1 || value === 2 ? null : 'uint 0, 1 or 2';
    case 2: return isPair(value, 1) ? null : '[sampled_at uint, result 0 or 1]';
    case 3: return isPair(value, Number.POSITIVE_INFINITY) ? null : '[doses uint, last_dose_at uint]';
    case 4: case 5: case 6: case 11: return typeof value === 'boolean' ? null : 'bool';
    case 7: return typeof value === 'number' && value >= 100000 && value <= 999999 ? null : 'six-digit uint';
    case 8: return typeof value === 'string' && [...value].length >= 1 && [...value].length <= 4 ? null : 'tstr of 1 to 4 code points';
    case 9: return typeof value === 'string' ? null : 'tstr';
    case 10: return value instanceof Uint8Array && value.length === 32 ? null : 'bstr(32)';
    default: return null;
  }
}

/** Throws DetailFound (step 9) for the first rule broken; returns when every disclosure is genuine. */
export function checkDisclosures(contents: readonly Uint8Array[], sd: readonly Uint8Array[], isStrictCbor: (b: Uint8Array) => boolean): void {
  if (contents.length > MAX_DISCLOSURES) throw fault(9, CHECK, { disclosures: contents.length, limit: MAX_DISCLOSURES });
  const keys: string[] = [];
  contents.forEach((content, i) => {
    const d = isStrictCbor(content) ? readValidated(content) : null;
    if (!Array.isArray(d) || d.length !== 3) throw fault(9, CHECK, { disclosure: i, reason: 'not a §1 array of three items' });
    const [salt, key, value] = d as readonly CborValue[];
    if (!(salt instanceof Uint8Array) || salt.length !== 16) throw fault(9, CHECK, { disclosure: i, reason: 'the salt is not 16 bytes' });
    if (!isUint(key)) throw fault(9, CHECK, { disclosure: i, reason: 'the key is not an unsigned integer' });
    const name = typeof key === 'number' ? claimName(key) : String(key);
    const expected = typeof key === 'number' ? wrongType(key, value!) : null;
    if (expected !== null) throw fault(9, CHECK, { disclosure: i, key: name, expected });
    if (keys.includes(name)) throw fault(9, CHECK, { disclosure: i, key: name, reason: 'a second disclosure with this key' });
    keys.push(name);
  });
  const listed = new Set(sd.map((x) => x.join(',')));
  contents.forEach((content, i) => {
    if (!listed.has(sha256(content).join(','))) {
      throw fault(9, 'the digest H(disclosure) of each disclosure is in the token’s sd', { disclosure: i, key: keys[i]!, disclosures: contents.length }, 'DISCLOSURE_INVALID');
    }
  });
}
