// Vitest global setup: says once, at the start of a run, which seed the randomised tests use.
import { DEFAULT_SEED, SEED } from './seed.js';

export default function announceSeed(): void {
  const how = SEED === DEFAULT_SEED ? 'the fixed default; set PG1_SEED to change it' : 'from PG1_SEED';
  console.log(`randomised tests: seed ${SEED} (${how}; \`npm run test:seeds\` runs many seeds)`);
}
