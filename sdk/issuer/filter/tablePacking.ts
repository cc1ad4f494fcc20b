/**
 * A stage's table as §7.3 stores it: entry i is the `width` bits starting at bit i * width, least
 * significant first, bit j in bit (j mod 8) of byte floor(j / 8); the bits past the last entry are 0.
 */
export function packEntries(entries: Uint32Array, width: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((entries.length * width) / 8));
  if (width === 1) {
    for (let i = 0; i < entries.length; i++) if (entries[i]! & 1) out[i >>> 3]! |= 1 << (i & 7);
    return out;
  }
  // Bits waiting to be written, below 2^(width + 7) <= 2^39: exact in a double, so no 32-bit operators on it.
  let pending = 0;
  let pendingBits = 0;
  let o = 0;
  for (let i = 0; i < entries.length; i++) {
    pending += entries[i]! * 2 ** pendingBits;
    pendingBits += width;
    while (pendingBits >= 8) {
      out[o++] = pending % 256;
      pending = Math.floor(pending / 256);
      pendingBits -= 8;
    }
  }
  if (pendingBits > 0) out[o] = pending;
  return out;
}
