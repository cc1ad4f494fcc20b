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

  /** A region of at least size bytes for one large input, valid until trust material changes; 0 if memory cannot grow. */
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
  /** Drops all trust material and reserves n issuer entries; 0, or 1 when memory cannot grow. */
  trustBegin(issuerCount: number): number;
  /** Sets issuer i; decodes and checks its key once. 0, an Ed25519 key code, 10 (kid mismatch) or 11 (bad iss). */
  trustSetIssuer(i: number, kid: number, pub: number, iss: number, issLen: number,
    notBefore: bigint, notAfter: bigint, revokedAt: bigint, hasRevokedAt: number): number;
  /** The trust list's expiry and optional sunset (step 1 of §5). */
  trustSetValidity(expires: bigint, hasSunset: number, sunset: bigint): void;
  /** Reserves n revocation prefixes after the issuers; where to write n x 8 bytes, or 0. */
  revocationsBegin(n: number): number;
  /** Commits the written prefixes (strictly ascending); 0, or 1 when they are not. */
  revocationsCommit(loaded: number, expires: bigint): number;
  /** Where the venue rule goes before a verification with hasVenue. */
  ruleBuffer(): number;
  /** result i32 | issuer index u32 | kid[8] | iss address u32 | iss length u32 | disclosure count u32 */
  outputBuffer(): number;
  /** Verified disclosures, 24 bytes each: key u64 | value address u32 | value length u32 | content address u32 | content length u32. */
  disclosureTable(): number;
  /** Verifies one presentation; returns the §5 result code. */
  verify(input: number, inputLen: number, isText: number, now: bigint, skew: bigint,
    nonce: number, nonceLen: number, hasNonce: number, hasVenue: number): number;
  /** Starts a batch of at most 64 presentations (or signatures) verified at `now` with `skew`. */
  batchBegin(now: bigint, skew: bigint): void;
  /** Steps 1-3 of item i and its signature equations: -1 - code when final, else the raw length (decoded in place). */
  batchPrepare(i: number, input: number, inputLen: number, isText: number,
    nonce: number, nonceLen: number, hasNonce: number): number;
  /** Checks all equations (16 random bytes each at random), bisecting on failure. */
  batchCheck(random: number): void;
  /** Steps 1-11 of item i with its signatures' verdicts; the result code, outputs as verify(). */
  batchFinishItem(i: number, input: number, rawLen: number, nonce: number, nonceLen: number, hasNonce: number, hasVenue: number): number;
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
