import { toHex } from '../encoding/hex.js';
import { buildRevocationDelta, buildRevocationList, kidOf, revokedPrefix, RevocationListError, wipe } from '../issuer/index.js';
import { all, hexBytes, parseArgs, required, single, UsageError, type ParsedArgs } from './args.js';
import { writeOutputFile } from './files.js';
import { readKeyFile } from './keyFile.js';
import type { OperatorIo } from './operatorIo.js';
import { toPrettyJson } from './prettyJson.js';
import { timeArgument } from './timeArgument.js';

export const REVOCATIONS_BUILD_USAGE = `passgate revocations build --root-key FILE --version N --issued-at UNIX --expires UNIX --out FILE
                           (--revoked CTI[,CTI...] | --base-version N [--added CTI,...] [--removed CTI,...])
  Signs a revocation list, or with --base-version a delta on top of that version (PG1 §7). Each CTI is
  a token's 16-byte cti in hex (its entry H(cti)[0..8] is computed), or an 8-byte entry as listed.`;

/** Revocation entries from a comma list of ctis (hashed) or ready-made 8-byte entries. */
function entries(args: ParsedArgs, name: string): Uint8Array[] {
  const text = all(args, name).join(',');
  return text
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
    .map((h) => {
      const b = hexBytes(h, name);
      if (b.length === 16) return revokedPrefix(b);
      if (b.length === 8) return b;
      throw new UsageError(`--${name}: ${h} is neither a 16-byte cti nor an 8-byte entry`);
    });
}

export async function revocationsBuildCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['root-key', 'version', 'issued-at', 'expires', 'revoked', 'base-version', 'added', 'removed', 'out']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const out = required(args, 'out');
  const baseVersion = single(args, 'base-version');
  const isFull = args.options.has('revoked');
  if (isFull === (baseVersion !== undefined)) throw new UsageError('give either --revoked (a full list) or --base-version (a delta)');
  if (isFull && (args.options.has('added') || args.options.has('removed'))) throw new UsageError('--added and --removed belong to a delta (--base-version)');
  const root = await readKeyFile(required(args, 'root-key'), 'root-key');
  const envelope = {
    rootSecret: root.secretKey,
    version: timeArgument(required(args, 'version'), 'version'),
    issuedAt: timeArgument(required(args, 'issued-at'), 'issued-at'),
    expires: timeArgument(required(args, 'expires'), 'expires'),
  };
  let bytes: Uint8Array;
  try {
    bytes =
      baseVersion === undefined
        ? buildRevocationList({ ...envelope, revoked: entries(args, 'revoked') })
        : buildRevocationDelta({ ...envelope, baseVersion: timeArgument(baseVersion, 'base-version'), added: entries(args, 'added'), removed: entries(args, 'removed') });
  } catch (e) {
    if (e instanceof RevocationListError) throw new UsageError(e.message);
    throw e;
  } finally {
    wipe(root.secretKey);
  }
  await writeOutputFile(out, bytes);
  io.write(toPrettyJson({ out, bytes: bytes.length, signedBy: toHex(kidOf(root.publicKey)) }) + '\n');
  return 0;
}
