import { fromHex } from '../encoding/hex.js';

/** A command-line usage error: the command exits with status 2 and prints the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Options as `--name value` pairs (repeatable) and flags; positional arguments kept in order. */
export interface ParsedArgs {
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
  /** Every option in the order given (for options whose relative order matters). */
  readonly sequence: readonly { readonly name: string; readonly value: string }[];
}

export function parseArgs(argv: readonly string[], known: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const options = new Map<string, string[]>();
  const positional: string[] = [];
  const sequence: { name: string; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name)) { options.set(name, ['true']); continue; }
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    let value: string;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`--${name} needs a value`);
      value = next;
    }
    const list = options.get(name) ?? [];
    list.push(value);
    options.set(name, list);
    sequence.push({ name, value });
  }
  return { options, positional, sequence };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} may be given once`);
  return v?.[0];
}

export function required(args: ParsedArgs, name: string): string {
  const v = single(args, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function all(args: ParsedArgs, name: string): readonly string[] {
  return args.options.get(name) ?? [];
}

export function unsignedInteger(text: string, name: string): bigint {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a non-negative integer, got "${text}"`);
  const v = BigInt(text);
  if (v >= 1n << 64n) throw new UsageError(`--${name} is out of range`);
  return v;
}

export function hexBytes(text: string, name: string, length?: number): Uint8Array {
  let b: Uint8Array;
  try {
    b = fromHex(text);
  } catch {
    throw new UsageError(`--${name} must be hex`);
  }
  if (length !== undefined && b.length !== length) throw new UsageError(`--${name} must be ${length} bytes`);
  return b;
}
