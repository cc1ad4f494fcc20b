/**
 * `passgate transcode` (PG1 §11.4): the issuers' gateway for foreign passes. Reads HC1 texts, one a line,
 * and answers each as soon as it is read (one JSON object a line, in order): the §11.2 result, the
 * issuing country and kind once the pass got past step 5, and the token bundle `passgate issue` writes
 * when the result is OK. A DSC file that is not a JSON array exits with status 2 before any input is read.
 */
import { PassgateError } from '../errors.js';
import { wipe } from '../issuer/index.js';
import { createTranscoder, readDscList, statusRulesFromJson, type TranscodeResult } from '../transcode/index.js';
import { hexBytes, parseArgs, required, single, unsignedInteger, UsageError } from './args.js';
import { readJsonFile } from './files.js';
import { readKeyFile } from './keyFile.js';
import { readLines } from './lines.js';
import type { OperatorIo } from './operatorIo.js';
import { bundleJson } from './tokenBundle.js';

export const TRANSCODE_USAGE = `passgate transcode --dsc FILE --issuer-key FILE --iss TEXT [--now UNIX] [--skew SECONDS]
                   [--validity SECONDS] [--cnf HEX] [--rules FILE]
  The issuers' gateway for EU Digital COVID Certificates (PG1 §11). Reads HC1 texts from standard input,
  one a line, and writes one JSON object a line, as each is read: {"result", "country", "kind", "bundle"}
  (country and kind once the pass got past the payload check, the bundle of \`passgate issue\` only when
  OK). --dsc is the EU gateway's DSC list (a JSON array); --rules a JSON object of status rules
  (vaccinationMaxAgeDays 270, testMaxAgeHours 72, recoveryCounts true, statusAfterDetectedTest 2,
  statusWhenValid 0, statusOtherwise 1). Skipped DSC entries are reported on standard error.`;

function answer(r: TranscodeResult): string {
  return JSON.stringify({
    result: r.result,
    ...(r.country === undefined ? {} : { country: r.country }),
    ...(r.kind === undefined ? {} : { kind: r.kind }),
    ...(r.issued === undefined ? {} : { bundle: bundleJson(r.issued) }),
  }) + '\n';
}

function seconds(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const v = unsignedInteger(text, name);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new UsageError(`--${name} is out of range`);
  return Number(v);
}

export async function transcodeCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['dsc', 'issuer-key', 'iss', 'now', 'skew', 'validity', 'cnf', 'rules']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const dscPath = required(args, 'dsc');
  const dscJson = await readJsonFile(dscPath, '--dsc');
  if (!Array.isArray(dscJson)) throw new UsageError(`--dsc ${dscPath}: a DSC list is a JSON array`);
  const dsc = readDscList(dscJson, (warning) => io.error(`passgate transcode: DSC list: ${warning}`));
  const key = await readKeyFile(required(args, 'issuer-key'), 'issuer-key');
  const iss = required(args, 'iss');
  const issBytes = new TextEncoder().encode(iss).length;
  if (issBytes < 1 || issBytes > 32) throw new UsageError('--iss must be 1 to 32 bytes');
  const now = seconds(single(args, 'now'), 'now');
  const skew = seconds(single(args, 'skew'), 'skew');
  const validity = seconds(single(args, 'validity'), 'validity');
  if (validity === 0) throw new UsageError('--validity must be positive');
  const cnf = single(args, 'cnf');
  const rulesPath = single(args, 'rules');
  let statusRules;
  try {
    statusRules = rulesPath === undefined ? undefined : statusRulesFromJson(await readJsonFile(rulesPath, '--rules'));
  } catch (e) {
    if (e instanceof PassgateError) throw new UsageError(`--rules ${rulesPath}: ${e.message}`);
    throw e;
  }
  const transcoder = createTranscoder({
    dsc,
    issuerSecret: key.secretKey,
    iss,
    ...(skew === undefined ? {} : { skew }),
    ...(validity === undefined ? {} : { validity }),
    ...(cnf === undefined ? {} : { cnf: hexBytes(cnf, 'cnf', 32) }),
    ...(statusRules === undefined ? {} : { statusRules }),
  });
  try {
    for await (const line of readLines(io.stdin)) {
      // An overlong line cannot be a pass (64 KiB inflated at most): MALFORMED, without buffering it.
      const result: TranscodeResult = line.kind === 'tooLong'
        ? { result: 'MALFORMED' }
        : transcoder.transcode(line.text, now ?? Math.floor(Date.now() / 1000));
      io.write(answer(result)); // one answer per line as it is read: a border queue waits on each
    }
  } finally {
    wipe(key.secretKey);
  }
  return 0;
}
