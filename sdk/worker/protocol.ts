/** Messages between a verifier and its pool's workers. Inputs travel packed in one transferred buffer. */

export interface WorkerInit {
  readonly type: 'init';
  readonly generation: number;
  readonly roots: readonly Uint8Array[];
  readonly skew: number;
  readonly trustLists: readonly Uint8Array[];
  readonly revocationLists: readonly Uint8Array[];
}

export interface WorkerVerify {
  readonly type: 'verify';
  readonly id: number;
  readonly generation: number;
  /** Inputs packed by packInputs: transferred, not copied. */
  readonly packed: ArrayBuffer;
  readonly options: { now: number; venue?: string; nonce?: Uint8Array; skew?: number };
}

/** Destroys the worker's verifier (its core's memory is zeroised) before the worker is terminated. */
export interface WorkerDestroy {
  readonly type: 'destroy';
  readonly id: number;
}

export type WorkerRequest = WorkerInit | WorkerVerify | WorkerDestroy;

export type WorkerReply =
  | { readonly type: 'results'; readonly id: number; readonly packed: ArrayBuffer }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  | { readonly type: 'ready'; readonly generation: number }
  | { readonly type: 'destroyed'; readonly id: number };

/** [count u32][per input: kind u8 (0 bytes, 1 text) | length u32 | bytes]. */
export function packInputs(inputs: readonly (string | Uint8Array)[]): ArrayBuffer {
  const encoder = new TextEncoder();
  const parts = inputs.map((x) => (typeof x === 'string' ? { text: true, bytes: encoder.encode(x) } : { text: false, bytes: x }));
  const size = 4 + parts.reduce((n, p) => n + 5 + p.bytes.length, 0);
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const out = new Uint8Array(buffer);
  view.setUint32(0, parts.length, true);
  let at = 4;
  for (const p of parts) {
    view.setUint8(at, p.text ? 1 : 0);
    view.setUint32(at + 1, p.bytes.length, true);
    out.set(p.bytes, at + 5);
    if (p.text) p.bytes.fill(0);
    at += 5 + p.bytes.length;
  }
  return buffer;
}

/** The packed inputs as views into the buffer: text stays as its UTF-8 bytes. */
export function unpackInputs(buffer: ArrayBuffer): { bytes: Uint8Array; isText: boolean }[] {
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  const n = view.getUint32(0, true);
  const inputs: { bytes: Uint8Array; isText: boolean }[] = [];
  let at = 4;
  for (let i = 0; i < n; i++) {
    const len = view.getUint32(at + 1, true);
    inputs.push({ bytes: bytes.subarray(at + 5, at + 5 + len), isText: view.getUint8(at) === 1 });
    at += 5 + len;
  }
  return inputs;
}
