/**
 * What `passgate inspect` was given: `PG1:` text, hex text (either case), or raw CBOR. Text may hold
 * several lines (a verify input file); each non-empty line is one artefact.
 */
import { decodeBase45 } from '../encoding/base45.js';
import { fromHex } from '../encoding/hex.js';

export type Transport = 'PG1:' | 'hex' | 'raw';

export interface InspectInput {
  readonly transport: Transport;
  /** The artefact's bytes, or why the text does not decode. */
  readonly bytes: Uint8Array | { readonly error: string };
}

function decodeLine(line: string): InspectInput {
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
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length > 0 && lines.every((l) => l.startsWith('PG1:') || /^[0-9a-fA-F]+$/.test(l))) return lines.map(decodeLine);
  }
  return [{ transport: 'raw', bytes: data }];
}
