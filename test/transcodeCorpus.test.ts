// PG1 §11 against the member states' own corpus (eu-digital-green-certificates/dgc-testdata): every file's
// PREFIX through `passgate transcode` at the file's clock, with a DSC list holding its certificate, compared
// with what its EXPECTEDRESULTS imply. The disagreements are listed in docs/transcode.md, and this test
// asserts that list exactly, so that any change in an answer is noticed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateKeyPair } from '../sdk/issuer/index.js';
import { clockSeconds, disagreement, dscEntry, expectsEarlyFailure, loadCorpus, passWindow, type CorpusFile } from './support/dgcCorpus.js';
import { runTranscode } from './support/transcodeCli.js';

const SKEW = 60;
const corpus = loadCorpus();

/** The answer of the time check (§11.2 step 6) at `now` for a pass valid over [iat, exp). */
function timeClass(window: readonly [number, number] | null, now: number): string {
  if (window === null) return 'any';
  return now < window[0] - SKEW ? 'early' : now >= window[1] + SKEW ? 'late' : 'in';
}

/**
 * Files grouped by a clock at which each answers its time check as at its own VALIDATIONCLOCK (one process
 * per distinct clock would be 357 processes): a group's --now is its first file's clock, and a file joins
 * it only when the time check gives the same answer at both.
 */
function groups(files: readonly CorpusFile[]): { now: number; files: CorpusFile[] }[] {
  const out: { now: number; files: CorpusFile[] }[] = [];
  for (const file of files) {
    const own = clockSeconds(file.TESTCTX.VALIDATIONCLOCK);
    const window = passWindow(file);
    const group = out.find((g) => timeClass(window, g.now) === timeClass(window, own) || timeClass(window, own) === 'any');
    if (group !== undefined) group.files.push(file);
    else out.push({ now: own, files: [file] });
  }
  return out;
}

/** The disagreements docs/transcode.md lists: its table's rows, file and answer. */
function documentedDisagreements(): Map<string, string> {
  const doc = readFileSync(new URL('../docs/transcode.md', import.meta.url), 'utf8');
  const table = doc.split('<!-- disagreements -->')[1] ?? '';
  const rows = new Map<string, string>();
  for (const line of table.split('\n')) {
    const m = /^\| `([^`]+)` \| `([A-Z_]+)` \|/.exec(line);
    if (m !== null) rows.set(m[1]!, m[2]!);
  }
  return rows;
}

describe('passgate transcode against the EU DCC test corpus (dgc-testdata)', () => {
  it('agrees with at least 97 % of the files, never says OK where a decoding, signature or time failure is expected, and disagrees exactly where docs/transcode.md says', async () => {
    expect(corpus.length).toBe(429);
    const issuer = generateKeyPair();
    const answers = new Map<string, string>();
    for (const group of groups(corpus)) {
      const out = await runTranscode({ dsc: group.files.map(dscEntry), issuer, now: group.now, lines: group.files.map((f) => f.PREFIX) });
      expect(out.status, out.stderr).toBe(0);
      expect(out.results).toHaveLength(group.files.length);
      group.files.forEach((f, i) => answers.set(f.file, String(out.results[i]!.result)));
    }
    const disagreements = new Map<string, string>();
    const reasons: string[] = [];
    for (const file of corpus) {
      const result = answers.get(file.file)!;
      const why = disagreement(file, result);
      if (why !== null) { disagreements.set(file.file, result); reasons.push(`${file.file}: ${why}`); }
      if (expectsEarlyFailure(file)) expect(result, file.file).not.toBe('OK');
    }
    const agreement = 1 - disagreements.size / corpus.length;
    console.log(`corpus: ${corpus.length - disagreements.size} of ${corpus.length} files agree (${(100 * agreement).toFixed(1)} %)`);
    if (process.env.TRANSCODE_CORPUS_REASONS === "1") console.log(reasons.join("\n"));
    expect(agreement).toBeGreaterThanOrEqual(0.97);
    expect(Object.fromEntries(disagreements)).toEqual(Object.fromEntries(documentedDisagreements()));
  }, 120_000);
});
