import { UsageError, parseArgs } from './args.js';
import { jsonObject, type JsonView } from './cborJson.js';
import { readBytes } from './files.js';
import { describeArtefact, describeBundle } from './inspectArtefact.js';
import { inspectInputs } from './inspectInput.js';
import type { OperatorIo } from './operatorIo.js';
import { toPrettyJson } from './prettyJson.js';

export const INSPECT_USAGE = `passgate inspect [FILE]
  Decodes a presentation, token, token bundle, trust list, revocation list, delta or filter (PG1: text, hex, raw
  CBOR, or the bundle JSON of issue; from FILE or standard input) and prints its structure as JSON: headers, claims by name, disclosures with their
  digests and whether sd lists them, the binding. It does NOT verify anything: use passgate verify.`;

export const NOT_VERIFIED = 'decoded only, NOT verified: no signature, digest, time, revocation or trust check was made';

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Exit 0 when every artefact could be decoded as CBOR, 1 when one could not, 2 for usage errors. */
export async function inspectCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, []);
  if (args.positional.length > 1) throw new UsageError('inspect takes one FILE (or standard input)');
  const path = args.positional[0];
  const data = path === undefined || path === '-' ? await readAll(io.stdin) : await readBytes(path, 'file');
  if (data.length === 0) throw new UsageError('nothing to inspect: the input is empty');
  let status = 0;
  const views: JsonView[] = inspectInputs(data).map((input) => {
    const head: [string, JsonView][] = [['note', NOT_VERIFIED], ['transport', input.transport]];
    if (input.transport === 'bundle') {
      const d = describeBundle(input.token, input.disclosures);
      if (d.kind === 'unreadable') status = 1;
      return jsonObject([...head, ['kind', d.kind], ...d.fields]);
    }
    if (!(input.bytes instanceof Uint8Array)) {
      status = 1;
      return jsonObject([...head, ['kind', 'unreadable'], ['error', input.bytes.error]]);
    }
    const d = describeArtefact(input.bytes);
    if (d.kind === 'unreadable') status = 1;
    return jsonObject([...head, ['kind', d.kind], ['bytes', input.bytes.length], ...d.fields]);
  });
  io.write(toPrettyJson(views.length === 1 ? views[0] : views) + '\n');
  return status;
}
