import { readFile } from 'node:fs/promises';
import { createVerifier } from '../verifier/verifier.js';
import { ruleFor } from '../pg1/policy.js';
import { ListRefusedError, PassgateError } from '../errors.js';
import { all, hexBytes, parseArgs, single, unsignedInteger, UsageError } from './args.js';
import { readLineGroups, MAX_LINE_BYTES } from './lines.js';
import { isJsonRead, parseJsonRead } from './jsonRead.js';
import { toJson } from './json.js';
import type { InputLine } from './lines.js';
import '../explain/index.js'; // --explain

export const VERIFY_USAGE = `passgate verify --root HEX[,HEX...] --trust FILE [--trust FILE...] [--revocations FILE...]
                [--now UNIX] [--venue CATEGORY] [--nonce HEX] [--skew SECONDS] [--explain]
Reads presentations from standard input, one a line (PG1: text or hex, or a read of PG1 §10.4:
{"presentation": TEXT, "card"?: HEX, "document"?: {"number": TEXT, "name"?: TEXT}}), and writes one JSON
result a line, each as soon as its line has been read; --explain adds "detail": the step of PG1 §5 that
decided the result and the values compared there.`;

export interface Io {
  readonly stdin: AsyncIterable<Uint8Array | string>;
  write(text: string): void;
  error(text: string): void;
}

async function readList(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** PG1 §9: exit 0 after answering every line; 2 for usage errors and refused lists (before reading input). */
export async function verifyCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, ['root', 'trust', 'revocations', 'now', 'venue', 'nonce', 'skew'], ['explain']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  // --root HEX[,HEX...]; given more than once, the keys add up.
  const rootTexts = all(args, 'root');
  if (rootTexts.length === 0) throw new UsageError('--root is required');
  const roots = rootTexts.flatMap((t) => t.split(',')).map((h) => hexBytes(h, 'root', 32));
  const trustFiles = all(args, 'trust');
  if (trustFiles.length === 0) throw new UsageError('--trust is required');
  const nowText = single(args, 'now');
  const now = nowText === undefined ? undefined : unsignedInteger(nowText, 'now');
  const skewText = single(args, 'skew');
  const skew = skewText === undefined ? undefined : Number(unsignedInteger(skewText, 'skew'));
  const nonceText = single(args, 'nonce');
  const nonce = nonceText === undefined ? undefined : hexBytes(nonceText, 'nonce');
  const venue = single(args, 'venue');

  let verifier;
  try {
    // Nothing is stored, so nothing is destroyed at the sunset: every line after it answers SUNSET.
    // --now is the clock for list application too (a list's sunset is judged at that time).
    verifier = await createVerifier({
      roots,
      storage: null,
      destroyAtSunset: false,
      ...(now === undefined ? {} : { now: () => Number(now) }),
      ...(skew === undefined ? {} : { skew }),
    });
  } catch (e) {
    if (e instanceof PassgateError) throw new UsageError(e.message);
    throw e;
  }
  try {
    // PG1 §9: the files are applied in the order given (a revocation list signed by a root that a
    // later trust list rotates out must come before it).
    for (const { name, value } of args.sequence) {
      if (name === 'trust') await verifier.applyTrustList(await readList(value));
      else if (name === 'revocations') await verifier.applyRevocations(await readList(value));
    }
    if (venue !== undefined) ruleFor(verifier.policy, venue);
  } catch (e) {
    if (e instanceof ListRefusedError || e instanceof PassgateError) {
      io.error(`passgate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const options = {
    ...(now === undefined ? {} : { now }),
    ...(venue === undefined ? {} : { venue }),
    ...(nonce === undefined ? {} : { nonce }),
    ...(args.options.has('explain') ? { explain: true } : {}),
  };
  // A line too long to be a presentation gets the answer verify() gives any input over the size
  // limit (MALFORMED, or a step-1 code such as SUNSET), without the line ever being held whole.
  let oversized: Uint8Array | undefined;
  const answer = (line: InputLine): string => {
    if (line.kind !== 'text') return toJson(verifier.verify(oversized ??= new Uint8Array(MAX_LINE_BYTES + 1), options));
    if (!isJsonRead(line.text)) return toJson(verifier.verify(line.text, options));
    const read = parseJsonRead(line.text);
    // A line that is not a read of §10.4 is MALFORMED, after the lists in force are judged (step 1).
    if (read === null) return toJson(verifier.verify('', options));
    const { presentation, ...withIt } = read;
    return toJson(verifier.verify(presentation, { ...options, ...withIt }));
  };
  // Every line the input has completed so far is answered before reading on (a card reader's pipe).
  for await (const group of readLineGroups(io.stdin)) {
    let out = '';
    for (const line of group) out += answer(line) + '\n';
    io.write(out);
  }
  return 0;
}
