// What a reader read with the presentation (PG1 §10): the serial of the card it came from and the
// holder's identity document. Step 10 checks a card pass against its card (CARD_MISMATCH, §10.1) and
// any presentation given with a document against it (DOCUMENT_MISMATCH, §10.2); step 11's `bound`
// (§10.3) asks whether one of the three bindings held.
//
// The SDK writes a read record next to the presentation (in the I/O area, or a batch's scratch) and
// passes its address (0: nothing was read with it):
//   serialLen u32 | numberLen u32 | nameLen u32 | pad u32 | serial | number (UTF-8) | name (UTF-8)
// A length of 0 means absent. The SDK checks the ranges of §10 (serial 1-64 bytes, number and name
// 1-64 code points); the core still never reads a serial longer than 64 bytes (such a card never matches).
import { sha256 } from "../crypto/sha256";
import { utf8Valid } from "../encoding/utf8";
import { claimCard, claimCnfKey } from "./claims";
import { findDisclosure, disclosureValue, disclosureValueLen } from "./disclosures";
import { readText, headArg, headEnd } from "../encoding/cbor";
import { OK, CARD_MISMATCH, DOCUMENT_MISMATCH } from "./resultCode";

export const MAX_SERIAL: usize = 64;
export const READ_HEADER: usize = 16;

let serial: usize = 0, serialLen: usize = 0;
let number: usize = 0, numberLen: usize = 0;
let name: usize = 0, nameLen: usize = 0;

/** Takes the read record at p (0: none) for the next steps 10 and 11. */
export function setRead(p: usize): void {
  if (p == 0) { serialLen = 0; numberLen = 0; nameLen = 0; return; }
  serialLen = <usize>load<u32>(p);
  numberLen = <usize>load<u32>(p, 4);
  nameLen = <usize>load<u32>(p, 8);
  serial = p + READ_HEADER;
  number = serial + serialLen;
  name = number + numberLen;
}

// "PG1-card" || serial, hashed in place: card = H(...)[0..16]
const CARD_INPUT: usize = memory.data(<i32>(8 + MAX_SERIAL), 8);
const CARD_DIGEST: usize = memory.data(32, 8);
const CARD_CONTEXT: usize = memory.data<u8>([0x50, 0x47, 0x31, 0x2d, 0x63, 0x61, 0x72, 0x64]);

/** §10.1: the serial given with the presentation is the card's the token names. */
function cardMatches(): bool {
  if (serialLen == 0 || serialLen > MAX_SERIAL) return false;
  memory.copy(CARD_INPUT, CARD_CONTEXT, 8);
  memory.copy(CARD_INPUT + 8, serial, serialLen);
  sha256(CARD_INPUT, 8 + serialLen, CARD_DIGEST);
  const same = memory.compare(CARD_DIGEST, claimCard, 16) == 0;
  memory.fill(CARD_INPUT, 0, 8 + MAX_SERIAL);
  memory.fill(CARD_DIGEST, 0, 32);
  return same;
}

// UTF-8 code points, on text already known to be valid.
let cpLen: usize = 0;
/** The code point that starts at p (sets cpLen to its byte length). */
function codePointAt(p: usize): u32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) { cpLen = 1; return b0; }
  if (b0 < 0xe0) { cpLen = 2; return ((b0 & 0x1f) << 6) | (<u32>load<u8>(p + 1) & 0x3f); }
  if (b0 < 0xf0) { cpLen = 3; return ((b0 & 0x0f) << 12) | ((<u32>load<u8>(p + 1) & 0x3f) << 6) | (<u32>load<u8>(p + 2) & 0x3f); }
  cpLen = 4;
  return ((b0 & 0x07) << 18) | ((<u32>load<u8>(p + 1) & 0x3f) << 12) | ((<u32>load<u8>(p + 2) & 0x3f) << 6) | (<u32>load<u8>(p + 3) & 0x3f);
}

/** Where the code point that ends just before `end` starts (never before `start`). */
function previousStart(start: usize, end: usize): usize {
  let p = end - 1;
  while (p > start && (load<u8>(p) & 0xc0) == 0x80) p--;
  return p;
}

function codePointCount(p: usize, len: usize): usize {
  let n: usize = 0;
  for (let i: usize = 0; i < len; i++) if ((load<u8>(p + i) & 0xc0) != 0x80) n++;
  return n;
}

/** ASCII letters without regard to case (§10.2: `x` = `X`); every other code point as it is. */
// @ts-ignore: decorator
@inline function foldAscii(c: u32): u32 { return c >= 0x61 && c <= 0x7a ? c - 0x20 : c; }

const ID4: u64 = 8, NAME: u64 = 9;

let textAt: usize = 0, textLen: usize = 0;
/** The disclosed text value of `key` (sets textAt/textLen), false when not disclosed. */
function disclosedText(key: u64): bool {
  const i = findDisclosure(key);
  if (i < 0) return false;
  const p = disclosureValue(<u32>i);
  readText(p, p + disclosureValueLen(<u32>i));     // types were checked in step 9
  textAt = headEnd; textLen = <usize>headArg;
  return true;
}

/** id4 equals the number's last code points, as many as id4 has, ASCII letters folded. */
function id4Matches(): bool {
  if (!disclosedText(ID4)) return false;
  if (codePointCount(number, numberLen) < codePointCount(textAt, textLen)) return false;
  let a = textAt + textLen, b = number + numberLen;
  while (a > textAt) {
    a = previousStart(textAt, a);
    b = previousStart(number, b);
    const x = codePointAt(a), y = codePointAt(b);
    if (foldAscii(x) != foldAscii(y)) return false;
  }
  return true;
}

/** A disclosed masked name against the document's: same length, each code point `*` or equal. */
function nameMatches(): bool {
  if (nameLen == 0 || !disclosedText(NAME)) return true;
  if (codePointCount(textAt, textLen) != codePointCount(name, nameLen)) return false;
  let a = textAt, b = name;
  const end = textAt + textLen;
  while (a < end) {
    const x = codePointAt(a); a += cpLen;
    const y = codePointAt(b); b += cpLen;
    if (x != 0x2a && x != y) return false;
  }
  return true;
}

/** §10.2, when a document was given (number, and name where it has one). */
function documentMatches(): bool {
  if (!utf8Valid(number, numberLen) || !utf8Valid(name, nameLen)) return false;
  return id4Matches() && nameMatches();
}

/** Step 10 after the holder binding: CARD_MISMATCH, then DOCUMENT_MISMATCH. */
export function checkRead(): i32 {
  if (claimCard != 0 && !cardMatches()) return CARD_MISMATCH;
  if (numberLen != 0 && !documentMatches()) return DOCUMENT_MISMATCH;
  return OK;
}

/** §10.3, after step 10 held: bound by cnf, by its card, or by a document check. */
export function presentationBound(): bool {
  return claimCnfKey != 0 || claimCard != 0 || numberLen != 0;
}
