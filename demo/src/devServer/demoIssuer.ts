/**
 * The embedded demo issuer: a root key, issuer keys, the tokens it issued and the signed lists it
 * publishes. It runs in the dev server (Node) only, so no secret key ever reaches a browser page; the
 * verifier pages get the root public key and the signed lists, exactly what a real verifier gets.
 *
 * State lives in one directory (demo/.state by default): state.json (keys, counters, issued tokens)
 * and the three list files served as they are. Keys are made on the first start and kept, so a
 * verifier's stored lists stay valid across restarts of `npm start`.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildRevocationDelta,
  buildRevocationList,
  buildTrustList,
  generateKeyPair,
  issueCardPass,
  issuePrintedPass,
  issueToken,
  kidOf,
  present,
  publicKeyFromSecret,
  revokedPrefix,
  type ClaimsInput,
} from '../../../sdk/issuer/index.js';
import { fromHex, toBase64, toHex } from '../shared/base64.js';
import type { FamilyPassRequest, FamilyPassResponse, IssuedRecord, IssueRequest, IssueResponse, ListsState, ProfileInput } from '../shared/demoApi.js';
import { demoPolicy } from './demoPolicy.js';

const DAY = 86_400;
/** Lists are re-signed when less than this is left, so a demo left running never goes stale. */
const LIST_LIFETIME = 7 * DAY;
const REFRESH_MARGIN = DAY;
const TOKEN_LIFETIME = DAY;
/**
 * Passes for people without a phone (PG1 §10): a card pass lives at most 3 days (§10.1); a printed one
 * as long here, so that a family prints once for the weekend. A retired key stays listed this long.
 */
const FAMILY_PASS_LIFETIME = 3 * DAY;
const KEY_LIFETIME = 365 * DAY;
const ISS = 'CN-33';
/** How many issued tokens the console lists (the oldest are forgotten, not revoked). */
const MAX_RECORDS = 200;

export const TRUST_FILE = 'trust.cbor';
export const REVOCATION_FILE = 'revocations.cbor';
export const DELTA_FILE = 'revocations-delta.cbor';

interface KeyState {
  readonly secret: string;
  readonly notBefore: number;
  notAfter: number;
}

interface StateFile {
  readonly format: 'passgate-demo-issuer-1';
  readonly rootSecret: string;
  /** Oldest first; the last one signs new tokens. Retired keys stay listed while their tokens live. */
  keys: KeyState[];
  trustVersion: number;
  trustExpires: number;
  revocationVersion: number;
  revocationExpires: number;
  /** H(cti)[0..8], hex. */
  revoked: string[];
  issued: Omit<IssuedRecord, 'revoked'>[];
  /** Venue categories with `bound: true` (absent in state files older than this field). */
  bound?: string[];
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The most claims a demo token holds (claimsOf): every token's sd is padded with decoys to this. */
const SD_LENGTH = 9;

function claimsOf(p: ProfileInput, now: number): ClaimsInput {
  return {
    status: p.status,
    ...(p.natHoursAgo === null ? {} : { nat: [Math.max(0, now - Math.round(p.natHoursAgo * 3600)), p.natPositive ? 1 : 0] as const }),
    // No vaccination record at all rather than an invented "last dose" for zero doses.
    ...(p.doses > 0 ? { vax: [p.doses, Math.max(0, now - Math.round(p.lastDoseDaysAgo * DAY))] as const } : {}),
    abroad14: p.abroad14,
    risk14: p.risk14,
    fever: p.fever,
    region: p.region,
    ...(p.id4 !== '' ? { id4: p.id4 } : {}),
    ...(p.name !== '' ? { name: p.name } : {}),
  };
}

export class DemoIssuer {
  private constructor(
    readonly dir: string,
    private state: StateFile,
  ) {}

