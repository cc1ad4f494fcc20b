import { generateKeyPair, wipe } from '../issuer/index.js';
import { parseArgs, single, UsageError } from './args.js';
import { writeSecretFile } from './files.js';
import { keyFileJson } from './keyFile.js';
import type { OperatorIo } from './operatorIo.js';
import { toPrettyJson } from './prettyJson.js';

export const KEYGEN_USAGE = `passgate keygen [--out FILE]
  A new Ed25519 key pair as JSON {secretKey, publicKey, kid} (hex) on standard output, or in FILE,
  created with mode 0600 (never overwritten); with --out only {publicKey, kid} is printed.`;

export async function keygenCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['out']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const out = single(args, 'out');
  const pair = generateKeyPair();
  const json = keyFileJson(pair);
  wipe(pair.secretKey);
  if (out === undefined) {
    io.write(toPrettyJson(json) + '\n');
    return 0;
  }
  await writeSecretFile(out, toPrettyJson(json) + '\n');
  io.write(toPrettyJson({ publicKey: json.publicKey, kid: json.kid }) + '\n');
  return 0;
}
