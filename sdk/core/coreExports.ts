/**
 * The WebAssembly core's export surface. Every function takes pointers into the core's own linear
 * memory (the SDK copies input into the I/O area first) and returns a status code or writes its
 * output to a pointer it was given. Nothing here allocates on the JavaScript heap.
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  /** Start of the fixed 64 KiB I/O area, where callers place presentations, messages and keys. */
  ioBuffer(): number;
  /** Size of the I/O area in bytes. */
  ioCapacity(): number;

  /** SHA-256 of [ptr, ptr+len) written to out (32 bytes). */
  sha256(ptr: number, len: number, out: number): void;
  /** SHA-512 of [ptr, ptr+len) written to out (64 bytes). */
  sha512(ptr: number, len: number, out: number): void;
  /** Streaming SHA-256 over one context held by the core. */
  sha256Init(): void;
  sha256Update(ptr: number, len: number): void;
  sha256Final(out: number): void;
  /** Streaming SHA-512 over one context held by the core. */
  sha512Init(): void;
  sha512Update(ptr: number, len: number): void;
  sha512Final(out: number): void;

  /**
   * Ed25519 verification (RFC 8032 §5.1.7, cofactored, strict encodings, S < L).
   * Returns 0 when valid, otherwise an Ed25519Status code (see ed25519.ts).
   */
  ed25519Verify(msgPtr: number, msgLen: number, sigPtr: number, pubPtr: number): number;
  /** Strict point check for an issuer key: 0 canonical and not small order, else an Ed25519Status code. */
  ed25519CheckPublicKey(pubPtr: number): number;

  /** Prepares a key (comb table, ~165 KB): a handle, or 0 when the key is invalid or memory is short. */
  ed25519PrepareKey(pubPtr: number): number;
  /** Verification under a prepared key; the same codes as ed25519Verify. */
  ed25519VerifyPrepared(msgPtr: number, msgLen: number, sigPtr: number, handle: number): number;
  /** Drops every prepared key. */
  ed25519ForgetKeys(): void;
  /** Adds a raw signature to the batch (under a prepared key when handle != 0): its equation, -1 invalid, -2 full. */
  batchAddSignature(msgPtr: number, msgLen: number, sigPtr: number, pubPtr: number, handle: number): number;
  /** 1 valid, 2 invalid (after batchCheck). */
  batchEquationVerdict(i: number): number;

  /** A region of at least size bytes for one large input, valid until trust material or comb tables change; 0 if memory cannot grow. */
  scratch(size: number): number;

  /** Zeroises every byte of linear memory that may have held input or intermediate values. */
  wipe(): void;

  // encodings (cbor.ts, base45.ts, hex.ts)
  /** 0 when [ptr, ptr+len) is exactly one PG1 §1 CBOR item (one leading tag 18 allowed iff allowTag18 ≠ 0), else 3 (MALFORMED). */
  cborValidate(ptr: number, len: number, allowTag18: number): number;
  /** 0 when [ptr, ptr+len) starts with a shortest-form integer head within i64 (value: cborIntValue()), else 3. */
  cborReadInt(ptr: number, len: number): number;
  /** The integer read by the last successful cborReadInt. */
  cborIntValue(): bigint;
  /** -1, 0 or 1: bytewise lexicographic order of two byte ranges, a proper prefix first (the map-key order). */
  cborCompareBytes(aPtr: number, aLen: number, bPtr: number, bLen: number): number;
  /** 0 when [ptr, ptr+len) is strict UTF-8, else 3 (MALFORMED). */
  utf8Check(ptr: number, len: number): number;
  /** Code points in [ptr, ptr+len), or -1 when it is not strict UTF-8. */
  utf8Count(ptr: number, len: number): number;
  /** Strict base45 (RFC 9285) of [src, src+srcLen) into dst (dst ≤ src allowed, e.g. in place); decoded length or -1. */
  base45DecodeTo(src: number, srcLen: number, dst: number): number;
  /** Hex (either case) of [src, src+srcLen) into dst (dst ≤ src allowed); decoded length or -1. */
  hexDecodeTo(src: number, srcLen: number, dst: number): number;
  /** A PG1 text line (§4, §9): `PG1:` + base45, otherwise hex; into dst (dst ≤ src allowed); decoded length or -1. */
  transportTextDecodeTo(src: number, srcLen: number, dst: number): number;

  // verification (verifierExports.ts)
  // Trust and revocation updates are staged, then committed: only trustBegin and revocationsBegin can
  // fail for memory, and a failed or aborted update leaves the state in force exactly as it was.
  /** Caps linear memory at `pages` x 64 KiB (0: no cap); growth beyond it fails as out of memory. */
  memoryLimit(pages: number): void;
  /** Bytes allowed for issuers' comb tables (165,120 bytes a key, default 16 MiB); drops the tables built so far. */
  precomputeBudget(bytes: number): void;
  /** 1 when issuer i of the trust list in force has a comb table now, 0 when not, -1 when there is no issuer i. */
  issuerPrecomputed(i: number): number;
  /** Stages a trust list of n issuers; 0, or 1 when memory cannot grow. */
  trustBegin(issuerCount: number): number;
  /** Sets staged issuer i (in order); decodes and checks its key once. 0, an Ed25519 key code, 10 (kid mismatch) or 12 (out of order). */
  trustSetIssuer(i: number, kid: number, pub: number, iss: number, issLen: number,
    notBefore: bigint, notAfter: bigint, revokedAt: bigint, hasRevokedAt: number): number;
  /** Puts the staged trust list in force with its expiry and optional sunset (§5 step 1); revocations and the tables of keys that stay are kept. 0, or 1 (nothing changed) when an issuer is missing or a kid repeats. */
  trustCommit(expires: bigint, hasSunset: number, sunset: bigint): number;
  /** Stages n prefixes and a filter of shardCount shards (0: none; else a power of two <= 65,536) whose tables take tableBytes (each padded to 8), exact for iat <= covers: where to write n x 8 prefix bytes, or 0 (memory, or a bad shard count). */
  revocationsBegin(n: number, shardCount: number, tableBytes: bigint, covers: bigint): number;
  /** Describes staged shard i (in order): where to write T1, then T2 at T1 + t1Len rounded up to 8; 0 when the geometry breaks §7.3 or a length differs from it. */
  revocationsShard(i: number, seed1: bigint, r: number, L1: number, S1: number, t1Len: number,
    seed2: bigint, L2: number, S2: number, t2Len: number): number;
  /** Puts the staged revocation state in force (loaded 0: none, no expiry); 0, or 1 (nothing changed) unless the prefixes are strictly ascending and every shard was set. */
  revocationsCommit(loaded: number, expires: bigint): number;
  /** Grows memory for a trust update then a revocation update that must succeed or fail together (sizes of both); 0, or 1 when memory cannot grow. After 0 neither fails for memory. */
  updateReserve(issuerCount: number, prefixCount: number, shardCount: number, tableBytes: bigint): number;
  /** Drops a staged trust or revocation update. */
  updateAbort(): void;
  /** 1 when the token with the 8-byte prefix at p and this iat is revoked by the state in force (table, or filter when iat <= covers), else 0. */
  revocationsLookup(p: number, iat: bigint): number;
  /** Where the venue rule goes before a verification with hasVenue. */
  ruleBuffer(): number;
  /** result i32 | issuer index u32 | kid[8] | iss address u32 | iss length u32 | disclosure count u32 */
  outputBuffer(): number;
  /** Verified disclosures, 24 bytes each: key u64 | value address u32 | value length u32 | content address u32 | content length u32. */
  disclosureTable(): number;
  /**
   * Verifies one presentation; returns the §5 result code. read: the address of the read record (card
   * serial and identity document, PG1 §10; layout in sdk/pg1/presentationRead.ts), 0 for none.
   */
  verify(input: number, inputLen: number, isText: number, now: bigint, skew: bigint,
    nonce: number, nonceLen: number, hasNonce: number, hasVenue: number, read: number): number;
  /** Starts a batch of at most 64 presentations (or signatures) verified at `now` with `skew`; first builds the one comb table a key earned in an earlier batch, if any (so call it before placing inputs in scratch). */
  batchBegin(now: bigint, skew: bigint): void;
  /** Steps 1-3 of item i and its signature equations: -1 - code when final, else the raw length (decoded in place). */
  batchPrepare(i: number, input: number, inputLen: number, isText: number,
    nonce: number, nonceLen: number, hasNonce: number): number;
  /** Checks all equations (16 random bytes each at random), bisecting on failure. */
  batchCheck(random: number): void;
  /** Steps 1-11 of item i with its signatures' verdicts; the result code, outputs as verify(). */
  batchFinishItem(i: number, input: number, rawLen: number, nonce: number, nonceLen: number, hasNonce: number, hasVenue: number, read: number): number;
  /** Equations collected so far. */
  batchEquations(): number;
  /** Zeroises the input and outputs of the last verification. */
  verifyDone(input: number, inputLen: number): void;
  /** Parses a signed list (tagged COSE_Sign1): 0, 3 (MALFORMED) or 4 (UNSUPPORTED_ALG); pg1Headers 0 accepts any RFC 9052 headers. */
  coseParse(ptr: number, len: number, pg1Headers: number): number;
  coseKidAt(): number;
  cosePayloadAt(): number;
  cosePayloadLength(): number;
  /** Verifies the last parsed COSE_Sign1 under the key at pub: an Ed25519 status code. */
  coseVerifyWith(pub: number): number;

}
