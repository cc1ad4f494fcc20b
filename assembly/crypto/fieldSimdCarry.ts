// The carries of two-way SIMD products (fieldSimd.ts): 64-bit limb sums back to 26/25-bit limbs in both
// lanes, exactly as field.ts's carryStore does it. Its own file so that the generated products
// (fieldSimdProducts.ts) and the pair layer (fieldSimd.ts) both import it without a cycle.

/** 19 x in both 64-bit lanes (shifts and adds: i64x2.mul has no single x64 instruction). */
// @ts-ignore: decorator
@inline export function times19(x: v128): v128 {
  return i64x2.add(i64x2.add(i64x2.shl(x, 4), i64x2.shl(x, 1)), x);
}

/**
 * The carry of limb x rounded to a centred limb of `bits` bits, in both lanes: (x + 2^(bits-1)) >> bits,
 * an arithmetic shift. x64 has no 64-bit arithmetic vector shift before AVX-512 (V8 emulates one in
 * six instructions), so the shift is a logical one of x + 2^(bits-1) + 2^63 (an unsigned number: the
 * bias flips the sign bit), minus 2^63 >> bits: the same value whenever x + 2^(bits-1) fits in 64 bits,
 * which field.ts's bounds guarantee.
 */
// @ts-ignore: decorator
@inline function carryOf(x: v128, bits: i32): v128 {
  const biased = i64x2.add(x, i64x2.splat((<i64>1 << (bits - 1)) | (<i64>1 << 63)));
  return i64x2.sub(i64x2.shr_u(biased, bits), i64x2.splat(<i64>(<u64>1 << 63 >> bits)));
}

/**
 * Carries two products' 64-bit limb sums into 26/25-bit limbs and stores the pair at h: field.ts's
 * carryStore in both lanes, in the same order (so the limbs are the same).
 */
// @ts-ignore: decorator
@inline export function carryStore2(
  h: usize, h0: v128, h1: v128, h2: v128, h3: v128, h4: v128, h5: v128, h6: v128, h7: v128, h8: v128, h9: v128,
): void {
  let c: v128;
  c = carryOf(h0, 26); h1 = i64x2.add(h1, c); h0 = i64x2.sub(h0, i64x2.shl(c, 26));
  c = carryOf(h4, 26); h5 = i64x2.add(h5, c); h4 = i64x2.sub(h4, i64x2.shl(c, 26));
  c = carryOf(h1, 25); h2 = i64x2.add(h2, c); h1 = i64x2.sub(h1, i64x2.shl(c, 25));
  c = carryOf(h5, 25); h6 = i64x2.add(h6, c); h5 = i64x2.sub(h5, i64x2.shl(c, 25));
  c = carryOf(h2, 26); h3 = i64x2.add(h3, c); h2 = i64x2.sub(h2, i64x2.shl(c, 26));
  c = carryOf(h6, 26); h7 = i64x2.add(h7, c); h6 = i64x2.sub(h6, i64x2.shl(c, 26));
  c = carryOf(h3, 25); h4 = i64x2.add(h4, c); h3 = i64x2.sub(h3, i64x2.shl(c, 25));
  c = carryOf(h7, 25); h8 = i64x2.add(h8, c); h7 = i64x2.sub(h7, i64x2.shl(c, 25));
  c = carryOf(h4, 26); h5 = i64x2.add(h5, c); h4 = i64x2.sub(h4, i64x2.shl(c, 26));
  c = carryOf(h8, 26); h9 = i64x2.add(h9, c); h8 = i64x2.sub(h8, i64x2.shl(c, 26));
  c = carryOf(h9, 25); h0 = i64x2.add(h0, times19(c)); h9 = i64x2.sub(h9, i64x2.shl(c, 25));
  c = carryOf(h0, 26); h1 = i64x2.add(h1, c); h0 = i64x2.sub(h0, i64x2.shl(c, 26));
  // The low 32 bits of each 64-bit lane, limbs 2k and 2k + 1 side by side.
  v128.store(h, v128.shuffle<i32>(h0, h1, 0, 2, 4, 6));
  v128.store(h, v128.shuffle<i32>(h2, h3, 0, 2, 4, 6), 16);
  v128.store(h, v128.shuffle<i32>(h4, h5, 0, 2, 4, 6), 32);
  v128.store(h, v128.shuffle<i32>(h6, h7, 0, 2, 4, 6), 48);
  v128.store(h, v128.shuffle<i32>(h8, h9, 0, 2, 4, 6), 64);
}
