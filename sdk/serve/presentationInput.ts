/**
 * What a request body holds: `PG1:` text or hex (text/plain, or no type), or the raw bytes of one
 * presentation (application/octet-stream, as NFC and BLE readers carry them). Text is UTF-8; only a
 * final line ending is dropped (base45 has a space in its alphabet, so spaces are kept).
 */
import { HttpError } from './httpError.js';

export type PresentationInput = string | Uint8Array;

const utf8 = new TextDecoder('utf-8');

export type BodyKind = 'text' | 'bytes';

/** The kind of body a Content-Type announces; 415 for any other type. */
export function bodyKind(contentType: string | undefined): BodyKind {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'text/plain') return 'text';
  if (type === 'application/octet-stream') return 'bytes';
  throw new HttpError(415, `Content-Type ${type} is not accepted: send text/plain (PG1: text or hex) or application/octet-stream (raw bytes)`);
}

/** A line without its carriage return (CRLF line ends). */
export const dropLineEnd = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** One presentation from a /verify body. */
export function singleInput(body: Uint8Array, kind: BodyKind): PresentationInput {
  if (kind === 'bytes') return body;
  const text = utf8.decode(body);
  return dropLineEnd(text.endsWith('\n') ? text.slice(0, -1) : text);
}

/**
 * A blank line (empty or white space only) from a scanner that sends an extra Enter: noise, skipped by
 * /verify-batch and by the line relay alike (one rule for both; `passgate verify` keeps PG1 §9, where
 * an empty line is MALFORMED).
 */
export const isBlankLine = (line: string): boolean => line.trim() === '';

