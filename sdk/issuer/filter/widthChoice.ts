/**
 * r for a shard (PG1 §7.3): stage 1 costs about r bits a revoked key and lets through 2^-r of the
 * others, which stage 2 then holds at about 1 bit each. The bytes of both are weighed for every r
 * from 0 to 32 and the least kept; it comes out near log2((|U| - |R|) / |R| * ln 2).
 */
import { typicalLength } from './fuseLayoutLadder.js';

const tableBytes = (n: number, width: number): number => Math.ceil((typicalLength(n) * width) / 8);

/** A stage 2 whose keys all have the same bit is a constant table of one byte. */
function stage2Bytes(revoked: number, others: number): number {
  if (revoked === 0 || others === 0) return 1;
  return tableBytes(revoked + others, 1);
}

/** Expected bytes of a shard with `universe` keys (U ∪ R), `revoked` of them revoked, at width r. */
export function expectedShardBytes(universe: number, revoked: number, r: number): number {
  const others = Math.max(0, universe - revoked);
  if (r === 0) return stage2Bytes(revoked, others);
  const passing = others * 2 ** -r;
  // With no key let through, stage 2 is constant; weigh that chance when few are expected.
  const none = Math.exp(-passing);
  const stage2 = none * 1 + (1 - none) * stage2Bytes(revoked, Math.max(1, Math.round(passing)));
  return tableBytes(revoked, r) + stage2;
}

export function chooseWidth(universe: number, revoked: number): number {
  let best = 0;
  let bestBytes = expectedShardBytes(universe, revoked, 0);
  for (let r = 1; r <= 32; r++) {
    const bytes = expectedShardBytes(universe, revoked, r);
    if (bytes < bestBytes) {
      best = r;
      bestBytes = bytes;
    }
  }
  return best;
}
