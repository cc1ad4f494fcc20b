/**
 * Reference: PG1 §7.3 revocation filters, written from the text of the spec with BigInt arithmetic
 * (slow and plain, an oracle for the issuer's builder and the core's lookup): the well-formedness
 * rules, and the lookup of a key.
 */
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { verifyCofactored } from './ed25519Cofactored.js';
import { kidOf } from './lists.js';
import { sigStructureBytes } from './minimalEncoder.js';
import { isSupportedAlg, parseSign1, strictDecode } from './structures.js';
import { asArray, asBytes, asMap, asUint, bytesEqual, getInt, hasInts, keysWithin } from './values.js';

const U64 = (1n << 64n) - 1n;

export interface ReferenceShard {
  readonly seed1: bigint;
  readonly r: bigint;
  readonly L1: bigint;
  readonly S1: bigint;
  readonly T1: Uint8Array;
  readonly seed2: bigint;
  readonly L2: bigint;
  readonly S2: bigint;
  readonly T2: Uint8Array;
}

export interface ReferenceFilter {
  readonly version: bigint;
  readonly issuedAt: bigint;
  readonly expires: bigint;
  readonly covers: bigint;
  readonly shards: readonly ReferenceShard[];
}

/** mix(x): x ^= x >> 33; x *= 0xff51afd7ed558ccd; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53; x ^= x >> 33 (mod 2^64). */
export function mix(x: bigint): bigint {
  x &= U64;
  x ^= x >> 33n;
  x = (x * 0xff51afd7ed558ccdn) & U64;
  x ^= x >> 33n;
  x = (x * 0xc4ceb9fe1a85ec53n) & U64;
  x ^= x >> 33n;
  return x;
}

/** pos(h, L, S). */
export function pos(h: bigint, L: bigint, S: bigint): [bigint, bigint, bigint] {
  const p0 = (h * (S * L)) >> 64n;
  const p1 = (p0 + L) ^ ((h >> 18n) & (L - 1n));
  const p2 = (p0 + 2n * L) ^ (h & (L - 1n));
  return [p0, p1, p2];
}

/** (h ^ (h >> 32)) & (2^r - 1). */
export function fingerprint(h: bigint, r: bigint): bigint {
  return (h ^ (h >> 32n)) & ((1n << r) - 1n);
}

/** T[i]w: the w bits of T starting at bit i*w, least significant first. */
export function entry(T: Uint8Array, i: bigint, w: bigint): bigint {
  let v = 0n;
  for (let b = 0n; b < w; b++) {
    const j = i * w + b;
    const bit = (T[Number(j / 8n)]! >> Number(j % 8n)) & 1;
    v |= BigInt(bit) << b;
  }
  return v;
}

/** The lookup of §7.3: whether the filter says the key (H(cti)[0..8] as a big-endian uint64) is revoked. */
export function lookup(shards: readonly ReferenceShard[], key: bigint): boolean {
  const s = BigInt(Math.log2(shards.length));
  const sh = shards[s === 0n ? 0 : Number(key >> (64n - s))]!;
  if (sh.r > 0n) {
    const h = mix(key + sh.seed1);
    const [p0, p1, p2] = pos(h, sh.L1, sh.S1);
    if ((entry(sh.T1, p0, sh.r) ^ entry(sh.T1, p1, sh.r) ^ entry(sh.T1, p2, sh.r)) !== fingerprint(h, sh.r)) return false;
  }
  const g = mix(key + sh.seed2);
  const [q0, q1, q2] = pos(g, sh.L2, sh.S2);
  return (entry(sh.T2, q0, 1n) ^ entry(sh.T2, q1, 1n) ^ entry(sh.T2, q2, 1n)) === 1n;
}

const isPowerOfTwo = (x: bigint): boolean => x > 0n && (x & (x - 1n)) === 0n;

