// `npm run test:seeds`: the randomised tests (every test file that uses fast-check or the shared seed)
// over many seeds, one vitest run per seed with PG1_SEED set. `npm test` uses one fixed seed; this finds
// what other seeds reach. Not part of CI: it takes about a minute per seed.
//
//   npm run test:seeds                      10 fresh random seeds
//   npm run test:seeds -- --count 50        50 of them
//   npm run test:seeds -- --seeds 7,1234    these seeds (e.g. to replay a failure)
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const randomised = testFiles(join(REPO, 'test'))
  .filter((f) => /from 'fast-check'|support\/seed\.js'/.test(readFileSync(f, 'utf8')))
  .map((f) => relative(REPO, f))
  .sort();

const seeds = option('seeds')?.split(',').map(Number) ?? Array.from({ length: Number(option('count') ?? 10) }, () => randomInt(2 ** 31));
if (seeds.some((s) => !Number.isSafeInteger(s) || s < 0 || s >= 2 ** 31)) {
  console.error('seeds are integers from 0 to 2^31 - 1');
  process.exit(2);
}

console.log(`${randomised.length} randomised test files: ${randomised.join(', ')}`);
console.log(`seeds: ${seeds.join(', ')}\n`);
const failed = [];
for (const seed of seeds) {
  const t0 = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', ...randomised], { cwd: REPO, encoding: 'utf8', env: { ...process.env, PG1_SEED: String(seed), FORCE_COLOR: '0' }, maxBuffer: 256 * 1024 * 1024 });
  const output = `${r.stdout}${r.stderr}`;
  const failure = output.split('\n').find((l) => /^\s*(×|FAIL)\s/.test(l))?.trim() ?? '';
  const ok = r.status === 0;
  if (!ok) failed.push({ seed, failure });
  console.log(`seed ${String(seed).padStart(10)}: ${ok ? 'passed' : `FAILED  ${failure}`} (${Math.round((Date.now() - t0) / 1000)} s)`);
}
console.log(`\n${seeds.length - failed.length} of ${seeds.length} seeds passed${failed.length ? `; replay a failure with PG1_SEED=<seed> npx vitest run <file>: ${failed.map((f) => f.seed).join(', ')}` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);
