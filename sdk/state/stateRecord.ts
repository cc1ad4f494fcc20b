/**
 * The stored form of the state in force and of the rollback anchor: deterministic CBOR, sealed by the
 * state store before it reaches storage. The state record holds the signed lists themselves (with the
 * root each was verified under), so a restore verifies them again rather than trusting the record.
 */
import { encode, type CborValue } from '../cbor/deterministicEncoder.js';
import { decodeValue } from '../cbor/valueDecoder.js';
import { asArray, asBytes, asMap, asText, asUint, checkKeys, ShapeError, type Uint } from '../cbor/shape.js';
import type { Anchor, SignedList, SourceRecord, StateInForce, VersionFloor } from './stateInForce.js';

const FORMAT = 1;

/** A state record as read back, before its lists are verified again. */
export interface StateRecord {
  readonly generation: number;
  readonly trust: SignedList | null;
  readonly revocations: { readonly base: SignedList; readonly deltas: readonly SignedList[] } | null;
  readonly sources: Readonly<Record<string, SourceRecord>>;
  readonly knownRoots: readonly Uint8Array[];
}

const signedValue = (s: SignedList): CborValue => [s.bytes, s.signer];

function signedOf(v: CborValue | undefined, what: string): SignedList {
  const [bytes, signer] = asArray(v, what);
  return { bytes: asBytes(bytes, `${what}.bytes`), signer: asBytes(signer, `${what}.signer`, 32) };
}

function nullable<T>(v: CborValue | undefined, read: (v: CborValue) => T): T | null {
  return v === null ? null : read(v as CborValue);
}

const generationOf = (v: CborValue | undefined): number => {
  const g = asUint(v, 'generation');
  if (typeof g !== 'number') throw new ShapeError('generation out of range');
  return g;
};

const keysOf = (v: CborValue | undefined, what: string): Uint8Array[] => asArray(v, what).map((k, i) => asBytes(k, `${what}[${i}]`, 32));

export function encodeStateRecord(state: StateInForce, generation: number): Uint8Array<ArrayBuffer> {
  const r = state.revocations;
  const sources = new Map<CborValue, CborValue>(Object.entries(state.sources).map(([url, s]) => [url, [s.etag, s.digest]]));
  return encode(new Map<CborValue, CborValue>([
    [1, FORMAT],
    [2, generation],
    [3, state.trust ? signedValue(state.trust.signed) : null],
    [4, r ? [signedValue(r.base), r.deltas.map(signedValue)] : null],
    [5, sources],
    [6, [...state.anchor.knownRoots]],
  ])) as Uint8Array<ArrayBuffer>;
}

export function decodeStateRecord(bytes: Uint8Array): StateRecord {
  const m = asMap(decodeValue(bytes), 'state record');
  checkKeys(m, 'state record', [1, 2, 3, 4, 5, 6], []);
  if (m.get(1) !== FORMAT) throw new ShapeError('state record: unknown format');
  const sources: Record<string, SourceRecord> = {};
  for (const [url, v] of asMap(m.get(5), 'sources')) {
    const [etag, digest] = asArray(v, 'source');
    sources[asText(url, 'source url')] = { etag: etag === null ? null : asText(etag, 'etag'), digest: asText(digest, 'digest') };
  }
  return {
    generation: generationOf(m.get(2)),
    trust: nullable(m.get(3), (v) => signedOf(v, 'trust')),
    revocations: nullable(m.get(4), (v) => {
      const [base, deltas] = asArray(v, 'revocations');
      return { base: signedOf(base, 'revocations.base'), deltas: asArray(deltas, 'deltas').map((d, i) => signedOf(d, `deltas[${i}]`)) };
    }),
    sources,
    knownRoots: keysOf(m.get(6), 'knownRoots'),
  };
}

const floorValue = (f: VersionFloor): CborValue => [f.version, f.digest];

export function encodeAnchor(anchor: Anchor): Uint8Array<ArrayBuffer> {
  const r = anchor.revocations;
  return encode(new Map<CborValue, CborValue>([
    [1, FORMAT],
    [2, anchor.generation],
    [3, [...anchor.provisioned]],
    [4, [...anchor.roots]],
    [5, [...anchor.knownRoots]],
    [6, anchor.trust ? floorValue(anchor.trust) : null],
    [7, r ? [r.version, r.digest, r.expires] : null],
  ])) as Uint8Array<ArrayBuffer>;
}

function floorOf(v: CborValue): VersionFloor & { expires?: Uint } {
  const [version, digest, expires] = asArray(v, 'floor');
  const floor = { version: asUint(version, 'version'), digest: asBytes(digest, 'digest', 32) };
  return expires === undefined ? floor : { ...floor, expires: asUint(expires, 'expires') };
}

export function decodeAnchor(bytes: Uint8Array): Anchor {
  const m = asMap(decodeValue(bytes), 'anchor');
  checkKeys(m, 'anchor', [1, 2, 3, 4, 5, 6, 7], []);
  if (m.get(1) !== FORMAT) throw new ShapeError('anchor: unknown format');
  const revocations = nullable(m.get(7), floorOf);
  if (revocations && revocations.expires === undefined) throw new ShapeError('anchor: revocations without expires');
  return {
    generation: generationOf(m.get(2)),
    provisioned: keysOf(m.get(3), 'provisioned'),
    roots: keysOf(m.get(4), 'roots'),
    knownRoots: keysOf(m.get(5), 'knownRoots'),
    trust: nullable(m.get(6), floorOf),
    revocations: revocations as (VersionFloor & { expires: Uint }) | null,
  };
}
