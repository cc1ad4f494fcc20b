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

  /** A region of at least size bytes for one large input, valid until trust material changes; 0 if memory cannot grow. */
  scratch(size: number): number;

  /** Zeroises every byte of linear memory that may have held input or intermediate values. */
  wipe(): void;

}
