import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The public PG1 examples (copied from the spec's examples/ into test/vectors/pg1-examples). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../vectors/pg1-examples/', import.meta.url));

export interface ExampleArgs {
  root: string[];
  trust: string[];
  revocations: string[];
  now: number;
  venue: string | null;
  nonce: string | null;
  skew: number | null;
  expect_exit: number;
}

export interface ExampleGroup {
  name: string;
  dir: string;
  args: ExampleArgs;
  inputs: string[];
  expected: Record<string, unknown>[];
  descriptions: string[];
}

const jsonLines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);

export function exampleGroups(): ExampleGroup[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((d) => existsSync(join(EXAMPLES_DIR, d, 'args.json')))
    .sort()
    .map((name) => {
      const dir = join(EXAMPLES_DIR, name);
      return {
        name,
        dir,
        args: JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as ExampleArgs,
        inputs: readFileSync(join(dir, 'input.txt'), 'utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l !== ''),
        expected: jsonLines(join(dir, 'expected.jsonl')),
        descriptions: jsonLines(join(dir, 'cases.jsonl')).map((c) => String(c.description)),
      };
    });
}

/** The argv of `passgate verify` for a group, as the spec's run.sh builds it. */
export function verifyArgv(g: ExampleGroup): string[] {
  const a = g.args;
  const argv = ['verify', '--root', a.root.join(',')];
  for (const t of a.trust) argv.push('--trust', join(g.dir, t));
  for (const r of a.revocations) argv.push('--revocations', join(g.dir, r));
  argv.push('--now', String(a.now));
  if (a.venue !== null) argv.push('--venue', a.venue);
  if (a.nonce !== null) argv.push('--nonce', a.nonce);
  if (a.skew !== null) argv.push('--skew', String(a.skew));
  return argv;
}
