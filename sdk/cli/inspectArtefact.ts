/**
 * Describes a PG1 artefact for people: a presentation, a token, a trust list, a revocation list,
 * delta or filter. It decodes and labels; it verifies nothing (no signature, digest, time or trust check), and
 * describes what it can of a malformed artefact instead of stopping at the first fault.
 */
import { sha256 } from '../sha256.js';
import { encode, Tagged, type CborValue } from '../cbor/deterministicEncoder.js';
import { decodeValue } from '../cbor/valueDecoder.js';
import { claimName } from '../pg1/claims.js';
import { toHex } from '../encoding/hex.js';
import { cborJson, jsonObject, keyText, type JsonView } from './cborJson.js';
import { describeFilterShards } from './inspectFilter.js';

type Fields = [string, JsonView][];
type CborMap = ReadonlyMap<CborValue, CborValue>;

function decode(bytes: Uint8Array): { value: CborValue } | { error: string } {
  try {
    return { value: decodeValue(bytes) };
  } catch (e) {
    return { error: `not CBOR that PG1 can carry: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Whether the bytes are the deterministic encoding of their value (PG1 §1); compared as bytes (a filter runs to megabytes). */
function isDeterministic(bytes: Uint8Array, value: CborValue): boolean {
  try {
    const again = encode(value);
    return again.length === bytes.length && again.every((b, i) => b === bytes[i]);
  } catch {
    return false;
  }
}

const asMap = (v: CborValue | undefined): CborMap | null => (v instanceof Map ? (v as CborMap) : null);
const asList = (v: CborValue | undefined): readonly CborValue[] | null => (Array.isArray(v) ? (v as readonly CborValue[]) : null);

/** A time with its UTC reading, when it has one. */
function time(v: CborValue | undefined): JsonView {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 8.64e12) return v === undefined ? null : cborJson(v);
  return jsonObject([['unix', v], ['utc', new Date(v * 1000).toISOString()]]);
}

/** Known keys of a map by name (times with UTC), the others under "other" by their key. */
function labelled(m: CborMap, names: Readonly<Record<number, string>>, times: readonly number[], special: Readonly<Record<number, (v: CborValue) => JsonView>> = {}): Fields {
  const out: Fields = [];
  const other: Fields = [];
  for (const [k, v] of m) {
    const name = typeof k === 'number' ? names[k] : undefined;
    if (name === undefined) other.push([keyText(k), cborJson(v)]);
    else out.push([name, special[k as number]?.(v) ?? (times.includes(k as number) ? time(v) : cborJson(v))]);
  }
  if (other.length > 0) out.push(['other', jsonObject(other)]);
  return out;
}

const ALG_NAMES: Readonly<Record<string, string>> = { '-19': 'Ed25519', '-8': 'EdDSA (read as Ed25519)' };

function describeProtected(bytes: CborValue | undefined): JsonView {
  if (!(bytes instanceof Uint8Array)) return jsonObject([['error', 'not a byte string'], ['value', cborJson(bytes ?? null)]]);
  const d = decode(bytes);
  if ('error' in d) return jsonObject([['error', d.error], ['bytes', toHex(bytes)]]);
  const m = asMap(d.value);
  if (m === null) return jsonObject([['error', 'not a map'], ['value', cborJson(d.value)]]);
  const alg = m.get(1);
  const fields = labelled(m, { 1: 'alg', 4: 'kid' }, []);
  if (alg !== undefined) fields.push(['alg_name', ALG_NAMES[String(alg)] ?? 'unsupported']);
  return jsonObject(fields);
}

function describeClaims(m: CborMap): Fields {
  const fields = labelled(m, { 1: 'iss', 4: 'exp', 5: 'nbf', 6: 'iat', 7: 'cti', 8: 'cnf', [-65537]: 'sd', [-65538]: 'card' }, [4, 5, 6], {
    8: (v) => {
      const key = asMap(asMap(v)?.get(1));
      return key === null ? cborJson(v) : jsonObject(labelled(key, { 1: 'kty', [-1]: 'crv', [-2]: 'x' }, []));
    },
  });
  const cti = m.get(7);
  if (cti instanceof Uint8Array) fields.push(['revocation_entry', toHex(sha256(cti).slice(0, 8))]);
  return fields;
}

const TRUST_NAMES = { 1: 'version', 2: 'issued_at', 3: 'expires', 4: 'issuers', 5: 'roots', 6: 'sunset', 7: 'policy' };
const ISSUER_NAMES = { 1: 'kid', 2: 'pub', 3: 'iss', 4: 'not_before', 5: 'not_after', 6: 'revoked_at' };
const RULE_NAMES = { 1: 'allow', 2: 'nat_max_age', 3: 'min_doses', 4: 'deny_abroad14', 5: 'deny_risk14', 6: 'require', 7: 'bound' };

function describeTrustList(m: CborMap): Fields {
  return labelled(m, TRUST_NAMES, [2, 3, 6], {
    4: (v) => asList(v)?.map((entry) => {
      const issuer = asMap(entry);
      if (issuer === null) return cborJson(entry);
      const fields = labelled(issuer, ISSUER_NAMES, [4, 5, 6]);
      const kid = issuer.get(1);
      const pub = issuer.get(2);
      if (kid instanceof Uint8Array && pub instanceof Uint8Array) fields.push(['kid_matches_pub', toHex(sha256(pub).slice(0, 8)) === toHex(kid)]);
      return jsonObject(fields);
    }) ?? cborJson(v),
    5: (v) => asList(v)?.map((r) => (r instanceof Uint8Array ? jsonObject([['pub', toHex(r)], ['kid', toHex(sha256(r).slice(0, 8))]]) : cborJson(r))) ?? cborJson(v),
    7: (v) => {
      const policy = asMap(v);
      if (policy === null) return cborJson(v);
      return jsonObject([...policy].map(([category, rule]): [string, JsonView] => {
        const r = asMap(rule);
        return [keyText(category), r === null ? cborJson(rule) : jsonObject(labelled(r, RULE_NAMES, []))];
      }));
    },
  });
}

function entries(v: CborValue): JsonView {
  if (!(v instanceof Uint8Array) || v.length % 8 !== 0) return cborJson(v);
  return Array.from({ length: v.length / 8 }, (_, i) => toHex(v.subarray(i * 8, i * 8 + 8)));
}

function describeRevocations(m: CborMap): Fields {
  const fields = labelled(m, { 1: 'version', 2: 'issued_at', 3: 'expires', 4: 'revoked', 5: 'base_version', 6: 'added', 7: 'removed' }, [2, 3], {
    4: entries,
    6: entries,
    7: entries,
  });
  const revoked = m.get(4);
  if (revoked instanceof Uint8Array) fields.push(['count', Math.floor(revoked.length / 8)]);
  return fields;
}

function describeFilter(m: CborMap): Fields {
  return labelled(m, { 1: 'version', 2: 'issued_at', 3: 'expires', 8: 'covers', 9: 'shards' }, [2, 3, 8], { 9: describeFilterShards });
}

type PayloadKind = 'token' | 'trust list' | 'revocation list' | 'revocation delta' | 'revocation filter' | 'unknown';

function payloadKind(m: CborMap | null): PayloadKind {
  if (m === null) return 'unknown';
  if (m.has(-65537) || (m.get(7) instanceof Uint8Array && (m.get(7) as Uint8Array).length === 16)) return 'token';
  if (Array.isArray(m.get(4)) && m.has(5)) return 'trust list';
  if (m.get(4) instanceof Uint8Array) return 'revocation list';
  if (m.has(5) && m.has(6) && m.has(7)) return 'revocation delta';
  if (m.has(8) && Array.isArray(m.get(9))) return 'revocation filter';
  return 'unknown';
}

function describePayload(kind: Exclude<PayloadKind, 'unknown'>, m: CborMap): Fields {
  switch (kind) {
    case 'token':
      return describeClaims(m);
    case 'trust list':
      return describeTrustList(m);
    case 'revocation filter':
      return describeFilter(m);
    default:
      return describeRevocations(m);
  }
}

interface Sign1View {
  readonly kind: PayloadKind;
  readonly fields: Fields;
  /** The claims' sd digests (hex), when the payload is a token. */
  readonly sd: ReadonlySet<string> | null;
}

function describeSign1(v: Tagged): Sign1View {
  const fields: Fields = [['tag', v.tag]];
  const a = asList(v.value);
  if (a === null || a.length !== 4) return { kind: 'unknown', fields: [...fields, ['error', 'not [protected, unprotected, payload, signature]'], ['value', cborJson(v.value)]], sd: null };
  fields.push(['protected', describeProtected(a[0])], ['unprotected', cborJson(a[1]!)]);
  const payload = a[2];
  let kind: PayloadKind = 'unknown';
  let sd: Set<string> | null = null;
  if (payload instanceof Uint8Array) {
    const d = decode(payload);
    if ('error' in d) fields.push(['payload', jsonObject([['error', d.error], ['bytes', toHex(payload)]])]);
    else {
      const m = asMap(d.value);
      kind = payloadKind(m);
      const name = kind === 'token' ? 'claims' : 'payload';
      if (m === null || kind === 'unknown') fields.push([name, cborJson(d.value)]);
      else fields.push([name, jsonObject(describePayload(kind, m))]);
      if (!isDeterministic(payload, d.value)) fields.push(['payload_deterministic', false]);
      const list = kind === 'token' && m !== null ? asList(m.get(-65537)) : null;
      if (list !== null) sd = new Set(list.filter((x): x is Uint8Array => x instanceof Uint8Array).map(toHex));
    }
  } else fields.push(['payload', cborJson(payload ?? null)]);
  fields.push(['signature', cborJson(a[3]!)]);
  return { kind, fields, sd };
}

function describeDisclosure(item: CborValue, sd: ReadonlySet<string> | null): JsonView {
  if (!(item instanceof Uint8Array)) return jsonObject([['error', 'not a byte string'], ['value', cborJson(item)]]);
  const digest = toHex(sha256(item));
  const fields: Fields = [];
  const d = decode(item);
  const a = 'error' in d ? null : asList(d.value);
  if ('error' in d) fields.push(['error', d.error], ['bytes', toHex(item)]);
  else if (a === null || a.length !== 3) fields.push(['error', 'not [salt, key, value]'], ['value', cborJson(d.value)]);
  else {
    const key = a[1]!;
    const name = typeof key === 'number' && Number.isSafeInteger(key) && key >= 0 ? claimName(key) : null;
    fields.push(['key', cborJson(key)]);
    if (name !== null && name !== String(key)) fields.push(['name', name]);
    fields.push(['value', cborJson(a[2]!)], ['salt', cborJson(a[0]!)]);
  }
  fields.push(['digest', digest], ['in_sd', sd === null ? null : sd.has(digest)]);
  return jsonObject(fields);
}

function describeBinding(v: CborValue): JsonView {
  const a = asList(v);
  if (a === null || a.length !== 3) return jsonObject([['error', 'not [presented_at, nonce, sig]'], ['value', cborJson(v)]]);
  return jsonObject([['presented_at', time(a[0])], ['nonce', cborJson(a[1]!)], ['signature', cborJson(a[2]!)]]);
}

/** A token bundle: the token as `describeArtefact` shows it, and every disclosure against its sd. */
export function describeBundle(token: Uint8Array, disclosures: readonly Uint8Array[]): { kind: string; fields: Fields } {
  const d = decode(token);
  if ('error' in d || !(d.value instanceof Tagged)) return { kind: 'unreadable', fields: [['error', 'error' in d ? d.error : 'the token is not a tagged COSE_Sign1']] };
  const signed = describeSign1(d.value);
  return {
    kind: 'token bundle',
    fields: [['token', jsonObject(signed.fields)], ['disclosures', disclosures.map((x) => describeDisclosure(x, signed.sd))]],
  };
}

/** The description of one artefact's bytes (transport already removed). */
export function describeArtefact(bytes: Uint8Array): { kind: string; fields: Fields } {
  const d = decode(bytes);
  if ('error' in d) return { kind: 'unreadable', fields: [['error', d.error]] };
  const fields: Fields = [['deterministic', isDeterministic(bytes, d.value)]];
  const v = d.value;
  const top = asList(v);
  if (top !== null && (top.length === 2 || top.length === 3) && top[0] instanceof Tagged) {
    const token = describeSign1(top[0]);
    fields.push(['token', jsonObject(token.fields)]);
    const list = asList(top[1]);
    fields.push(['disclosures', list === null ? jsonObject([['error', 'not an array'], ['value', cborJson(top[1]!)]]) : list.map((x) => describeDisclosure(x, token.sd))]);
    fields.push(['binding', top.length === 3 ? describeBinding(top[2]!) : null]);
    return { kind: 'presentation', fields };
  }
  if (v instanceof Tagged) {
    const signed = describeSign1(v);
    return { kind: signed.kind === 'unknown' ? 'COSE_Sign1 of unknown content' : signed.kind, fields: [...fields, ...signed.fields] };
  }
  return { kind: 'unknown', fields: [...fields, ['value', cborJson(v)]] };
}
