/**
 * The EU DCC test corpus (eu-digital-green-certificates/dgc-testdata, test/vectors/dgc-testdata) and what
 * its EXPECTEDRESULTS imply for a `passgate transcode` answer (docs/transcode.md explains the reading).
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { decode as decodeCbor } from 'cbor-x';
import { decodeBase45 } from '../../sdk/encoding/base45.js';

export interface CorpusFile {
  readonly file: string;
  readonly PREFIX: string;
  readonly TESTCTX: { readonly CERTIFICATE: string; readonly VALIDATIONCLOCK: string };
  readonly EXPECTEDRESULTS: Readonly<Record<string, boolean>>;
}

const DIR = new URL('../vectors/dgc-testdata/', import.meta.url);

export function loadCorpus(): readonly CorpusFile[] {
  return JSON.parse(readFileSync(new URL('corpus.json', DIR), 'utf8')) as CorpusFile[];
}

/** The DSC list entry for a corpus file's certificate (kid = SHA-256(rawData)[0..8], §11.1). */
export function dscEntry(file: CorpusFile): { kid: string; country: string; certificateType: string; rawData: string } {
  const raw = Buffer.from(file.TESTCTX.CERTIFICATE, 'base64');
  return {
    kid: createHash('sha256').update(raw).digest().subarray(0, 8).toString('base64'),
    country: file.file.split('/')[0]!,
    certificateType: 'DSC',
    rawData: file.TESTCTX.CERTIFICATE,
  };
}

/**
 * A VALIDATIONCLOCK in Unix seconds. The corpus writes ISO 8601 in several ways: "Z", "+02:00", "+0200",
 * fractions of up to six digits, and no zone at all (read as UTC).
 */
export function clockSeconds(text: string): number {
  let t = text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(t)) t += 'Z';
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`unreadable VALIDATIONCLOCK ${text}`);
  return Math.floor(ms / 1000);
}

/** The corpus flags a transcode answer speaks for, by the §11.2 step that gives each answer. */
const STEPS: readonly { readonly codes: readonly string[]; readonly flags: readonly string[] }[] = [
  { codes: ['MALFORMED'], flags: ['EXPECTEDUNPREFIX', 'EXPECTEDB45DECODE', 'EXPECTEDCOMPRESSION', 'EXPECTEDDECODE'] },
  { codes: ['UNSUPPORTED_ALG', 'UNKNOWN_KID', 'BAD_SIGNATURE'], flags: ['EXPECTEDVERIFY'] },
  { codes: ['NOT_YET_VALID', 'EXPIRED'], flags: ['EXPECTEDEXPIRATIONCHECK'] },
  { codes: ['KEY_USAGE'], flags: ['EXPECTEDKEYUSAGE'] },
  { codes: ['SCHEMA_INVALID'], flags: ['EXPECTEDSCHEMAVALIDATION'] },
];

/** The corpus's own test names (tests/known_issues.csv) and the flag each tests. */
const FLAG_OF_TEST: Readonly<Record<string, readonly string[]>> = {
  test_cose_schema: ['EXPECTEDSCHEMAVALIDATION'],
  test_verification_check: ['EXPECTEDVERIFY'],
  test_expiration_check: ['EXPECTEDEXPIRATIONCHECK'],
  test_expected_key_usage: ['EXPECTEDKEYUSAGE'],
  test_cose_json: ['EXPECTEDVALIDJSON'],
  test_cbor_json: ['EXPECTEDDECODE'],
};

/** The expectations the corpus itself lists as known issues (tests/known_issues.csv): not tested. */
export function knownIssueFlags(file: string): ReadonlySet<string> {
  const lines = readFileSync(new URL('known_issues.csv', DIR), 'utf8').trim().split('\n').slice(1);
  const country = file.split('/')[0]!;
  const stem = file.split('/').pop()!.replace(/\.json$/, '');
  const flags = new Set<string>();
  for (const line of lines) {
    const [test, c, set] = line.split(',');
    if (c === country && (set === '' || set === stem)) for (const f of FLAG_OF_TEST[test!] ?? []) flags.add(f);
  }
  return flags;
}

/** The expectations that count for a file: its EXPECTEDRESULTS less the corpus's known issues. */
export function expectations(file: CorpusFile): ReadonlyMap<string, boolean> {
  const known = knownIssueFlags(file.file);
  return new Map(Object.entries(file.EXPECTEDRESULTS).filter(([flag, v]) => typeof v === 'boolean' && !known.has(flag)));
}

/**
 * Why an answer disagrees with the file's expectations, or null when it agrees. An answer at step i
 * agrees when no flag of an earlier step is expected false (the pass got past them), and its own step's
 * flags are expected false or not tested (one expected false suffices; MALFORMED may also be the payload
 * check of step 5, which the corpus counts as a schema failure). OK agrees when no flag is expected false.
 */
export function disagreement(file: CorpusFile, result: string): string | null {
  const expected = expectations(file);
  const falseFlags = (flags: readonly string[]) => flags.filter((f) => expected.get(f) === false);
  const index = STEPS.findIndex((s) => s.codes.includes(result));
  if (result === 'OK') {
    const all = falseFlags(STEPS.flatMap((s) => s.flags));
    return all.length === 0 ? null : `OK where the corpus expects ${all.join(', ')} false`;
  }
  if (index < 0) return `${result} is no §11.2 code`;
  const passed = falseFlags(STEPS.slice(0, index).flatMap((s) => s.flags));
  if (passed.length > 0) return `${result}, past a step the corpus expects to fail (${passed.join(', ')} false)`;
  const own = STEPS[index]!.flags;
  const explains = result === 'MALFORMED' ? [...own, 'EXPECTEDSCHEMAVALIDATION'] : own;
  if (falseFlags(explains).length > 0) return null;
  const promised = own.filter((f) => expected.get(f) === true);
  return promised.length === 0 ? null : `${result} where the corpus expects ${promised.join(', ')} true`;
}

/** Whether the corpus expects a decoding, signature or time failure (where an OK would be unsafe). */
export function expectsEarlyFailure(file: CorpusFile): boolean {
  const expected = expectations(file);
  return STEPS.slice(0, 3).some((s) => s.flags.some((f) => expected.get(f) === false));
}

/** [iat, exp] of the pass, read independently of the SDK (null when it cannot be read). */
export function passWindow(file: CorpusFile): readonly [number, number] | null {
  try {
    const cose = inflateSync(decodeBase45(file.PREFIX.slice(4)));
    let top = decodeCbor(cose) as unknown;
    while (typeof top === 'object' && top !== null && 'tag' in top && 'value' in top) top = (top as { value: unknown }).value;
    const payload = decodeCbor((top as unknown[])[2] as Uint8Array) as Map<number, unknown> | Record<number, unknown>;
    const get = (k: number) => (payload instanceof Map ? payload.get(k) : payload[k]);
    return [Math.floor(Number(get(6))), Math.floor(Number(get(4)))];
  } catch {
    return null;
  }
}
