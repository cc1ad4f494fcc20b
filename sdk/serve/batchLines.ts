/**
 * A /verify-batch body split into lines as it streams in (UTF-8 decoded across chunk boundaries): the
 * body itself is never held whole, and a batch with more lines than the cap is refused (413) as soon as
 * the line past the cap arrives, not after 16 MiB of empty lines have become 16 million strings.
 */
import { HttpError } from './httpError.js';
import { dropLineEnd, isBlankLine } from './presentationInput.js';

export class BatchLines {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly lines: string[] = [];
  private rest = '';

  constructor(private readonly maxLines: number) {}

  /** Takes the next chunk of the body; throws HttpError 413 past the cap. */
  push(chunk: Uint8Array): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.add(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** The lines, once the body has ended (the empty remainder after a final newline is not a line). */
  end(): string[] {
    const last = this.rest + this.decoder.decode();
    if (last !== '') this.add(last);
    this.rest = '';
    return this.lines;
  }

  private received = 0;

  /** Every line counts against the cap; a blank one (a scanner's extra Enter) is then skipped, as on --stdin. */
  private add(line: string): void {
    if (this.received === this.maxLines) {
      throw new HttpError(413, `a batch holds at most ${this.maxLines} lines: split it`, { Connection: 'close' });
    }
    this.received++;
    const text = dropLineEnd(line);
    if (!isBlankLine(text)) this.lines.push(text);
  }
}
