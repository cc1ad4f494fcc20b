import { toHex } from '../encoding/hex.js';
import { present, PresentationError, toQrText, wipe, type BindingInput } from '../issuer/index.js';
import { hexBytes, parseArgs, required, single, UsageError } from './args.js';
import { writeOutputFile } from './files.js';
import { readKeyFile } from './keyFile.js';
import type { OperatorIo } from './operatorIo.js';
import { timeOrNow } from './timeArgument.js';
import { readBundle } from './tokenBundle.js';
import { tokenCnfKey } from './tokenCnf.js';

export const PRESENT_USAGE = `passgate present --bundle FILE --reveal NAME[,NAME...] [--device-key FILE [--presented-at UNIX|now]
                 [--nonce HEX]] [--format qr|hex|raw] [--out FILE]
  Builds a presentation (PG1 §4) revealing only the named claims (§3 names or numbers; "" reveals
  none), bound to the device key when the token has cnf. Writes PG1: text (qr, the default), hex, or
  the raw bytes, to standard output or FILE.`;

type Format = 'qr' | 'hex' | 'raw';

function formatArgument(text: string | undefined): Format {
  if (text === undefined) return 'qr';
  if (text === 'qr' || text === 'hex' || text === 'raw') return text;
  throw new UsageError('--format must be qr, hex or raw');
}

async function bindingArguments(argv: ReturnType<typeof parseArgs>, cnf: Uint8Array | null): Promise<BindingInput | undefined> {
  const keyPath = single(argv, 'device-key');
  const presentedAt = single(argv, 'presented-at');
  const nonce = single(argv, 'nonce');
  if (keyPath === undefined) {
    if (presentedAt !== undefined || nonce !== undefined) throw new UsageError('--presented-at and --nonce need --device-key');
    return undefined;
  }
  // A binding on a token without cnf is MALFORMED (§4), and a binding by another key fails.
  if (cnf === null) throw new UsageError('the token has no cnf: it takes no holder binding (drop --device-key)');
  const device = await readKeyFile(keyPath, 'device-key');
  if (toHex(device.publicKey) !== toHex(cnf)) throw new UsageError("--device-key is not the token's cnf key");
  return {
    deviceSecret: device.secretKey,
    presentedAt: timeOrNow(presentedAt ?? 'now', 'presented-at'),
    nonce: nonce === undefined ? null : hexBytes(nonce, 'nonce'),
  };
}

export async function presentCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  const args = parseArgs(argv, ['bundle', 'reveal', 'device-key', 'presented-at', 'nonce', 'format', 'out']);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const format = formatArgument(single(args, 'format'));
  const bundle = await readBundle(required(args, 'bundle'));
  const revealText = required(args, 'reveal');
  const reveal = revealText === '' ? [] : revealText.split(',').map((r) => r.trim());
  const cnf = tokenCnfKey(bundle.token);
  const binding = await bindingArguments(args, cnf);
  if (cnf !== null && binding === undefined) {
    io.error('passgate: warning: the token is holder-bound; without --device-key verifiers answer HOLDER_BINDING_FAILED');
  }
  let bytes: Uint8Array;
  try {
    bytes = present({ token: bundle.token, disclosures: bundle.disclosures, reveal, ...(binding === undefined ? {} : { binding }) });
  } catch (e) {
    if (e instanceof PresentationError) throw new UsageError(e.message);
    throw e;
  } finally {
    if (binding !== undefined) wipe(binding.deviceSecret);
  }
  const out = single(args, 'out');
  const content = format === 'raw' ? bytes : (format === 'qr' ? toQrText(bytes) : toHex(bytes)) + '\n';
  if (out !== undefined) await writeOutputFile(out, content);
  else if (typeof content === 'string') io.write(content);
  else io.writeBytes(content);
  return 0;
}
