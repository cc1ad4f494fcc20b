// Interleaved measurement: on a noisy machine, contenders are only comparable when measured side by
// side, so every round runs each entry once and we keep every sample. The order rotates by one entry
// each round (A B C D, B C D A, C D A B, …), so that no entry always runs right after the same other
// one (whose caches and CPU frequency it would inherit) or always first.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0-100) of the values, nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * entries: [{ key, pass, operations }], where pass() performs `operations` operations and returns
 * how many succeeded, or a promise of it (only such passes are awaited, inside their timing).
 * Warm-up rounds (untimed) let V8 tier wasm and JS up to optimised code first. A garbage
 * collection before each sample keeps one entry's garbage from being collected on the next
 * entry's time. Returns key → ops/s per timed round.
 */
export async function runInterleaved(entries, { rounds, warmupRounds, onRound = () => {} }) {
  const samples = new Map(entries.map((e) => [e.key, []]));
  for (let round = -warmupRounds; round < rounds; round++) {
    const shift = (round + warmupRounds) % entries.length;
    for (const { key, pass, operations } of [...entries.slice(shift), ...entries.slice(0, shift)]) {
      globalThis.gc();
      const start = performance.now();
      let succeeded = pass();
      if (succeeded instanceof Promise) succeeded = await succeeded;
      const seconds = (performance.now() - start) / 1000;
      if (succeeded !== operations) throw new Error(`${key}: ${succeeded} of ${operations} operations succeeded`);
      if (round >= 0) samples.get(key).push(operations / seconds);
    }
    onRound(round);
  }
  return samples;
}

/** Ratios against a baseline measured in the same round, one per round. */
export function roundRatios(samples, baselineSamples) {
  return samples.map((v, round) => v / baselineSamples[round]);
}

/** Per-round ratios against a baseline measured in the same round, then their median. */
export function medianRatio(samples, baselineSamples) {
  return median(roundRatios(samples, baselineSamples));
}

/** The lowest per-round ratio: the least favourable round for the contender. */
export function lowestRatio(samples, baselineSamples) {
  return Math.min(...roundRatios(samples, baselineSamples));
}
