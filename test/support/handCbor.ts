/**
 * Hand-made CBOR for negative tests: heads of any width, maps in any order with repeated keys,
 * indefinite lengths. The deterministic encoder refuses to produce these, by design.
 */
import { encode, RawCbor, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';

export function bytes(...parts: (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function fromHex(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
}

/** A head with an explicit width: 0 = in the initial byte, else 1, 2, 4 or 8 argument bytes. */
export function head(major: number, arg: number, width: 0 | 1 | 2 | 4 | 8 = 0): Uint8Array {
  if (width === 0) return Uint8Array.of((major << 5) | arg);
  const info = { 1: 24, 2: 25, 4: 26, 8: 27 }[width];
  const out = new Uint8Array(1 + width);
  out[0] = (major << 5) | info;
  let v = BigInt(arg);
  for (let i = width; i >= 1; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A map whose entries are written in the order given (repeats allowed). */
export function rawMap(entries: readonly (readonly [CborValue, CborValue])[]): RawCbor {
  return new RawCbor(bytes(head(5, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])));
}

/** `m` as a map whose entries keep insertion order instead of being sorted. */
export function unsortedMap(m: ReadonlyMap<CborValue, CborValue>): RawCbor {
  return rawMap([...m]);
}

export function raw(hex: string): RawCbor {
  return new RawCbor(fromHex(hex));
}
