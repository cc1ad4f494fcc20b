// Exported hashing: one-shot functions and one streaming context for each hash, for the SDK.
import { sha256 as sha256OneShot, sha256Init as init256, sha256Update as update256, sha256Final as final256, SHA256_CONTEXT_SIZE } from "../crypto/sha256";
import { sha512 as sha512OneShot, sha512Init as init512, sha512Update as update512, sha512Final as final512, SHA512_CONTEXT_SIZE } from "../crypto/sha512";

const CTX256: usize = memory.data(<i32>SHA256_CONTEXT_SIZE, 8);
const CTX512: usize = memory.data(<i32>SHA512_CONTEXT_SIZE, 8);

export function sha256(p: usize, len: usize, out: usize): void { sha256OneShot(p, len, out); }
export function sha512(p: usize, len: usize, out: usize): void { sha512OneShot(p, len, out); }
export function sha256Init(): void { init256(CTX256); }
export function sha256Update(p: usize, len: usize): void { update256(CTX256, p, len); }
export function sha256Final(out: usize): void { final256(CTX256, out); }
export function sha512Init(): void { init512(CTX512); }
export function sha512Update(p: usize, len: usize): void { update512(CTX512, p, len); }
export function sha512Final(out: usize): void { final512(CTX512, out); }
