/** Messages between a verifier and its pool's workers. Inputs travel packed in one transferred buffer. */
import type { StateSnapshot } from '../state/stateSnapshot.js';
import type { BatchInput } from '../core/verifierCore.js';
import { presentationOf, type PoolInput } from './batchEntries.js';

/**
 * The lists in force, for a worker to restore its own verifier from. The pool treats the content as
 * opaque: it keeps the last one to initialise the workers it spawns later.
 */
export interface WorkerInit {
  readonly type: 'init';
  readonly generation: number;
  /**
   * The core, compiled once by the page (or Node's main thread): a worker instantiates it and never
   * carries the core's binary itself.
   */
  readonly module: WebAssembly.Module;
  /** The provisioned roots and verification settings of the main verifier. */
  readonly roots: readonly Uint8Array[];
  readonly skew: number;
  readonly staleGrace: number;
  /** The state in force, verified again by the worker before use. */
  readonly snapshot: StateSnapshot;
}

export interface WorkerVerify {
  readonly type: 'verify';
  readonly id: number;
  readonly generation: number;
  /** Inputs packed by packInputs: transferred, not copied. */
  readonly packed: ArrayBuffer;
  readonly options: VerifyChunkOptions;
}

/** The options of one verifyBatch, as its chunks carry them. */
export interface VerifyChunkOptions {
  readonly now: number;
  readonly venue?: string;
  readonly nonce?: Uint8Array;
  readonly skew?: number;
}

/** Destroys the worker's verifier (its core's memory is zeroised) before the worker is terminated. */
export interface WorkerDestroy {
  readonly type: 'destroy';
  readonly id: number;
}

/**
 * A message from a verifier to its pool's worker: the lists in force (`init`), a chunk to verify
 * (`verify`) or the end (`destroy`). A {@link PoolWorker} passes it on as it is, with its transfer list;
 * the content is the SDK's own and may change between versions.
 *
 * @internal
 */
export type WorkerRequest = WorkerInit | WorkerVerify | WorkerDestroy;

/**
 * A worker's answer to a {@link WorkerRequest}, which a {@link PoolWorker} hands to its onReply listener as it is.
 *
 * @internal
 */
export type WorkerReply =
  | {
    /** A chunk's results. */
    readonly type: 'results';
    /** The chunk's request id. */
    readonly id: number;
    /** The results, packed. */
    readonly packed: ArrayBuffer;
  }
  | {
    /** The chunk could not be verified there: the pool redoes it on the calling thread. */
    readonly type: 'error';
    /** The chunk's request id. */
    readonly id: number;
    /** Why. */
    readonly message: string;
  }
  | {
    /** The worker holds the lists of this generation and takes chunks. */
    readonly type: 'ready';
    /** Which update of the lists. */
    readonly generation: number;
  }
  | {
    /** The worker could not restore the lists of this generation: it holds none and takes no chunk until the next init. */
    readonly type: 'initFailed';
    /** Which update of the lists. */
    readonly generation: number;
    /** Why. */
    readonly message: string;
  }
  | {
    /** The worker zeroised its core and may be terminated. */
    readonly type: 'destroyed';
    /** The destroy request's id. */
    readonly id: number;
  };

/**
 * [count u32][per input: kind u8 (bit 0 text, bit 1 a read record follows) | length u32 | bytes
 * | (read length u32 | read record)].
 */
export function packInputs(inputs: readonly PoolInput[]): ArrayBuffer {
  // Text is encoded straight into the buffer; a UTF-16 code unit takes at most 3 bytes of UTF-8.
  const encoder = new TextEncoder();
  let size = 4;
  for (const item of inputs) {
    const x = presentationOf(item);
    size += 5 + (typeof x === 'string' ? 3 * x.length : x.length) + (typeof item === 'object' && 'read' in item ? 4 + item.read.length : 0);
  }
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const out = new Uint8Array(buffer);
  view.setUint32(0, inputs.length, true);
  let at = 4;
  for (const item of inputs) {
    const x = presentationOf(item);
    const read = typeof item === 'object' && 'read' in item ? item.read : undefined;
    let length: number;
    if (typeof x === 'string') {
      length = encoder.encodeInto(x, out.subarray(at + 5, at + 5 + 3 * x.length)).written;
    } else {
      out.set(x, at + 5);
      length = x.length;
    }
    view.setUint8(at, (typeof x === 'string' ? 1 : 0) | (read ? 2 : 0));
    view.setUint32(at + 1, length, true);
    at += 5 + length;
    if (read) {
      view.setUint32(at, read.length, true);
      out.set(read, at + 4);
      at += 4 + read.length;
    }
  }
  return buffer;
}

/** The packed inputs as views into the buffer: text stays as its UTF-8 bytes. */
export function unpackInputs(buffer: ArrayBuffer): BatchInput[] {
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  const n = view.getUint32(0, true);
  const inputs: BatchInput[] = [];
  let at = 4;
  for (let i = 0; i < n; i++) {
    const kind = view.getUint8(at);
    const len = view.getUint32(at + 1, true);
    const input = { bytes: bytes.subarray(at + 5, at + 5 + len), isText: (kind & 1) === 1 };
    at += 5 + len;
    if (kind & 2) {
      const readLen = view.getUint32(at, true);
      inputs.push({ ...input, read: bytes.subarray(at + 4, at + 4 + readLen) });
      at += 4 + readLen;
    } else inputs.push(input);
  }
  return inputs;
}
