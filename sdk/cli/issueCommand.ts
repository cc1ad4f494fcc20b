import { CborEncodeError } from '../cbor/deterministicEncoder.js';
import { serialProblem } from '../pg1/presentationRead.js';
import { ALG_EDDSA, ALG_ED25519, cardBinding, issueToken, KeyError, MAX_SD_ENTRIES, TokenError, wipe, type IssueTokenOptions } from '../issuer/index.js';
import { hexBytes, parseArgs, required, single, unsignedInteger, UsageError } from './args.js';
import { claimsFromJson } from './claimsInput.js';
import { jsonArgument, writeSecretFile } from './files.js';
import { readKeyFile } from './keyFile.js';
import type { OperatorIo } from './operatorIo.js';
import { toPrettyJson } from './prettyJson.js';
import { timeArgument } from './timeArgument.js';
import { bundleJson } from './tokenBundle.js';

export const ISSUE_USAGE = `passgate issue --issuer-key FILE --iss TEXT --iat UNIX --exp UNIX [--nbf UNIX] [--cnf HEX | --card-serial HEX]
               [--claims JSON|@FILE] [--sd-length N | --decoys N] [--cti HEX] [--alg -19|-8] [--out FILE]
  Issues a token (PG1 §2, §3): every claim becomes a salted disclosure. Claims by §3 name or number,
  e.g. '{"status":0,"nat":[1750000000,0],"vax":[3,1740000000],"photo":"<64 hex>"}'. --sd-length pads
  the digests with decoys to N, so that every token shows the same count whatever claims it holds
  (--decoys adds a fixed number, which hides nothing from a verifier who knows it). Writes the bundle
  {token, disclosures, cti} (hex) as JSON to standard output, or to FILE with mode 0600.
  --card-serial makes a card pass (PG1 §10.1) for the card with this serial (1 to 64 bytes, as its
  reader reports it): never with --cnf, living at most 72 h (exp - iat <= 259200); disclose only
  "status" on a card (anyone can read it from a few centimetres).`;

function algArgument(text: string | undefined): number {
  if (text === undefined || text === String(ALG_ED25519)) return ALG_ED25519;
  if (text === String(ALG_EDDSA)) return ALG_EDDSA;
  throw new UsageError(`--alg must be ${ALG_ED25519} (Ed25519) or ${ALG_EDDSA} (EdDSA)`);
}

function digestCountArgument(text: string, name: 'decoys' | 'sd-length'): number {
  const n = unsignedInteger(text, name);
  // sd holds at most 64 digests in all; a larger count could only fail, after making that many.
  if (n > BigInt(MAX_SD_ENTRIES)) throw new UsageError(`--${name}: sd holds at most ${MAX_SD_ENTRIES} digests`);
  return Number(n);
}

/** --card-serial: the card claim of a card pass (§10.1), never with --cnf. */
function cardArgument(serialText: string | undefined, cnf: string | undefined): Uint8Array | undefined {
  if (serialText === undefined) return undefined;
  if (cnf !== undefined) throw new UsageError('--card-serial and --cnf exclude each other: a card pass is bound to its card, never to a device (PG1 §10.1)');
  const serial = serialProblem(serialText);
  if (typeof serial === 'string') throw new UsageError(`--card-serial: ${serial.replace(/^card/, 'the serial')}`);
  return cardBinding(serial);
}

export async function issueCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['issuer-key', 'iss', 'iat', 'exp', 'nbf', 'cnf', 'card-serial', 'claims', 'decoys', 'sd-length', 'cti', 'alg', 'out']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const card = cardArgument(single(args, 'card-serial'), single(args, 'cnf'));
  const key = await readKeyFile(required(args, 'issuer-key'), 'issuer-key');
  const nbf = single(args, 'nbf');
  const cnf = single(args, 'cnf');
  const cti = single(args, 'cti');
  const claims = single(args, 'claims');
  const decoys = single(args, 'decoys');
  const sdLength = single(args, 'sd-length');
  const options: IssueTokenOptions = {
    issuerSecret: key.secretKey,
    iss: required(args, 'iss'),
    iat: timeArgument(required(args, 'iat'), 'iat'),
    exp: timeArgument(required(args, 'exp'), 'exp'),
    claims: claims === undefined ? {} : claimsFromJson(await jsonArgument(claims, 'claims')),
    alg: algArgument(single(args, 'alg')),
    ...(nbf === undefined ? {} : { nbf: timeArgument(nbf, 'nbf') }),
    ...(cnf === undefined ? {} : { cnf: hexBytes(cnf, 'cnf', 32) }),
    ...(card === undefined ? {} : { card }),
    ...(cti === undefined ? {} : { cti: hexBytes(cti, 'cti', 16) }),
    ...(decoys === undefined ? {} : { decoys: digestCountArgument(decoys, 'decoys') }),
    ...(sdLength === undefined ? {} : { sdLength: digestCountArgument(sdLength, 'sd-length') }),
  };
  let bundle;
  try {
    bundle = bundleJson(issueToken(options));
  } catch (e) {
    if (e instanceof TokenError || e instanceof KeyError || e instanceof CborEncodeError) throw new UsageError(e.message);
    throw e;
  } finally {
    wipe(key.secretKey);
  }
  const text = toPrettyJson(bundle) + '\n';
  const out = single(args, 'out');
  if (out === undefined) io.write(text);
  else await writeSecretFile(out, text);
  return 0;
}
