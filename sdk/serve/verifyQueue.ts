/**
 * Coalesces the presentations of concurrent requests into batches: what arrives in the same turn of
 * the event loop is verified together by verifyBatch (one batch equation per 64 signatures, and the
 * worker pool for large ones), which gives every presentation exactly the result verify() would.
 * Requests with different options (venue, nonce) go in different batches.
 */
import type { Verification, Verifier, VerifyOptions } from '../verifier/verifier.js';
import { verifyArguments, type PresentationInput } from './presentationInput.js';

interface Waiting {
  readonly input: PresentationInput;
  resolve(v: Verification): void;
  reject(e: unknown): void;
}

interface Group {
  readonly options: VerifyOptions;
  readonly waiting: Waiting[];
}

/** A batch large enough to use the pool and the batch equation fully, small enough to answer soon. */
const MAX_GROUP = 1024;

/** verify() of one entry, with what was read with it. */
function single(verifier: Verifier, input: PresentationInput, options: VerifyOptions): Verification {
  const { presentation, read } = verifyArguments(input);
  return verifier.verify(presentation, { ...options, ...read });
}

export class VerifyQueue {
  private groups = new Map<string, Group>();
  private scheduled = false;

  constructor(private readonly verifier: Verifier) {}

  /** The result of one presentation, verified with the others that arrive in this turn. */
  verify(input: PresentationInput, options: VerifyOptions): Promise<Verification> {
    const key = `${options.venue ?? ''}\u0000${options.nonce ? Buffer.from(options.nonce).toString('hex') : '-'}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { options, waiting: [] }));
    return new Promise<Verification>((resolve, reject) => {
      group.waiting.push({ input, resolve, reject });
      if (group.waiting.length >= MAX_GROUP) {
        this.groups.delete(key);
        void this.run(group);
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups = new Map();
    for (const g of groups) void this.run(g);
  }

  /** A group of one goes to verify(), which costs less than a batch of one. */
  private async run(group: Group): Promise<void> {
    const { waiting, options } = group;
    try {
      const results = waiting.length === 1
        ? [single(this.verifier, waiting[0]!.input, options)]
        : await this.verifier.verifyBatch(waiting.map((w) => w.input), options);
      waiting.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      for (const w of waiting) w.reject(e);
    }
  }
}
