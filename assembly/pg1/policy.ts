// Venue policy (PG1 §8), step 11 of §5. The SDK resolves the venue category to its Rule and writes it
// to RULE before the call. `bound` (§10.3) runs first; then every claim the rule looks at must be disclosed (CLAIM_REQUIRED
// comes first in step 11), then the value checks run in §8's order.
import { readHead, headMajor, headArg, headEnd } from "../encoding/cbor";
import { findDisclosure, disclosureValue, disclosureValueLen } from "./disclosures";
import { presentationBound } from "./readBinding";
import {
  OK, BINDING_REQUIRED, CLAIM_REQUIRED, STATUS_NOT_ALLOWED, NAT_POSITIVE, NAT_TOO_OLD, DOSES_REQUIRED, ABROAD_RECENT,
  RISK_AREA_RECENT,
} from "./resultCode";

// Rule layout: allow mask u32 (bit s: status s allowed) | flags u32 | nat_max_age u64 | min_doses u64 |
// require count u32 | pad | require keys u64[MAX_REQUIRE]
export const MAX_REQUIRE: u32 = 256;
export const RULE: usize = memory.data(<i32>(32 + MAX_REQUIRE * 8), 8);
const HAS_NAT_MAX_AGE: u32 = 1;
const HAS_MIN_DOSES: u32 = 2;
const DENY_ABROAD14: u32 = 4;
const DENY_RISK14: u32 = 8;
const REQUIRE_OVERFLOW: u32 = 16;  // more distinct required keys than RULE holds: more than any presentation can disclose
const BOUND: u32 = 32;              // rule key 7: only presentations bound to their holder

const STATUS: u64 = 1, NAT: u64 = 2, VAX: u64 = 3, ABROAD14: u64 = 4, RISK14: u64 = 5;

function disclosed(key: u64): bool { return findDisclosure(key) >= 0; }

/** Reads element `index` (0 or 1) of a disclosed [uint, uint] value. */
function pairElement(key: u64, index: i32): u64 {
  const i = findDisclosure(key);
  const p = disclosureValue(<u32>i), end = p + disclosureValueLen(<u32>i);
  readHead(p, end);              // the array head (types were checked in step 9)
  readHead(headEnd, end);
  if (index == 0) return headArg;
  readHead(headEnd, end);
  return headArg;
}

function scalarValue(key: u64): u64 {
  const i = findDisclosure(key);
  const p = disclosureValue(<u32>i);
  readHead(p, p + disclosureValueLen(<u32>i));
  return headMajor == 7 ? (headArg == 21 ? 1 : 0) : headArg;   // booleans as 0/1
}

export function checkPolicy(now: u64): i32 {
  const allow = load<u32>(RULE);
  const flags = load<u32>(RULE, 4);
  const natMaxAge = load<u64>(RULE, 8);
  const minDoses = load<u64>(RULE, 16);
  const requireCount = min<u32>(load<u32>(RULE, 24), MAX_REQUIRE);
  if ((flags & BOUND) && !presentationBound()) return BINDING_REQUIRED;
  if (!disclosed(STATUS)) return CLAIM_REQUIRED;
  if ((flags & HAS_NAT_MAX_AGE) && !disclosed(NAT)) return CLAIM_REQUIRED;
  if ((flags & HAS_MIN_DOSES) && !disclosed(VAX)) return CLAIM_REQUIRED;
  if ((flags & DENY_ABROAD14) && !disclosed(ABROAD14)) return CLAIM_REQUIRED;
  if ((flags & DENY_RISK14) && !disclosed(RISK14)) return CLAIM_REQUIRED;
  if (flags & REQUIRE_OVERFLOW) return CLAIM_REQUIRED;
  for (let i: u32 = 0; i < requireCount; i++) {
    if (!disclosed(load<u64>(RULE + 32 + (<usize>i << 3)))) return CLAIM_REQUIRED;
  }
  const status = scalarValue(STATUS);
  if (status >= 32 || ((allow >> <u32>status) & 1) == 0) return STATUS_NOT_ALLOWED;
  if (flags & HAS_NAT_MAX_AGE) {
    if (pairElement(NAT, 1) != 0) return NAT_POSITIVE;
    const sampledAt = pairElement(NAT, 0);
    // sampled at or after now - nat_max_age (no underflow: compare the age instead)
    if (sampledAt < now && now - sampledAt > natMaxAge) return NAT_TOO_OLD;
  }
  if ((flags & HAS_MIN_DOSES) && pairElement(VAX, 0) < minDoses) return DOSES_REQUIRED;
  if ((flags & DENY_ABROAD14) && scalarValue(ABROAD14) != 0) return ABROAD_RECENT;
  if ((flags & DENY_RISK14) && scalarValue(RISK14) != 0) return RISK_AREA_RECENT;
  return OK;
}
