/**
 * What a request body holds: `PG1:` text or hex (text/plain, or no type), the raw bytes of one
 * presentation (application/octet-stream, as NFC and BLE readers carry them), or a read of PG1 §10.4
 * (application/json: `{"presentation", "card"?, "document"?}`; JSON lines on /verify-batch). As on the
 * command line, a text line that begins with `{` is a read too. A read that is not one (not JSON, a
 * member null, of the wrong type or out of range) is answered MALFORMED, like any bad presentation.
 * Text is UTF-8; only a final line ending is dropped (base45 has a space in its alphabet, so spaces
 * are kept).
 */
import { HttpError } from './httpError.js';
import { isJsonRead, parseJsonRead } from '../cli/jsonRead.js';
import type { BatchEntry } from '../worker/batchEntries.js';

/** One presentation, alone or with what was read with it. */
export type PresentationInput = BatchEntry;

const utf8 = new TextDecoder('utf-8');

export type BodyKind = 'text' | 'bytes' | 'json';

/** The kind of body a Content-Type announces; 415 for any other type. */
export function bodyKind(contentType: string | undefined): BodyKind {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'text/plain') return 'text';
  if (type === 'application/octet-stream') return 'bytes';
  if (type === 'application/json') return 'json';
  throw new HttpError(415, `Content-Type ${type} is not accepted: send text/plain (PG1: text or hex), application/octet-stream (raw bytes) or application/json (a read of PG1 §10.4)`);
}

/** A line without its carriage return (CRLF line ends). */
export const dropLineEnd = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** A read of §10.4 as verifyBatch takes it; a read that is not one becomes the empty line (MALFORMED). */
function readEntry(text: string): PresentationInput {
  const read = parseJsonRead(text);
  if (read === null) return '';
  const { presentation, ...withIt } = read;
  return Object.keys(withIt).length === 0 ? presentation : { presentation, ...withIt };
}

/** A text line: a read when it begins with `{` (§9), else a presentation. */
export const lineEntry = (line: string): PresentationInput => (isJsonRead(line) ? readEntry(line) : line);

/** One line of a /verify-batch body: a read in a JSON body, else as lineEntry. */
export const batchEntry = (line: string, kind: BodyKind): PresentationInput => (kind === 'json' ? readEntry(line) : lineEntry(line));

/** One presentation from a /verify body. */
export function singleInput(body: Uint8Array, kind: BodyKind): PresentationInput {
  if (kind === 'bytes') return body;
  const text = utf8.decode(body);
  const line = dropLineEnd(text.endsWith('\n') ? text.slice(0, -1) : text);
  return batchEntry(line, kind);
}

/**
 * A blank line (empty or white space only) from a scanner that sends an extra Enter: noise, skipped by
 * /verify-batch and by the line relay alike (one rule for both; `passgate verify` keeps PG1 §9, where
 * an empty line is MALFORMED).
 */
export const isBlankLine = (line: string): boolean => line.trim() === '';

/** The presentation of an entry and the options that carry what was read with it (for verify()). */
export function verifyArguments(input: PresentationInput): { presentation: string | Uint8Array; read: { card?: string | Uint8Array; document?: { number: string; name?: string } } } {
  if (typeof input === 'string' || input instanceof Uint8Array) return { presentation: input, read: {} };
  const { presentation, ...read } = input;
  return { presentation, read };
}
