/**
 * Splits a byte stream into lines on "\n" exactly (a trailing "\r" is dropped, for CRLF input); a
 * final line without a newline counts, the empty remainder after a final newline does not.
 *
 * Linear in its input: each byte is scanned once, and a partial line is kept as the chunks it came in
 * (joined once, when its newline arrives). Lines are split as bytes and decoded whole, so a multibyte
 * UTF-8 character split across chunks decodes as one (0x0A never occurs inside one).
 */

/** PG1 §9 wants one answer per line; a line this long cannot be a presentation (4,096 bytes, §1). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A line of input: its text, or only its length when it is longer than the limit (never buffered whole). */
export type InputLine =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tooLong'; readonly bytes: number };

const LF = 0x0a;
const CR = 0x0d;

export async function* readLines(
  stream: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<InputLine> {
  for await (const group of readLineGroups(stream, maxLineBytes)) yield* group;
}

/**
 * readLines by the chunk they were completed in: every line a chunk of input ends, as soon as that
 * chunk has arrived (so that a reader at the end of a pipe can answer each before waiting for more).
 */
export async function* readLineGroups(
  stream: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<InputLine[]> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const encoder = new TextEncoder();
  /** The partial line so far, as the pieces it arrived in (empty while an overlong one is skipped). */
  let parts: Uint8Array[] = [];
  /** Bytes of the partial line so far, kept or skipped. */
  let length = 0;

  const finish = (last: Uint8Array): InputLine => {
    const total = length + last.length;
    if (total > maxLineBytes) return { kind: 'tooLong', bytes: total };
    let line = last;
    if (parts.length > 0) {
      line = new Uint8Array(total);
      let at = 0;
      for (const p of parts) { line.set(p, at); at += p.length; }
      line.set(last, at);
    }
    const end = line.length > 0 && line[line.length - 1] === CR ? line.length - 1 : line.length;
    return { kind: 'text', text: decoder.decode(line.subarray(0, end)) };
  };

  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    let start = 0;
    const group: InputLine[] = [];
    for (let nl = bytes.indexOf(LF); nl >= 0; nl = bytes.indexOf(LF, start)) {
      group.push(finish(bytes.subarray(start, nl)));
      parts = [];
      length = 0;
      start = nl + 1;
    }
    if (group.length > 0) yield group;
    const rest = bytes.subarray(start);
    length += rest.length;
    if (length > maxLineBytes) parts = []; // too long already: only its length is kept from now on
    else if (rest.length > 0) parts.push(rest.slice()); // the stream may reuse its chunk's memory
  }
  if (length > 0) yield [finish(new Uint8Array(0))];
}
