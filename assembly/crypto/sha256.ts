// SHA-256 (FIPS 180-4 §6.2) over linear memory. A context is 112 bytes at a caller-given address:
// H[8] u32 | block[64] | blockLen u32 | (pad) | total bytes u64. No allocation.

const K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
], 4);

const IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
], 4);

export const SHA256_CONTEXT_SIZE: usize = 112;
const BLOCK: usize = 32;       // offset of the 64-byte block buffer
const BLOCK_LEN: usize = 96;   // u32 bytes buffered
const TOTAL: usize = 104;      // u64 bytes hashed so far
const W: usize = memory.data(256, 8);

// @ts-ignore: decorator
@inline function Sigma0(x: u32): u32 { return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22); }
// @ts-ignore: decorator
@inline function Sigma1(x: u32): u32 { return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25); }
// @ts-ignore: decorator
@inline function sigma0(x: u32): u32 { return rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >> 3); }
// @ts-ignore: decorator
@inline function sigma1(x: u32): u32 { return rotr<u32>(x, 17) ^ rotr<u32>(x, 19) ^ (x >> 10); }

function compress(ctx: usize, p: usize): void {
  for (let i: usize = 0; i < 16; i++) store<u32>(W + (i << 2), bswap<u32>(load<u32>(p + (i << 2))));
  for (let i: usize = 16; i < 64; i++) {
    const w = sigma1(load<u32>(W + ((i - 2) << 2))) + load<u32>(W + ((i - 7) << 2))
      + sigma0(load<u32>(W + ((i - 15) << 2))) + load<u32>(W + ((i - 16) << 2));
    store<u32>(W + (i << 2), w);
  }
  let a = load<u32>(ctx), b = load<u32>(ctx, 4), c = load<u32>(ctx, 8), d = load<u32>(ctx, 12);
  let e = load<u32>(ctx, 16), f = load<u32>(ctx, 20), g = load<u32>(ctx, 24), h = load<u32>(ctx, 28);
  for (let i: usize = 0; i < 64; i++) {
    const t1 = h + Sigma1(e) + ((e & f) ^ (~e & g)) + load<u32>(K + (i << 2)) + load<u32>(W + (i << 2));
    const t2 = Sigma0(a) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  store<u32>(ctx, load<u32>(ctx) + a);
  store<u32>(ctx, load<u32>(ctx, 4) + b, 4);
  store<u32>(ctx, load<u32>(ctx, 8) + c, 8);
  store<u32>(ctx, load<u32>(ctx, 12) + d, 12);
  store<u32>(ctx, load<u32>(ctx, 16) + e, 16);
  store<u32>(ctx, load<u32>(ctx, 20) + f, 20);
  store<u32>(ctx, load<u32>(ctx, 24) + g, 24);
  store<u32>(ctx, load<u32>(ctx, 28) + h, 28);
}

export function sha256Init(ctx: usize): void {
  memory.copy(ctx, IV, 32);
  store<u32>(ctx + BLOCK_LEN, 0);
  store<u64>(ctx + TOTAL, 0);
}

export function sha256Update(ctx: usize, p: usize, len: usize): void {
  store<u64>(ctx + TOTAL, load<u64>(ctx + TOTAL) + <u64>len);
  let have = <usize>load<u32>(ctx + BLOCK_LEN);
  if (have > 0) {
    const take = min<usize>(64 - have, len);
    memory.copy(ctx + BLOCK + have, p, take);
    have += take; p += take; len -= take;
    if (have < 64) { store<u32>(ctx + BLOCK_LEN, <u32>have); return; }
    compress(ctx, ctx + BLOCK);
  }
  while (len >= 64) { compress(ctx, p); p += 64; len -= 64; }
  if (len > 0) memory.copy(ctx + BLOCK, p, len);
  store<u32>(ctx + BLOCK_LEN, <u32>len);
}

/** Writes the 32-byte digest to out and wipes the context. */
export function sha256Final(ctx: usize, out: usize): void {
  let have = <usize>load<u32>(ctx + BLOCK_LEN);
  const bits = load<u64>(ctx + TOTAL) << 3;
  store<u8>(ctx + BLOCK + have, 0x80);
  have++;
  if (have > 56) {
    memory.fill(ctx + BLOCK + have, 0, 64 - have);
    compress(ctx, ctx + BLOCK);
    have = 0;
  }
  memory.fill(ctx + BLOCK + have, 0, 56 - have);
  store<u64>(ctx + BLOCK + 56, bswap<u64>(bits));
  compress(ctx, ctx + BLOCK);
  for (let i: usize = 0; i < 8; i++) store<u32>(out + (i << 2), bswap<u32>(load<u32>(ctx + (i << 2))));
  memory.fill(ctx, 0, SHA256_CONTEXT_SIZE);
}

/** One-shot SHA-256 using a private context. */
const ONE_SHOT: usize = memory.data(112, 8);
export function sha256(p: usize, len: usize, out: usize): void {
  sha256Init(ONE_SHOT);
  sha256Update(ONE_SHOT, p, len);
  sha256Final(ONE_SHOT, out);
}
