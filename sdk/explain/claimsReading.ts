/**
 * Step 5 of PG1 §5 read again for explain: the token's claims (§2). Only what a detail may show is
 * kept (iss and the times); the cti is checked for its shape and dropped, and the device key is kept
 * only to check it, never to show it.
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { readValidated } from '../cbor/validatedReader.js';
import type { Uint } from '../cbor/shape.js';
import { fault } from '../verifier/resultDetail.js';

export interface TokenClaims {
  readonly iss: string;
  readonly exp: Uint;
  readonly nbf?: Uint;
  readonly iat: Uint;
  /** The holder's device key (cnf), when the token has one. */
  readonly cnf?: Uint8Array;
  /** The sd digests, ascending. */
  readonly sd: readonly Uint8Array[];
  /** The card binding of a card pass (§10.1), when the token has one. */
  readonly card?: Uint8Array;
}

const SD_KEY = -65537;
const CARD_KEY = -65538;
/** §10.1: exp - iat <= 3 days on a card pass. */
const MAX_CARD_LIFETIME = 259200n;
const utf8 = new TextEncoder();

const isUint = (v: CborValue | undefined): v is Uint => (typeof v === 'number' && v >= 0) || (typeof v === 'bigint' && v >= 0n);

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** cnf = {1: {1: 1, -1: 6, -2: bstr(32)}} and nothing else. */
function cnfKey(v: CborValue | undefined): Uint8Array | undefined {
  if (!(v instanceof Map) || v.size !== 1) return undefined;
  const key = v.get(1);
  if (!(key instanceof Map) || key.size !== 3 || key.get(1) !== 1 || key.get(-1) !== 6) return undefined;
  const x = key.get(-2);
  return x instanceof Uint8Array && x.length === 32 ? x : undefined;
}

const CHECK = 'claims (§2): iss tstr(1-32 bytes), exp, iat, cti bstr(16), sd [1*64 bstr(32)] ascending, ? nbf, ? cnf, integer keys only';

const CARD_CHECK = 'card (§10.1): bstr(16), never with cnf, exp - iat <= 259200';

/** The claims of a token whose signature held; throws DetailFound (step 5) for the first rule broken. */
export function readClaims(payload: Uint8Array, isStrictCbor: (b: Uint8Array) => boolean): TokenClaims {
  if (!isStrictCbor(payload)) throw fault(5, CHECK, { reason: 'the payload is not a §1 document' });
  const m = readValidated(payload);
  if (!(m instanceof Map)) throw fault(5, CHECK, { reason: 'the payload is not a map' });
  for (const k of m.keys()) {
    if (typeof k !== 'number' && typeof k !== 'bigint') throw fault(5, CHECK, { reason: 'a claim key that is not an integer' });
  }
  const iss = m.get(1);
  if (typeof iss !== 'string' || utf8.encode(iss).length < 1 || utf8.encode(iss).length > 32) throw fault(5, CHECK, { reason: 'iss is not text of 1 to 32 bytes' });
  for (const [key, name] of [[4, 'exp'], [6, 'iat']] as const) {
    if (!isUint(m.get(key))) throw fault(5, CHECK, { reason: `${name} is missing or not an unsigned integer` });
  }
  if (m.has(5) && !isUint(m.get(5))) throw fault(5, CHECK, { reason: 'nbf is not an unsigned integer' });
  const cti = m.get(7);
  if (!(cti instanceof Uint8Array) || cti.length !== 16) throw fault(5, CHECK, { reason: 'cti is missing or not 16 bytes' });
  const cnf = m.has(8) ? cnfKey(m.get(8)) : undefined;
  if (m.has(8) && cnf === undefined) throw fault(5, CHECK, { reason: 'cnf is not {1: {1: 1, -1: 6, -2: bstr(32)}}' });
  const sd = m.get(SD_KEY);
  const digests = Array.isArray(sd) ? (sd as readonly CborValue[]) : [];
  if (!Array.isArray(sd) || digests.length < 1 || digests.length > 64) throw fault(5, CHECK, { reason: 'sd is missing or does not hold 1 to 64 digests' });
  if (!digests.every((d, i) => d instanceof Uint8Array && d.length === 32 && (i === 0 || compareBytes(digests[i - 1] as Uint8Array, d) < 0))) {
    throw fault(5, CHECK, { reason: 'sd is not strictly increasing 32-byte digests' });
  }
  const card = m.get(CARD_KEY);
  if (m.has(CARD_KEY)) {
    if (!(card instanceof Uint8Array) || card.length !== 16) throw fault(5, CARD_CHECK, { reason: 'card is not 16 bytes' });
    if (cnf) throw fault(5, CARD_CHECK, { reason: 'a token has card or cnf, never both' });
    const lifetime = BigInt(m.get(4) as Uint) - BigInt(m.get(6) as Uint);
    if (lifetime > MAX_CARD_LIFETIME) throw fault(5, CARD_CHECK, { reason: 'a card pass lives at most 259200 s', lifetime });
  }
  return {
    iss,
    ...(card instanceof Uint8Array ? { card } : {}),
    exp: m.get(4) as Uint,
    iat: m.get(6) as Uint,
    ...(m.has(5) ? { nbf: m.get(5) as Uint } : {}),
    ...(cnf ? { cnf } : {}),
    sd: digests as Uint8Array[],
  };
}