  /** Opens the issuer in `dir`, making keys and lists on the first start and re-signing stale lists. */
  static open(dir: string, now: number = nowSeconds()): DemoIssuer {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let state: StateFile | undefined;
    try {
      const parsed = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as StateFile;
      if (parsed.format === 'passgate-demo-issuer-1') state = parsed;
    } catch {
      state = undefined; // first start (or an unreadable state): begin afresh
    }
    const fresh = state === undefined;
    state ??= {
      format: 'passgate-demo-issuer-1',
      rootSecret: toHex(generateKeyPair().secretKey),
      keys: [{ secret: toHex(generateKeyPair().secretKey), notBefore: now - 60, notAfter: now + KEY_LIFETIME }],
      trustVersion: 0,
      trustExpires: 0,
      revocationVersion: 0,
      revocationExpires: 0,
      revoked: [],
      issued: [],
    };
    const issuer = new DemoIssuer(dir, state);
    if (fresh || state.trustExpires - now < REFRESH_MARGIN) issuer.publishTrustList(now);
    if (fresh || state.revocationExpires - now < REFRESH_MARGIN) issuer.publishRevocations(now, null);
    issuer.save();
    return issuer;
  }

  private get rootSecret(): Uint8Array {
    return fromHex(this.state.rootSecret);
  }

  private get currentKey(): KeyState {
    return this.state.keys[this.state.keys.length - 1]!;
  }

  get rootPublicKey(): Uint8Array {
    return publicKeyFromSecret(this.rootSecret);
  }

  get currentKid(): string {
    return toHex(kidOf(publicKeyFromSecret(fromHex(this.currentKey.secret))));
  }

  private save(): void {
    const tmp = join(this.dir, 'state.json.tmp');
    writeFileSync(tmp, JSON.stringify(this.state, null, 1), { mode: 0o600 });
    renameSync(tmp, join(this.dir, 'state.json'));
  }

  private writeList(name: string, bytes: Uint8Array): void {
    // Write then rename: the list server never serves half a file.
    const tmp = join(this.dir, `${name}.tmp`);
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(this.dir, name));
  }

  private publishTrustList(now: number): void {
    // Retired keys are dropped once every token they signed has expired.
    this.state.keys = this.state.keys.filter((k, i) => i === this.state.keys.length - 1 || k.notAfter + FAMILY_PASS_LIFETIME > now);
    this.state.trustVersion += 1;
    this.state.trustExpires = now + LIST_LIFETIME;
    const bytes = buildTrustList({
      rootSecret: this.rootSecret,
      version: this.state.trustVersion,
      issuedAt: now,
      expires: this.state.trustExpires,
      issuers: this.state.keys.map((k) => ({
        pub: publicKeyFromSecret(fromHex(k.secret)),
        iss: ISS,
        notBefore: k.notBefore,
        notAfter: k.notAfter,
      })),
      roots: [this.rootPublicKey],
      policy: demoPolicy(this.state.bound ?? []),
    });
    this.writeList(TRUST_FILE, bytes);
  }

  /** Signs the next full list and, when `change` is given, the delta from the previous version. */
  private publishRevocations(now: number, change: { added: string[] } | null): void {
    const base = this.state.revocationVersion;
    this.state.revocationVersion += 1;
    this.state.revocationExpires = now + LIST_LIFETIME;
    const envelope = {
      rootSecret: this.rootSecret,
      version: this.state.revocationVersion,
      issuedAt: now,
      expires: this.state.revocationExpires,
    };
    this.writeList(REVOCATION_FILE, buildRevocationList({ ...envelope, revoked: this.state.revoked.map(fromHex) }));
    if (change !== null && base > 0) {
      this.writeList(DELTA_FILE, buildRevocationDelta({ ...envelope, baseVersion: base, added: change.added.map(fromHex), removed: [] }));
    } else {
      // A delta on top of an older base would only be refused: serve the full list alone.
      rmSync(join(this.dir, DELTA_FILE), { force: true });
    }
  }

  issue(request: IssueRequest, now: number = nowSeconds()): IssueResponse {
    const key = this.currentKey;
    const cnf = fromHex(request.devicePublicKey);
    const exp = now + TOKEN_LIFETIME;
    const issued = issueToken({
      issuerSecret: fromHex(key.secret),
      iss: ISS,
      iat: now,
      exp,
      cnf,
      claims: claimsOf(request.profile, now),
      // sd padded to one length for every demo token: a verifier cannot tell from it how many
      // claims a holder has (which would show, e.g., whether there is a vaccination record).
      sdLength: SD_LENGTH,
    });
    const record = { cti: toHex(issued.cti), label: request.profile.label, status: request.profile.status, iat: now, exp, kid: this.currentKid };
    this.state.issued = [record, ...this.state.issued].slice(0, MAX_RECORDS);
    this.save();
    return { token: toBase64(issued.token), disclosures: issued.disclosures.map(toBase64), cti: record.cti, iat: now, exp, kid: record.kid };
  }

