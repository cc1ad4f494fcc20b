/**
 * Reference: an input line of PG1 §9/§10.4. A line that begins with `{` is a JSON read; anything in it
 * that is not `{"presentation": TEXT, ? "card": HEX, ? "document": {"number": TEXT, ? "name": TEXT}}`
 * (wrong types, null, out of range) makes the line MALFORMED. Other members are ignored.
 *
 * Decision: a number or name is counted in code points of the decoded JSON string; a string with an
 * unpaired surrogate escape (\ud800) is not text and makes the line MALFORMED.
 */
export interface ReferenceRead {
  readonly presentation: string;
  readonly card?: Uint8Array;
  readonly document?: { readonly number: string; readonly name?: string };
}

/** An unpaired surrogate: a string holding one is not Unicode text. */
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function text(v: unknown): string | null {
  if (typeof v !== 'string' || UNPAIRED.test(v)) return null;
  const n = [...v].length;
  return n >= 1 && n <= 64 ? v : null;
}

/** The read of a line: a plain presentation, a JSON read, or 'MALFORMED'. */
export function readOfLine(line: string): ReferenceRead | 'MALFORMED' {
  if (!line.startsWith('{')) return { presentation: line };
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'MALFORMED';
  }
  const o = v as Record<string, unknown>;
  if (typeof o['presentation'] !== 'string') return 'MALFORMED';
  let card: Uint8Array | undefined;
  if ('card' in o) {
    const h = o['card'];
    if (typeof h !== 'string' || !/^(?:[0-9a-fA-F]{2}){1,64}$/.test(h)) return 'MALFORMED';
    card = Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));
  }
  let document: ReferenceRead['document'];
  if ('document' in o) {
    const d = o['document'];
    if (typeof d !== 'object' || d === null || Array.isArray(d)) return 'MALFORMED';
    const number = text((d as Record<string, unknown>)['number']);
    if (number === null) return 'MALFORMED';
    if ('name' in d) {
      const name = text((d as Record<string, unknown>)['name']);
      if (name === null) return 'MALFORMED';
      document = { number, name };
    } else document = { number };
  }
  return { presentation: o['presentation'], ...(card ? { card } : {}), ...(document ? { document } : {}) };
}
