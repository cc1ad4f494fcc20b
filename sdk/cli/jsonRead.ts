/**
 * A read of PG1 §10.4: an input line of `passgate verify` that begins with `{` describes one read,
 * `{"presentation": TEXT, "card"?: HEX, "document"?: {"number": TEXT, "name"?: TEXT}}`. Other members,
 * at either level, are ignored; anything else (not JSON, a member of the wrong type, null included, or
 * out of range) is not a read, and the line is MALFORMED.
 */
import { documentProblem, serialProblem, type PresentationRead } from '../pg1/presentationRead.js';

/** A line of §10.4: the presentation's text and what was read with it. */
export interface JsonRead extends PresentationRead {
  readonly presentation: string;
}

/** Whether a line is a read of §10.4 rather than a presentation. */
export const isJsonRead = (line: string): boolean => line.startsWith('{');

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The read a line describes, or null when the line is MALFORMED. */
export function parseJsonRead(line: string): JsonRead | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(value) || typeof value['presentation'] !== 'string') return null;
  const read: { presentation: string; card?: string; document?: { number: string; name?: string } } = { presentation: value['presentation'] };
  if (has(value, 'card')) {
    const card = value['card'];
    // Hex in either case of 1 to 64 bytes (serialProblem also takes bytes: only text is a JSON card).
    if (typeof card !== 'string' || typeof serialProblem(card) === 'string') return null;
    read.card = card;
  }
  if (has(value, 'document')) {
    const document = value['document'];
    if (!isObject(document) || documentProblem(document) !== null) return null;
    read.document = {
      number: document['number'] as string,
      ...(has(document, 'name') ? { name: document['name'] as string } : {}),
    };
  }
  return read;
}