  /**
   * A pass for a relative without a phone, asked for by a family member (PG1 §10). The document number
   * and name go into the printed pass (id4 and the masked name) and nowhere else: the record kept says
   * only which kind of pass it was.
   */
  issueFamilyPass(request: FamilyPassRequest, now: number = nowSeconds()): FamilyPassResponse {
    // PG1 §10.1: no pass to carry for a red status (its holder is not to pass anywhere).
    if ((request.status as number) !== 0 && (request.status as number) !== 1) throw new Error('no card or printed pass is issued for a red status');
    const key = this.currentKey;
    const exp = now + FAMILY_PASS_LIFETIME;
    const base = { issuerSecret: fromHex(key.secret), iss: ISS, iat: now, exp, status: request.status };
    const pass =
      request.kind === 'card'
        ? issueCardPass({ ...base, serial: fromHex(request.serial) })
        : issuePrintedPass({ ...base, documentNumber: request.documentNumber, name: request.name });
    const record = { cti: toHex(pass.cti), label: `family-${request.kind}`, status: request.status, iat: now, exp, kid: this.currentKid };
    this.state.issued = [record, ...this.state.issued].slice(0, MAX_RECORDS);
    this.save();
    return { presentation: toBase64(pass.presentation), cti: record.cti, iat: now, exp, iss: ISS };
  }

  /** Sets or clears `bound` for a venue category and signs the next trust list with that policy. */
  setBound(category: string, bound: boolean, now: number = nowSeconds()): ListsState {
    if (!Object.prototype.hasOwnProperty.call(demoPolicy(), category)) throw new Error(`no venue category ${category}`);
    const others = (this.state.bound ?? []).filter((c) => c !== category);
    this.state.bound = bound ? [...others, category].sort() : others;
    this.publishTrustList(now);
    this.save();
    return this.listsState();
  }

  records(): IssuedRecord[] {
    const revoked = new Set(this.state.revoked);
    return this.state.issued.map((r) => ({ ...r, revoked: revoked.has(toHex(revokedPrefix(fromHex(r.cti)))) }));
  }

  /** Lists a token in the next revocation list (and its delta); verifiers see it after their next sync. */
  revoke(ctiHex: string, now: number = nowSeconds()): ListsState {
    const prefix = toHex(revokedPrefix(fromHex(ctiHex)));
    if (!this.state.revoked.includes(prefix)) {
      this.state.revoked = [...this.state.revoked, prefix].sort();
      this.publishRevocations(now, { added: [prefix] });
      this.save();
    }
    return this.listsState();
  }

  /**
   * Key rotation by overlapping windows (PG1 §6): the current key stops signing now but stays in the
   * list so that the tokens it signed keep verifying until they expire; a new key signs from now on.
   */
  rotate(now: number = nowSeconds()): ListsState {
    // Windows are [not_before, not_after): +1 keeps a pass the old key signed in this very second valid.
    this.currentKey.notAfter = now + 1;
    this.state.keys.push({ secret: toHex(generateKeyPair().secretKey), notBefore: now, notAfter: now + KEY_LIFETIME });
    this.publishTrustList(now);
    this.save();
    return this.listsState();
  }

  listsState(): ListsState {
    return {
      trustVersion: this.state.trustVersion,
      revocationVersion: this.state.revocationVersion,
      revokedCount: this.state.revoked.length,
      currentKid: this.currentKid,
      boundCategories: [...(this.state.bound ?? [])],
    };
  }

  /**
   * Presentations for the turnstile's throughput test: tokens without cnf (no device key, so they can
   * be replayed), mostly green, some yellow, one red, each revealing only `reveal`.
   */
  stressSet(count: number, reveal: readonly string[], now: number = nowSeconds()): Uint8Array[] {
    const key = fromHex(this.currentKey.secret);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const status = i === count - 1 ? 2 : i % 5 === 4 ? 1 : 0;
      const t = issueToken({ issuerSecret: key, iss: ISS, iat: now, exp: now + TOKEN_LIFETIME, claims: { status, abroad14: false, risk14: false }, sdLength: SD_LENGTH });
      out.push(present({ token: t.token, disclosures: t.disclosures, reveal: [...reveal] }));
    }
    return out;
  }
}
