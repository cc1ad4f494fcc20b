// What the EU DCC corpus's EXPECTEDRESULTS imply for a `passgate transcode` answer (docs/transcode.md),
// shared by test/transcodeCorpus.test.ts and bench/transcode.mjs. Plain JavaScript: the benchmark runs
// without a TypeScript step (types in dgcExpectations.d.mts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const DIR = new URL('../vectors/dgc-testdata/', import.meta.url);

/** The corpus files (the fields kept in test/vectors/dgc-testdata/corpus.json). */
export function loadCorpus() {
  return JSON.parse(readFileSync(new URL('corpus.json', DIR), 'utf8'));
}

/**
 * A VALIDATIONCLOCK in Unix seconds. The corpus writes ISO 8601 in several ways: "Z", "+02:00", "+0200",
 * fractions of up to six digits, and no zone at all (read as UTC).
 */
export function clockSeconds(text) {
  let t = text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`unreadable VALIDATIONCLOCK ${text}`);
  return Math.floor(ms / 1000);
}

/** The corpus flags a transcode answer speaks for, by the §11.2 step that gives each answer. */
const STEPS = [
  { codes: ['MALFORMED'], flags: ['EXPECTEDUNPREFIX', 'EXPECTEDB45DECODE', 'EXPECTEDCOMPRESSION', 'EXPECTEDDECODE'] },
  { codes: ['UNSUPPORTED_ALG', 'UNKNOWN_KID', 'BAD_SIGNATURE'], flags: ['EXPECTEDVERIFY'] },
  { codes: ['NOT_YET_VALID', 'EXPIRED'], flags: ['EXPECTEDEXPIRATIONCHECK'] },
  { codes: ['KEY_USAGE'], flags: ['EXPECTEDKEYUSAGE'] },
  { codes: ['SCHEMA_INVALID'], flags: ['EXPECTEDSCHEMAVALIDATION'] },
];

/** The corpus's own test names (tests/known_issues.csv) and the flag each tests. */
const FLAG_OF_TEST = {
  test_cose_schema: ['EXPECTEDSCHEMAVALIDATION'],
  test_verification_check: ['EXPECTEDVERIFY'],
  test_expiration_check: ['EXPECTEDEXPIRATIONCHECK'],
  test_expected_key_usage: ['EXPECTEDKEYUSAGE'],
  test_cose_json: ['EXPECTEDVALIDJSON'],
  test_cbor_json: ['EXPECTEDDECODE'],
};

const KNOWN_ISSUES = readFileSync(new URL('known_issues.csv', DIR), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

/** The expectations the corpus itself lists as known issues (tests/known_issues.csv): not tested. */
export function knownIssueFlags(file) {
  const country = file.split('/')[0];
  const stem = file.split('/').pop().replace(/\.json$/, '');
  const flags = new Set();
  for (const [test, c, set] of KNOWN_ISSUES) {
    if (c === country && (set === '' || set === stem)) for (const f of FLAG_OF_TEST[test] ?? []) flags.add(f);
  }
  return flags;
}

/** The expectations that count for a file: its EXPECTEDRESULTS less the corpus's known issues. */
export function expectations(file) {
  const known = knownIssueFlags(file.file);
  return new Map(Object.entries(file.EXPECTEDRESULTS).filter(([flag, v]) => typeof v === 'boolean' && !known.has(flag)));
}

/**
 * Why an answer disagrees with the file's expectations, or null when it agrees. An answer at step i
 * agrees when no flag of an earlier step is expected false (the pass got past them), and its own step's
 * flags are expected false or not tested (one expected false suffices; MALFORMED may also be the payload
 * check of step 5, which the corpus counts as a schema failure). OK agrees when no flag is expected false.
 */
export function disagreement(file, result) {
  const expected = expectations(file);
  const falseFlags = (flags) => flags.filter((f) => expected.get(f) === false);
  const index = STEPS.findIndex((s) => s.codes.includes(result));
  if (result === 'OK') {
    const all = falseFlags(STEPS.flatMap((s) => s.flags));
    return all.length === 0 ? null : `OK where the corpus expects ${all.join(', ')} false`;
  }
  if (index < 0) return `${result} is no §11.2 code`;
  const passed = falseFlags(STEPS.slice(0, index).flatMap((s) => s.flags));
  if (passed.length > 0) return `${result}, past a step the corpus expects to fail (${passed.join(', ')} false)`;
  const own = STEPS[index].flags;
  const explains = result === 'MALFORMED' ? [...own, 'EXPECTEDSCHEMAVALIDATION'] : own;
  if (falseFlags(explains).length > 0) return null;
  const promised = own.filter((f) => expected.get(f) === true);
  return promised.length === 0 ? null : `${result} where the corpus expects ${promised.join(', ')} true`;
}

/** Whether the corpus expects a decoding, signature or time failure (where an OK would be unsafe). */
export function expectsEarlyFailure(file) {
  const expected = expectations(file);
  return STEPS.slice(0, 3).some((s) => s.flags.some((f) => expected.get(f) === false));
}

/** The DSC list entry (PG1 §11.1) for a corpus file's certificate: kid = SHA-256(rawData)[0..8]. */
export function dscEntry(file) {
  const raw = Buffer.from(file.TESTCTX.CERTIFICATE, 'base64');
  return {
    kid: createHash('sha256').update(raw).digest().subarray(0, 8).toString('base64'),
    country: file.file.split('/')[0],
    certificateType: 'DSC',
    rawData: file.TESTCTX.CERTIFICATE,
  };
}
