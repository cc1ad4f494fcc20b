/**
 * `--stdin` / `--input FILE`: presentations a line at a time, from standard input or a device file (a
 * keyboard-wedge or serial QR scanner types the text and Enter), each answered at once with its JSON
 * decision on a line of its own, for a relay script that opens the door. Blank lines (a scanner's
 * extra Enter) are skipped.
 */
import { readLines } from '../cli/lines.js';
import { toJson } from '../cli/json.js';
import type { Verification } from '../verifier.js';

export async function relayLines(
  source: AsyncIterable<Uint8Array | string>,
  verify: (line: string) => Promise<Verification> | Verification,
  write: (text: string) => void,
): Promise<void> {
  for await (const line of readLines(source)) {
    if (line.trim() === '') continue;
    let out: string;
    try {
      out = toJson(await verify(line));
    } catch (e) {
      // No trust list yet, or the verifier closed: said on the line, in order, never a crash.
      out = toJson({ error: e instanceof Error ? e.message : String(e) });
    }
    write(out + '\n');
  }
}
