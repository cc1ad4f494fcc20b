// `npm run mutants`: breaks each check of mutants.mjs on purpose, one at a time, in a scratch copy of
// this working tree (node_modules linked, never the tree itself), builds it and runs that mutant's
// tests; a mutant is caught when a test goes red. Prints a table, and exits non-zero when a mutant
// survives, when a mutant's search text no longer matches the code (checked before anything runs),
// or when the unmutated copy does not pass the tests first.
//
//   npm run mutants                       every mutant
//   npm run mutants -- --only a,b         the named ones
//   npm run mutants -- --check            only check that every search text matches (no build, fast)
//   npm run mutants -- --keep             keep the scratch copy (its path is printed)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTANTS, MUTANT_TEST_FILES } from './mutants.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MUTANT_TIMEOUT_MS = 15 * 60_000;
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const occurrences = (text, search) => {
  let n = 0;
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + 1)) n++;
  return n;
};

/** Every mutant's search text occurs exactly once, every test it names exists and is run by `npm test`. */
function validate(mutants) {
  const problems = [];
  const names = new Set();
  for (const m of mutants) {
    if (names.has(m.name)) problems.push(`${m.name}: the name is used twice`);
    names.add(m.name);
    const path = join(REPO, m.file);
    if (!existsSync(path)) {
      problems.push(`${m.name}: ${m.file} does not exist`);
      continue;
    }
    const n = occurrences(readFileSync(path, 'utf8'), m.search);
    if (n !== 1) problems.push(`${m.name}: its search text occurs ${n} times in ${m.file} (must be once): ${JSON.stringify(m.search.slice(0, 100))}`);
    if (m.search === m.replace) problems.push(`${m.name}: replace equals search`);
    for (const t of m.tests) {
      if (!/^test\/.+\.test\.ts$/.test(t)) problems.push(`${m.name}: ${t} is not a file \`npm test\` runs (test/**/*.test.ts)`);
      else if (!existsSync(join(REPO, t))) problems.push(`${m.name}: ${t} does not exist`);
    }
  }
  return problems;
}

/** A copy of the working tree as git sees it (tracked and untracked files, none ignored). */
function scratchCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'passgate-mutants-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(REPO, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(REPO, f), join(dir, f));
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

function run(command, argv, cwd, timeout) {
  const r = spawnSync(command, argv, { cwd, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, timedOut: r.error?.code === 'ETIMEDOUT', output: stripAnsi(`${r.stdout ?? ''}${r.stderr ?? ''}`) };
}

const build = (dir) => run('npm', ['run', 'build'], dir, MUTANT_TIMEOUT_MS);
const vitest = (dir, files, bail) => run('npx', ['vitest', 'run', ...(bail ? ['--bail=1'] : []), ...files], dir, MUTANT_TIMEOUT_MS);

/** The first failing test vitest names, for the table. */
function firstFailure(output) {
  const line = output.split('\n').find((l) => /^\s*(×|FAIL)\s/.test(l));
  return line ? line.trim().replace(/^(×|FAIL)\s+/, '').replace(/\s+\d+ms$/, '').slice(0, 110) : '';
}

function table(rows) {
  const header = ['mutant', 'check', 'file', 'verdict', 's', 'caught by'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.name, r.check, r.file, r.verdict, String(r.seconds), r.by.replace(/\|/g, '\\|')].join(' | ')} |`);
  return lines.join('\n');
}

const only = option('only')?.split(',');
const mutants = only ? MUTANTS.filter((m) => only.includes(m.name)) : MUTANTS;
if (only && mutants.length !== only.length) {
  console.error(`unknown mutant(s): ${only.filter((n) => !MUTANTS.some((m) => m.name === n)).join(', ')}`);
  process.exit(2);
}

const problems = validate(MUTANTS);
if (problems.length > 0) {
  console.error(`MUTANT LIST OUT OF DATE: ${problems.length} problem(s); fix test/mutants/mutants.mjs before anything runs:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(2);
}
console.log(`${MUTANTS.length} mutants: every search text matches the code once.`);
if (flag('check')) process.exit(0);

const dir = scratchCopy();
console.log(`scratch copy: ${dir}`);
const started = Date.now();
try {
  const files = [...new Set(mutants.flatMap((m) => m.tests))];
  console.log(`baseline: building the unmutated copy and running ${files.length} test files…`);
  const b = build(dir);
  if (b.status !== 0) throw new Error(`the unmutated copy does not build:\n${b.output.slice(-3000)}`);
  const base = vitest(dir, files, false);
  if (base.status !== 0) throw new Error(`the unmutated copy fails its tests (${firstFailure(base.output)}):\n${base.output.slice(-3000)}`);

  const rows = [];
  const logDir = join(dir, '.mutant-logs');
  mkdirSync(logDir, { recursive: true });
  for (const [i, m] of mutants.entries()) {
    const path = join(dir, m.file);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace(m.search, () => m.replace));
    const t0 = Date.now();
    let verdict;
    let by = '';
    try {
      const mb = build(dir);
      if (mb.status !== 0) {
        verdict = 'INVALID (does not build)';
        by = mb.output.split('\n').find((l) => /error/i.test(l))?.trim().slice(0, 110) ?? '';
        writeFileSync(join(logDir, `${m.name}.log`), mb.output);
      } else {
        const r = vitest(dir, m.tests, true);
        writeFileSync(join(logDir, `${m.name}.log`), r.output);
        if (r.timedOut) verdict = 'caught (timeout)';
        else verdict = r.status === 0 ? 'SURVIVED' : 'caught';
        by = r.status === 0 ? '' : firstFailure(r.output);
      }
    } finally {
      writeFileSync(path, original);
    }
    const row = { name: m.name, check: m.check, file: m.file, verdict, seconds: Math.round((Date.now() - t0) / 1000), by };
    rows.push(row);
    console.log(`[${i + 1}/${mutants.length}] ${m.name}: ${verdict}${by ? ` — ${by}` : ''} (${row.seconds} s)`);
  }
  const survived = rows.filter((r) => r.verdict === 'SURVIVED');
  const invalid = rows.filter((r) => r.verdict.startsWith('INVALID'));
  const markdown = table(rows);
  const summary = `${rows.length} mutants: ${rows.length - survived.length - invalid.length} caught, ${survived.length} survived, ${invalid.length} invalid, in ${Math.round((Date.now() - started) / 60000)} min`;
  console.log(`\n${markdown}\n\n${summary}`);
  writeFileSync(join(tmpdir(), 'passgate-mutants-table.md'), `${markdown}\n\n${summary}\n`);
  console.log(`(table also in ${join(tmpdir(), 'passgate-mutants-table.md')}; logs in ${logDir})`);
  if (survived.length > 0 || invalid.length > 0) process.exitCode = 1;
} catch (e) {
  console.error(String(e instanceof Error ? e.message : e));
  process.exitCode = 2;
} finally {
  if (!flag('keep') && process.exitCode !== 1) rmSync(dir, { recursive: true, force: true });
  else console.log(`scratch copy kept: ${dir}`);
}
