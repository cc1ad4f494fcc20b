/**
 * The 64-bit arithmetic of PG1 §7.3 (mix, pos, the fingerprint) on pairs of 32-bit words (hi, lo).
 * A builder hashes every key of the universe, up to 10^9 of them: BigInt costs a heap allocation per
 * operation, so the words are kept in plain numbers and the 64-bit products are assembled from
 * 16-bit limbs (every partial sum stays below 2^53, where doubles are exact).
 */

const C1_HI = 0xff51afd7;
const C1_LO = 0xed558ccd;
const C2_HI = 0xc4ceb9fe;
const C2_LO = 0x1a85ec53;

/** The high 32 bits of a * b, both below 2^32 (b split as b1 * 2^16 + b0). */
function mulHi32(a: number, b0: number, b1: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const low = a0 * b0;
  const mid1 = a1 * b0;
  const mid2 = a0 * b1;
  const carry = ((low >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) >>> 16;
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + carry) >>> 0;
}

const C1_LO_0 = C1_LO & 0xffff;
const C1_LO_1 = C1_LO >>> 16;
const C2_LO_0 = C2_LO & 0xffff;
const C2_LO_1 = C2_LO >>> 16;

/**
 * out[0], out[1] = the high and low words of mix(key + seed mod 2^64), murmur3's fmix64. No
 * allocation: the hot loops call it once per key.
 */
export function mixInto(keyHi: number, keyLo: number, seedHi: number, seedLo: number, out: Uint32Array): void {
  const sum = keyLo + seedLo;
  let lo = sum >>> 0;
  let hi = (keyHi + seedHi + (sum > 0xffffffff ? 1 : 0)) | 0;
  lo ^= hi >>> 1; // x ^= x >> 33: the high word moves into the low one, shifted by 1
  hi = (mulHi32(lo >>> 0, C1_LO_0, C1_LO_1) + Math.imul(hi, C1_LO) + Math.imul(lo, C1_HI)) | 0;
  lo = Math.imul(lo, C1_LO);
  lo ^= hi >>> 1;
  hi = (mulHi32(lo >>> 0, C2_LO_0, C2_LO_1) + Math.imul(hi, C2_LO) + Math.imul(lo, C2_HI)) | 0;
  lo = Math.imul(lo, C2_LO);
  lo ^= hi >>> 1;
  out[0] = hi;
  out[1] = lo;
}

/** (h ^ (h >> 32)) & (2^r - 1), for 1 <= r <= 32. */
export function fingerprint(hHi: number, hLo: number, r: number): number {
  const f = (hHi ^ hLo) >>> 0;
  return r === 32 ? f : f & ((1 << r) - 1);
}

/**
 * p0 = floor(h * span / 2^64) for span = S * L < 2^32, given as span1 * 2^16 + span0: the product
 * is summed from 16-bit limbs of span, each partial product below 2^48 and so exact in a double.
 */
export function firstPosition(hHi: number, hLo: number, span0: number, span1: number): number {
  // Multiplying by 2^-16 is exact, and much quicker than dividing.
  const fromLow = Math.floor((hLo * span1 + Math.floor(hLo * span0 * TWO_TO_MINUS_16)) * TWO_TO_MINUS_16);
  return Math.floor((hHi * span1 + Math.floor((hHi * span0 + fromLow) * TWO_TO_MINUS_16)) * TWO_TO_MINUS_16);
}

const TWO_TO_MINUS_16 = 1 / 65536;

/** The largest segment length §7.3 allows. */
export const MAX_SEGMENT_LENGTH = 2 ** 18;

/**
 * A stage's geometry: L (segment length, a power of two up to 2^18) and S (segments a key starts
 * in); the table has (S + 2) * L entries, at most 2^32.
 */
export class FuseLayout {
  /** (S + 2) * L: the number of entries. */
  readonly length: number;
  private readonly mask: number;
  private readonly span0: number;
  private readonly span1: number;

  constructor(
    readonly segmentLength: number,
    readonly segmentCount: number,
  ) {
    this.length = (segmentCount + 2) * segmentLength;
    this.mask = segmentLength - 1;
    const span = segmentCount * segmentLength; // below 2^32, since (S + 2) * L <= 2^32
    this.span0 = span & 0xffff;
    this.span1 = Math.floor(span / 65536);
  }

  /** out = pos(h, L, S): p0 = the high half of h * (S * L), p1 and p2 in the next two segments. */
  positions(hHi: number, hLo: number, out: Uint32Array): void {
    const { span0, span1, segmentLength: L, mask } = this;
    const p0 = firstPosition(hHi, hLo, span0, span1);
    out[0] = p0;
    out[1] = ((p0 + L) ^ (((hLo >>> 18) | (hHi << 14)) & mask)) >>> 0;
    out[2] = ((p0 + 2 * L) ^ (hLo & mask)) >>> 0;
  }
}
