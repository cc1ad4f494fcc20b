/**
 * `--stdin` / `--input FILE`: presentations a line at a time, from standard input or a device file (a
 * keyboard-wedge or serial QR scanner types the text and Enter), each answered at once with its JSON
 * decision on a line of its own, for a relay script that opens the door. Blank lines (a scanner's
 * extra Enter) are skipped; a line that begins with `{` is a read of PG1 §10.4 (card and document).
 */
import { MAX_LINE_BYTES, readLines } from '../cli/lines.js';
import { toJson } from '../cli/json.js';
import type { Verification } from '../verifier/verifier.js';
import { isBlankLine, lineEntry, type PresentationInput } from './presentationInput.js';

export async function relayLines(
  source: AsyncIterable<Uint8Array | string>,
  verify: (input: PresentationInput) => Promise<Verification> | Verification,
  write: (text: string) => void,
): Promise<void> {
  let oversized: Uint8Array | undefined;
  for await (const line of readLines(source)) {
    if (line.kind === 'text' && isBlankLine(line.text)) continue;
    // A line too long to be a presentation is not held whole: it is answered as oversized input.
    // A line that begins with `{` is a read of PG1 §10.4 (a card reader's pipe), as in passgate verify.
    const input = line.kind === 'text' ? lineEntry(line.text) : (oversized ??= new Uint8Array(MAX_LINE_BYTES + 1));
    let out: string;
    try {
      out = toJson(await verify(input));
    } catch (e) {
      // No trust list yet, or the verifier closed: said on the line, in order, never a crash.
      out = toJson({ error: e instanceof Error ? e.message : String(e) });
    }
    write(out + '\n');
  }
}
