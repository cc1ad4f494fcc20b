/**
 * verifyBatch's inputs: a presentation alone, or with what was read with it (PG1 §10: the card's serial,
 * the holder's identity document). Each is checked and turned into what the batch path and the pool
 * carry: the presentation, and the core's read record when anything was read with it.
 */
import { PassgateError } from '../errors.js';
import { readRecord, type PresentationRead } from '../pg1/presentationRead.js';

/** One presentation of a batch with what the reader read with it (PG1 §10). */
export interface BatchItem extends PresentationRead {
  /** The presentation, as verify() takes it. */
  readonly presentation: string | Uint8Array;
}

/** What verifyBatch takes per presentation: the presentation alone, or a {@link BatchItem}. */
export type BatchEntry = string | Uint8Array | BatchItem;

/** A presentation with the core's read record (sdk/pg1/presentationRead.ts). */
export interface ReadInput {
  readonly input: string | Uint8Array;
  readonly read: Uint8Array;
}

/** What the batch path and the worker pool carry per presentation. */
export type PoolInput = string | Uint8Array | ReadInput;

const described = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x);

const isPresentation = (x: unknown): x is string | Uint8Array => typeof x === 'string' || x instanceof Uint8Array;

/**
 * The entries as the batch path takes them.
 *
 * @throws {@link PassgateError} `BAD_ARGUMENT` for an entry that is not a presentation or a BatchItem, or
 *   a card or document out of range (the message says which entry).
 */
export function poolInputsOf(entries: readonly BatchEntry[]): PoolInput[] {
  if (!Array.isArray(entries)) {
    throw new PassgateError('BAD_ARGUMENT', `verifyBatch takes an array of presentations, not ${described(entries)}`);
  }
  // Item by item into a copy of our own: an array with a huge length fails at its first hole and sizes
  // nothing, and later changes to the caller's array change nothing.
  const copy: PoolInput[] = [];
  const n = entries.length;
  for (let i = 0; i < n; i++) {
    const e: unknown = entries[i];
    if (isPresentation(e)) {
      copy.push(e);
      continue;
    }
    if (typeof e !== 'object' || e === null || !isPresentation((e as { presentation?: unknown }).presentation)) {
      throw new PassgateError('BAD_ARGUMENT', `inputs[${i}] is ${described(e)}: a presentation is a string or a Uint8Array, or { presentation, card?, document? }`);
    }
    const item = e as BatchItem;
    let read: Uint8Array | undefined;
    try {
      read = readRecord(item);
    } catch (err) {
      if (err instanceof PassgateError) throw new PassgateError('BAD_ARGUMENT', `inputs[${i}]: ${err.message}`);
      throw err;
    }
    copy.push(read ? { input: item.presentation, read } : item.presentation);
  }
  return copy;
}

/** The presentation of a pool input. */
export const presentationOf = (x: PoolInput): string | Uint8Array => (typeof x === 'string' || x instanceof Uint8Array ? x : x.input);

/**
 * verifyBatch takes `card` and `document` per item, never for the whole batch (one card or document
 * read with many presentations is a caller's mistake).
 *
 * @throws {@link PassgateError} `BAD_ARGUMENT` when the batch's options carry them.
 */
export function batchOptionsChecked(options: PresentationRead): void {
  if (options.card !== undefined || options.document !== undefined) {
    throw new PassgateError('BAD_ARGUMENT', 'verifyBatch takes card and document per item: { presentation, card?, document? }');
  }
}
