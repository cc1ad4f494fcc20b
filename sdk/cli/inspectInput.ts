/**
 * What `passgate inspect` was given: `PG1:` text, hex text (either case), raw CBOR, or the JSON token
 * bundle of `passgate issue`. Text may hold several lines (a verify input file); each non-empty line
 * is one artefact.
 */
import { decodeBase45 } from '../encoding/base45.js';
import { fromHex } from '../encoding/hex.js';

export type Transport = 'PG1:' | 'hex' | 'raw';

export interface EncodedInput {
  readonly transport: Transport;
  /** The artefact's bytes, or why the text does not decode. */
  readonly bytes: Uint8Array | { readonly error: string };
}

/** A token bundle: the token and all its disclosures, as the holder keeps them. */
export interface BundleInput {
  readonly transport: 'bundle';
  readonly token: Uint8Array;
  readonly disclosures: readonly Uint8Array[];
}

export type InspectInput = EncodedInput | BundleInput;

const HEX = /^([0-9a-fA-F]{2})*$/;

function bundle(text: string): BundleInput | null {
  let o: unknown;
  try {
    o = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null) return null;
  const { token, disclosures } = o as { token?: unknown; disclosures?: unknown };
  if (typeof token !== 'string' || !HEX.test(token) || !Array.isArray(disclosures)) return null;
  if (!disclosures.every((d): d is string => typeof d === 'string' && HEX.test(d))) return null;
  return { transport: 'bundle', token: fromHex(token), disclosures: disclosures.map((d) => fromHex(d)) };
}

function decodeLine(line: string): EncodedInput {
  try {
    if (line.startsWith('PG1:')) return { transport: 'PG1:', bytes: decodeBase45(line.slice(4)) };
    return { transport: 'hex', bytes: fromHex(line) };
  } catch (e) {
    return { transport: line.startsWith('PG1:') ? 'PG1:' : 'hex', bytes: { error: e instanceof Error ? e.message : String(e) } };
  }
}

/** Text lines that are all PG1: or hex are read as text; anything else is raw bytes. */
export function inspectInputs(data: Uint8Array): InspectInput[] {
  let text: string | null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = null;
  }
  if (text !== null) {
    const b = bundle(text);
    if (b !== null) return [b];
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length > 0 && lines.every((l) => l.startsWith('PG1:') || /^[0-9a-fA-F]+$/.test(l))) return lines.map(decodeLine);
  }
  return [{ transport: 'raw', bytes: data }];
}
