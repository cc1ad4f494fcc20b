import { toHex } from '../encoding/hex.js';
import { buildTrustList, kidOf, TrustListError, wipe } from '../issuer/index.js';
import { hexBytes, parseArgs, required, single, UsageError } from './args.js';
import { jsonArgument, writeOutputFile } from './files.js';
import { readKeyFile } from './keyFile.js';
import { issuersFromJson, policyFromJson } from './listInputs.js';
import type { OperatorIo } from './operatorIo.js';
import { toPrettyJson } from './prettyJson.js';
import { timeArgument } from './timeArgument.js';

export const TRUST_BUILD_USAGE = `passgate trust build --root-key FILE --version N --issued-at UNIX --expires UNIX
                     --issuers JSON|@FILE --roots HEX[,HEX...] [--sunset UNIX] [--policy JSON|@FILE] --out FILE
  Signs a trust list (PG1 §6) with a root key. --issuers is an array of
  {"pub": HEX | "keyFile": FILE, "iss", "not_before", "not_after", "revoked_at"?}; --roots are the
  roots allowed to sign the next list; --policy is {CATEGORY: {"allow": [0,1], "nat_max_age"?,
  "min_doses"?, "deny_abroad14"?, "deny_risk14"?, "require"?: [NAME...], "bound"?}} (§8). Writes raw CBOR.`;

export async function trustBuildCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['root-key', 'version', 'issued-at', 'expires', 'issuers', 'roots', 'sunset', 'policy', 'out']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const out = required(args, 'out');
  const root = await readKeyFile(required(args, 'root-key'), 'root-key');
  const sunset = single(args, 'sunset');
  const policy = single(args, 'policy');
  const rootsText = required(args, 'roots');
  let bytes: Uint8Array;
  try {
    bytes = buildTrustList({
      rootSecret: root.secretKey,
      version: timeArgument(required(args, 'version'), 'version'),
      issuedAt: timeArgument(required(args, 'issued-at'), 'issued-at'),
      expires: timeArgument(required(args, 'expires'), 'expires'),
      issuers: await issuersFromJson(await jsonArgument(required(args, 'issuers'), 'issuers')),
      roots: rootsText === '' ? [] : rootsText.split(',').map((h) => hexBytes(h.trim(), 'roots', 32)),
      ...(sunset === undefined ? {} : { sunset: timeArgument(sunset, 'sunset') }),
      ...(policy === undefined ? {} : { policy: policyFromJson(await jsonArgument(policy, 'policy')) }),
    });
  } catch (e) {
    if (e instanceof TrustListError) throw new UsageError(e.message);
    throw e;
  } finally {
    wipe(root.secretKey);
  }
  await writeOutputFile(out, bytes);
  io.write(toPrettyJson({ out, bytes: bytes.length, signedBy: toHex(kidOf(root.publicKey)) }) + '\n');
  return 0;
}