/** The rules of one stage in use: L a power of two up to 2^18, S >= 1, (S + 2) L <= 2^32, exact T, zero padding. */
function stageProblems(name: string, L: bigint, S: bigint, T: Uint8Array, w: bigint): string[] {
  const out: string[] = [];
  if (!isPowerOfTwo(L) || L > 1n << 18n) out.push(`${name}: L = ${L} is not a power of two from 1 to 2^18`);
  if (S < 1n) out.push(`${name}: S = ${S} is below 1`);
  if ((S + 2n) * L > 1n << 32n) out.push(`${name}: (S + 2) * L is over 2^32`);
  const bits = (S + 2n) * L * w;
  if (BigInt(T.length) !== (bits + 7n) / 8n) out.push(`${name}: T holds ${T.length} bytes, not ceil(${bits} / 8)`);
  else if (bits % 8n !== 0n && T[T.length - 1]! >> Number(bits % 8n) !== 0) out.push(`${name}: bits past the last entry are not 0`);
  return out;
}

/** Every well-formedness rule of §7.3 the shards break (empty when the filter is well-formed). */
export function shardProblems(shards: readonly ReferenceShard[]): string[] {
  const out: string[] = [];
  if (!isPowerOfTwo(BigInt(shards.length)) || shards.length > 65536) out.push(`${shards.length} shards is not a power of two from 1 to 65536`);
  shards.forEach((sh, i) => {
    if (sh.r > 32n) out.push(`shard ${i}: r = ${sh.r} is over 32`);
    else if (sh.r === 0n) {
      if (sh.L1 !== 0n || sh.S1 !== 0n || sh.T1.length !== 0) out.push(`shard ${i}: r = 0 but L1, S1 or T1 is not empty`);
    } else out.push(...stageProblems(`shard ${i} stage 1`, sh.L1, sh.S1, sh.T1, sh.r));
    out.push(...stageProblems(`shard ${i} stage 2`, sh.L2, sh.S2, sh.T2, 1n));
  });
  return out;
}

function parseShard(v: CborValue): ReferenceShard | null {
  const a = asArray(v);
  if (a === null || a.length !== 9) return null;
  const [seed1, r, L1, S1, T1, seed2, L2, S2, T2] = [asUint(a[0]), asUint(a[1]), asUint(a[2]), asUint(a[3]), asBytes(a[4]), asUint(a[5]), asUint(a[6]), asUint(a[7]), asBytes(a[8])];
  if (seed1 === null || r === null || L1 === null || S1 === null || T1 === null || seed2 === null || L2 === null || S2 === null || T2 === null) return null;
  return { seed1, r, L1, S1, T1, seed2, L2, S2, T2 };
}

/** The payload {1, 2, 3, 8, 9} of a filter, with every well-formedness problem found (§7.3 and covers <= issued_at). */
export function parseFilterPayload(payload: Uint8Array): { filter: ReferenceFilter; problems: string[] } | null {
  const m = asMap(strictDecode(payload, 'none'));
  if (m === null || !keysWithin(m, [1, 2, 3, 8, 9]) || !hasInts(m, [1, 2, 3, 8, 9])) return null;
  const [version, issuedAt, expires, covers] = [asUint(getInt(m, 1)), asUint(getInt(m, 2)), asUint(getInt(m, 3)), asUint(getInt(m, 8))];
  const list = asArray(getInt(m, 9));
  if (version === null || issuedAt === null || expires === null || covers === null || list === null) return null;
  const shards = list.map(parseShard);
  if (shards.some((s) => s === null)) return null;
  const filter = { version, issuedAt, expires, covers, shards: shards as ReferenceShard[] };
  const problems = shardProblems(filter.shards);
  if (covers > issuedAt) problems.push(`covers ${covers} is after issued_at ${issuedAt}`);
  return { filter, problems };
}

/** Opens a signed filter: §1 encoding, the COSE_Sign1 of §2, a signature by `root`. null if any of it fails. */
export function openFilter(bytes: Uint8Array, root: Uint8Array): { filter: ReferenceFilter; problems: string[] } | null {
  if (bytes.length > 64 * 1024 * 1024) return null;
  const top = strictDecode(bytes, 'root');
  if (top === null) return null;
  const sign1 = parseSign1(top);
  if (sign1 === 'MALFORMED' || !isSupportedAlg(sign1.alg) || !bytesEqual(sign1.kid, kidOf(root))) return null;
  if (!verifyCofactored(sign1.signature, sigStructureBytes(sign1.protectedBytes, sign1.payload), root)) return null;
  return parseFilterPayload(sign1.payload);
}
