import type { CoreExports } from './coreExports.js';

/**
 * Places byte strings in the core's memory: in the fixed I/O area when they fit, otherwise in the
 * scratch region (which may grow memory, so views are re-taken on every call).
 */
export class CoreMemory {
  readonly io: number;
  readonly ioCapacity: number;

  constructor(private readonly core: CoreExports) {
    this.io = core.ioBuffer();
    this.ioCapacity = core.ioCapacity();
  }

  private view: Uint8Array | undefined;
  private dataView: DataView | undefined;

  /** A DataView of the whole memory, renewed like bytes(). */
  data(): DataView {
    const buffer = this.core.memory.buffer;
    if (this.dataView?.buffer !== buffer) this.dataView = new DataView(buffer);
    return this.dataView;
  }

  /** A view of the whole memory, made again only when memory has grown (the old buffer is detached). */
  bytes(): Uint8Array {
    const buffer = this.core.memory.buffer;
    if (this.view?.buffer !== buffer) this.view = new Uint8Array(buffer);
    return this.view;
  }

  /** Lays out parts one after another (8-byte aligned) and returns their addresses. */
  place(parts: readonly Uint8Array[]): number[] {
    let total = 0;
    for (const p of parts) total += (p.length + 7) & ~7;
    let base = this.io;
    if (total > this.ioCapacity) {
      base = this.core.scratch(total);
      if (base === 0) throw new RangeError(`the core cannot hold ${total} bytes`);
    }
    const mem = this.bytes();
    const addrs: number[] = [];
    let at = base;
    for (const p of parts) {
      mem.set(p, at);
      addrs.push(at);
      at += (p.length + 7) & ~7;
    }
    return addrs;
  }

  /**
   * Lays out parts in the scratch region (never the I/O area, which verifications use). A string part
   * is written as UTF-8 straight into memory; its written length is returned alongside its address.
   */
  placeScratch(parts: readonly (Uint8Array | string)[]): { at: number[]; length: number[] } {
    let total = 0;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    for (const p of parts) total += ((typeof p === 'string' ? 3 * p.length : p.length) + 15) & ~15;
    const base = this.core.scratch(total + 16);
    if (base === 0) throw new RangeError(`the core cannot hold ${total} bytes`);
    const mem = this.bytes();
    const at: number[] = [];
    const length: number[] = [];
    let next = (base + 15) & ~15;
    for (const p of parts) {
      at.push(next);
      if (typeof p === 'string') {
        const written = this.encoder.encodeInto(p, mem.subarray(next, next + 3 * p.length)).written;
        length.push(written);
        next += (3 * p.length + 15) & ~15;
      } else {
        mem.set(p, next);
        length.push(p.length);
        next += (p.length + 15) & ~15;
      }
    }
    return { at, length };
  }

  private readonly encoder = new TextEncoder();



  read(addr: number, length: number): Uint8Array {
    return this.bytes().slice(addr, addr + length);
  }

  /** Zeroises the I/O area: presentation bytes never outlive their verification. */
  clearIo(): void {
    this.bytes().fill(0, this.io, this.io + this.ioCapacity);
  }
}
