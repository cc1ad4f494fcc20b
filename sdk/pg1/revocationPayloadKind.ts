/**
 * Which of the three §7 forms a decoded revocation payload claims to be, by its distinguishing keys:
 * a list has `revoked` (4), a delta `base_version` (5), a filter `covers` (8) or `shards` (9). The
 * parser of that form then checks the exact key set, so a payload mixing forms is refused there.
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { asMap } from '../cbor/shape.js';

export type RevocationPayloadKind = 'list' | 'delta' | 'filter';

export function revocationPayloadKind(payload: CborValue): RevocationPayloadKind {
  const m = asMap(payload, 'revocation list');
  if (m.has(8) || m.has(9)) return 'filter';
  if (m.has(5)) return 'delta';
  return 'list';
}
