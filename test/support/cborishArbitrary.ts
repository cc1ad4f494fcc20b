/**
 * Inputs that look like PG1 without being it, for the robustness test: random CBOR heads and markers
 * glued together, well-formed CBOR of any shape, and presentation-shaped values whose parts are
 * random (with a real kid now and then, so that some get as far as the signature check).
 */
import fc from 'fast-check';
import { encode, Tagged, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { kidOf } from '../../sdk/issuer/index.js';
import { ISSUERS } from './differentialWorld.js';
import { bytes, head } from './handCbor.js';
import { anyCborValue } from './presentationCases.js';

const width = fc.constantFrom<0 | 1 | 2 | 4 | 8>(0, 1, 2, 4, 8);

/** One CBOR head of any major type and width (non-shortest ones included), or a raw marker byte. */
const headPiece: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 23 })).map(([major, arg]) => head(major, arg)),
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 70000 }), width).map(([major, arg, w]) =>
    head(major, arg, w === 0 || (w === 1 && arg > 0xff) || (w === 2 && arg > 0xffff) ? 4 : w),
  ),
  fc.constantFrom(
    Uint8Array.of(0x9f), Uint8Array.of(0xbf), Uint8Array.of(0x5f), Uint8Array.of(0x7f), Uint8Array.of(0xff), // indefinite, break
    Uint8Array.of(0xd2), Uint8Array.of(0xc1), Uint8Array.of(0xf7), Uint8Array.of(0xf6), Uint8Array.of(0xf5), Uint8Array.of(0x1c),
    Uint8Array.of(0xf9, 0x3c, 0x00), Uint8Array.of(0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), Uint8Array.of(0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
  ),
  fc.uint8Array({ maxLength: 40 }),
);

/** Random heads and bytes glued together: mostly not well-formed, sometimes nearly so. */
export const gluedHeads: fc.Arbitrary<Uint8Array> = fc.array(headPiece, { maxLength: 60 }).map((parts) => bytes(...parts));

const realKid = fc.constantFrom(...Object.values(ISSUERS).map((i) => kidOf(i.key.publicKey)));

const protectedBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom<CborValue>(-19, -19, -8, -7, 'x'), fc.oneof({ weight: 4, arbitrary: realKid }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 10 }) })).map(([alg, kid]) =>
    encode(new Map<CborValue, CborValue>([[1, alg], [4, kid]])),
  ) },
  { weight: 1, arbitrary: anyCborValue.map((v) => encode(v)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 20 }) },
);

const claimsLike: fc.Arbitrary<CborValue> = fc
  .record({ iss: fc.constantFrom<CborValue>('CN-35', 'CN', 1), exp: anyCborValue, iat: anyCborValue, cti: fc.uint8Array({ minLength: 16, maxLength: 16 }), sd: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 3 }) })
  .map((c) => new Map<CborValue, CborValue>([[1, c.iss], [4, c.exp], [6, c.iat], [7, c.cti], [-65537, c.sd]]));

const payload: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: claimsLike.map((c) => encode(c)) },
  { weight: 1, arbitrary: anyCborValue.map((v) => encode(v)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
);

const disclosure: fc.Arbitrary<CborValue> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: -2, max: 20 }), anyCborValue).map((d) => encode(d)) },
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 30 }) },
  { weight: 1, arbitrary: anyCborValue },
);

const binding: fc.Arbitrary<CborValue> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.oneof(fc.nat(), anyCborValue), fc.oneof(fc.constant(null), fc.uint8Array({ maxLength: 20 })), fc.uint8Array({ minLength: 64, maxLength: 64 })).map((b) => [...b]) },
  { weight: 1, arbitrary: anyCborValue },
);

/** [Tagged(18?, [protected, unprotected, payload, sig]), [disclosures], ? binding], each part random. */
export const presentationShaped: fc.Arbitrary<Uint8Array> = fc
  .record({
    tag: fc.constantFrom<number | null>(18, 18, 18, 18, 18, 18, 17, null),
    protectedBytes,
    unprotected: fc.oneof({ weight: 6, arbitrary: fc.constant<CborValue>(new Map()) }, { weight: 1, arbitrary: anyCborValue }),
    payload,
    signature: fc.oneof({ weight: 6, arbitrary: fc.uint8Array({ minLength: 64, maxLength: 64 }) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 70 }) }),
    disclosures: fc.array(disclosure, { maxLength: 4 }),
    binding: fc.option(binding, { freq: 2 }),
    // A fourth item (always MALFORMED) now and then.
    extra: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyCborValue }),
  })
  .map((p) => {
    const body: CborValue = [p.protectedBytes, p.unprotected, p.payload, p.signature];
    const items: CborValue[] = [p.tag === null ? body : new Tagged(p.tag, body), p.disclosures];
    if (p.binding !== null) items.push(p.binding);
    if (p.extra !== null) items.push(p.extra);
    return encode(items);
  });
