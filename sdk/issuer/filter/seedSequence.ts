/**
 * Seeds for the stages of a filter: splitmix64 (Steele, Lea and Flood 2014) from a base seed and the
 * stage's place, so that a build with a given base seed gives the same bytes however its shards
 * are spread over threads.
 */
const MASK = (1n << 64n) - 1n;

export class SeedSequence {
  private state: bigint;

  constructor(base: bigint, shard: number, stage: 1 | 2) {
    this.state = (base ^ (BigInt(shard) * 4n + BigInt(stage)) * 0xd1b54a32d192ed03n) & MASK;
  }

  next(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  }
}

/** A fresh random base seed. */
export function randomBaseSeed(): bigint {
  const w = new Uint32Array(2);
  globalThis.crypto.getRandomValues(w);
  return (BigInt(w[0]!) << 32n) | BigInt(w[1]!);
}
