/**
 * A pool worker's results travel back as one transferred buffer of the core's raw outputs, not as
 * objects: copying objects between threads costs the calling thread more than decoding the claims.
 * Layout per presentation: code u8 | issuer index i32 | count u16 | per disclosure:
 * key (u8 1 = u64 follows, else u32 follows) | length u32 | value bytes.
 */
import type { CoreOutputs } from './verifierCore.js';
import type { DisclosedValue } from '../pg1/claimValues.js';

export class ResultPacker {
  private buffer = new ArrayBuffer(1 << 16);
  private bytes = new Uint8Array(this.buffer);
  private view = new DataView(this.buffer);
  private at = 0;
  count = 0;

  private reserve(n: number): void {
    if (this.at + n <= this.buffer.byteLength) return;
    let size = this.buffer.byteLength * 2;
    while (size < this.at + n) size *= 2;
    const next = new ArrayBuffer(size);
    new Uint8Array(next).set(this.bytes.subarray(0, this.at));
    this.bytes.fill(0, 0, this.at);
    this.buffer = next;
    this.bytes = new Uint8Array(next);
    this.view = new DataView(next);
  }

  add(out: CoreOutputs): void {
    this.reserve(7);
    this.view.setUint8(this.at, out.code);
    this.view.setInt32(this.at + 1, out.issuerIndex, true);
    this.view.setUint16(this.at + 5, out.disclosures.length, true);
    this.at += 7;
    for (const d of out.disclosures) {
      this.reserve(13 + d.value.length);
      if (typeof d.key === 'bigint') {
        this.view.setUint8(this.at, 1);
        this.view.setBigUint64(this.at + 1, d.key, true);
        this.at += 9;
      } else {
        this.view.setUint8(this.at, 0);
        this.view.setUint32(this.at + 1, d.key, true);
        this.at += 5;
      }
      this.view.setUint32(this.at, d.value.length, true);
      this.bytes.set(d.value, this.at + 4);
      this.at += 4 + d.value.length;
    }
    this.count++;
  }

  /** The packed results (a buffer to transfer). */
  finish(): ArrayBuffer {
    return this.buffer.slice(0, this.at);
  }

  /** Zeroises the working buffer (it held disclosed values). */
  wipe(): void {
    this.bytes.fill(0, 0, this.at);
  }
}

/** The results of a packed buffer, as the core's outputs with views into the buffer. */
export function unpackResults(buffer: ArrayBuffer): CoreOutputs[] {
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  const out: CoreOutputs[] = [];
  let at = 0;
  while (at < buffer.byteLength) {
    const code = view.getUint8(at);
    const issuerIndex = view.getInt32(at + 1, true);
    const n = view.getUint16(at + 5, true);
    at += 7;
    const disclosures: DisclosedValue[] = [];
    for (let i = 0; i < n; i++) {
      let key: number | bigint;
      if (view.getUint8(at) === 1) { key = view.getBigUint64(at + 1, true); at += 9; }
      else { key = view.getUint32(at + 1, true); at += 5; }
      const len = view.getUint32(at, true);
      disclosures.push({ key, value: bytes.subarray(at + 4, at + 4 + len) });
      at += 4 + len;
    }
    out.push({ code, issuerIndex, disclosures });
  }
  return out;
}
