/**
 * The claims of the PG1 token issued for a pass that holds (PG1 §11.3): `intl` true; `vax` or `nat` from
 * the latest entry; the masked `name`; `status` by the gateway's rules.
 */
import type { ClaimsInput, KnownClaimsInput } from '../issuer/index.js';
import type { CertificateKind } from './dscList.js';
import type { ForeignValue } from './foreignCbor.js';
import type { StatusRules } from './statusRules.js';

/** SNOMED CT codes of a test result (§11.3). */
const NOT_DETECTED = '260415000';
const DETECTED = '260373001';
const DAY = 86_400;

type Entry = ReadonlyMap<ForeignValue, ForeignValue>;

/** Unix seconds of an ISO 8601 date or date-time (a date alone is 00:00 UTC); null when unreadable. */
export function isoSeconds(value: ForeignValue): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** The date part (00:00 UTC of the day) of an ISO 8601 date or date-time, in Unix seconds. */
function dayOf(value: ForeignValue): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match === null ? null : isoSeconds(match[1]!);
}

function integer(value: ForeignValue): number | null {
  return typeof value === 'number' ? value : null;
}

/** Orders entries so that the latest comes first: v by dn then dt, t by sc, r by df (§11.3). */
function later(kind: CertificateKind, a: Entry, b: Entry): number {
  const key = (e: Entry): readonly number[] =>
    kind === 'v' ? [integer(e.get('dn')) ?? -1, dayOf(e.get('dt')) ?? -Infinity]
      : kind === 't' ? [isoSeconds(e.get('sc')) ?? -Infinity]
        : [dayOf(e.get('df')) ?? -Infinity];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]! ? -1 : 1;
  return 0;
}

/** The entry that counts among several (§11.3: the latest). */
export function latestEntry(kind: CertificateKind, certificate: Entry): Entry | null {
  const entries = certificate.get(kind);
  if (!Array.isArray(entries)) return null;
  const maps = (entries as readonly ForeignValue[]).filter((e): e is Entry => e instanceof Map);
  return [...maps].sort((a, b) => later(kind, a, b))[0] ?? null;
}

function firstCodePoint(value: ForeignValue): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  return String.fromCodePoint(value.codePointAt(0)!);
}

/** "M* G*": the first code point of the family name (else its transliteration), of the given name likewise. */
export function maskedName(certificate: Entry): string | null {
  const nam = certificate.get('nam');
  if (!(nam instanceof Map)) return null;
  const n = nam as Entry;
  const parts = [firstCodePoint(n.get('fn')) ?? firstCodePoint(n.get('fnt')), firstCodePoint(n.get('gn')) ?? firstCodePoint(n.get('gnt'))]
    .filter((p): p is string => p !== null)
    .map((p) => `${p}*`);
  return parts.length === 0 ? null : parts.join(' ');
}

function statusOf(kind: CertificateKind, entry: Entry, now: number, rules: StatusRules): 0 | 1 | 2 {
  if (kind === 't') {
    const tr = entry.get('tr');
    const sc = isoSeconds(entry.get('sc'));
    if (tr === DETECTED) return rules.statusAfterDetectedTest;
    if (tr === NOT_DETECTED && sc !== null && sc <= now && now - sc <= rules.testMaxAgeHours * 3600) return rules.statusWhenValid;
    return rules.statusOtherwise;
  }
  if (kind === 'v') {
    const dn = integer(entry.get('dn'));
    const sd = integer(entry.get('sd'));
    const dt = dayOf(entry.get('dt'));
    if (dn !== null && sd !== null && dn >= sd && dt !== null && dt <= now && now - dt <= rules.vaccinationMaxAgeDays * DAY) return rules.statusWhenValid;
    return rules.statusOtherwise;
  }
  const today = Math.floor(now / DAY) * DAY;
  const df = dayOf(entry.get('df'));
  const du = dayOf(entry.get('du'));
  if (rules.recoveryCounts && df !== null && du !== null && df <= today && today <= du) return rules.statusWhenValid;
  return rules.statusOtherwise;
}

/** The claims §11.3 issues for a certificate of this kind that holds, at `now`. */
export function passClaims(kind: CertificateKind, certificate: Entry, now: number, rules: StatusRules): ClaimsInput {
  const entry = latestEntry(kind, certificate);
  const name = maskedName(certificate);
  let vax: KnownClaimsInput['vax'];
  let nat: KnownClaimsInput['nat'];
  if (entry !== null && kind === 'v') {
    const dn = integer(entry.get('dn'));
    const dt = dayOf(entry.get('dt'));
    if (dn !== null && dn >= 0 && dt !== null && dt >= 0) vax = [dn, dt];
  } else if (entry !== null && kind === 't') {
    const sc = isoSeconds(entry.get('sc'));
    const tr = entry.get('tr');
    if (sc !== null && sc >= 0 && (tr === NOT_DETECTED || tr === DETECTED)) nat = [sc, tr === DETECTED ? 1 : 0];
  }
  return {
    intl: true,
    status: entry === null ? rules.statusOtherwise : statusOf(kind, entry, now, rules),
    ...(vax === undefined ? {} : { vax }),
    ...(nat === undefined ? {} : { nat }),
    ...(name === null ? {} : { name }),
  };
}
