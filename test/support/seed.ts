/**
 * The seed of every randomised test (fast-check properties and the differential generators): PG1_SEED
 * when it is set, else a fixed default, so that a run is repeatable and a failure can be replayed.
 * `npm run test:seeds` runs the randomised tests over many seeds (not in CI).
 */
export const DEFAULT_SEED = 20261101;

function seedFrom(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** 31) throw new Error(`PG1_SEED must be an integer from 0 to 2^31 - 1, not ${JSON.stringify(text)}`);
  return n;
}

export const SEED: number = seedFrom(process.env['PG1_SEED']);
