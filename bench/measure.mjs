// Interleaved measurement: on a noisy machine, contenders are only comparable when measured side by
// side, so every round runs each entry once (A, B, C, D, A, B, C, D, …) and we keep every sample.

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
    for (const { key, pass, operations } of entries) {
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

/** Per-round ratios against a baseline measured in the same round, then their median. */
export function medianRatio(samples, baselineSamples) {
  return median(samples.map((v, round) => v / baselineSamples[round]));
}
