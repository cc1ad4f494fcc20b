/**
 * Table sizes for n keys, smallest first. Peeling a 3-wise binary fuse table succeeds with high
 * probability once it has a little more entries than keys, and the margin it needs shrinks as n
 * grows. Measured here with this peeler (random keys, 20 to 100 trials each), the factor at which
 * half the attempts succeed follows 0.951 + 2.43 / ln(n) closely from n = 10^3 to 4 * 10^6 (1.30 at
 * 10^3, 1.19 at 2.5 * 10^4, 1.13 at 10^6), with segments half as long as Graf and Lemire's rule
 * below 3 * 10^5 keys and as long above. The ladder starts a little below that and grows by 0.5% a
 * rung; the fuse construction's own asymptote (about 1.09 for three hashes) is the floor.
 */
import { FuseLayout, MAX_SEGMENT_LENGTH } from './fuseHash.js';

const FLOOR_FACTOR = 1.09;
const RUNG = 1.005;
/** (S + 2) * L may not exceed 2^32 (§7.3). */
const MAX_ENTRIES = 2 ** 32;

/** The factor of entries to keys at which peeling succeeds about half the time. */
export function typicalFactor(n: number): number {
  return n < 2 ? 1 : Math.max(FLOOR_FACTOR, 0.951 + 2.43 / Math.log(n));
}

/** The segment length for n keys: a power of two from 1 to 2^18. */
export function segmentLengthFor(n: number): number {
  if (n < 2) return 1;
  const exponent = Math.floor(Math.log(n) / Math.log(3.33) + (n < 300_000 ? 1.25 : 2.25));
  return Math.min(MAX_SEGMENT_LENGTH, 2 ** Math.max(0, exponent));
}

function layoutFor(n: number, factor: number, segmentLength: number): FuseLayout {
  const segments = Math.max(1, Math.ceil((n * factor) / segmentLength) - 2);
  return new FuseLayout(segmentLength, segments);
}

/** The size a table for n keys usually ends up with (for choosing r before building). */
export function typicalLength(n: number): number {
  return n === 0 ? 3 : layoutFor(n, typicalFactor(n) * RUNG, segmentLengthFor(n)).length;
}

/** Layouts for n >= 1 keys in increasing size, without end (until (S + 2) * L would pass 2^32). */
export function* layoutLadder(n: number): Generator<FuseLayout> {
  const segmentLength = segmentLengthFor(n);
  let factor = Math.max(n < 2 ? 1 : FLOOR_FACTOR, typicalFactor(n) - 0.01);
  let last = 0;
  for (;;) {
    const layout = layoutFor(n, factor, segmentLength);
    if (layout.length > MAX_ENTRIES) return;
    if (layout.length !== last) yield layout;
    last = layout.length;
    factor *= RUNG;
  }
}
