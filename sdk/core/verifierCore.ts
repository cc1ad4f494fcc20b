import type { CoreExports } from './coreExports.js';
import { CoreMemory } from './coreMemory.js';
import { limitMemory } from './coreInstance.js';
import type { IssuerKey } from '../pg1/trustList.js';
import type { Rule } from '../pg1/policy.js';
import type { Uint } from '../cbor/shape.js';
import { PassgateError } from '../errors.js';
import type { DisclosedValue } from '../pg1/claimValues.js';
import { filterShardProblem, MAX_FILTER_SHARDS, type FilterShard } from '../pg1/revocationFilter.js';
import { comparePrefix } from '../pg1/revocationList.js';

/**
 * What the core reports for one presentation: the code, the issuer's index and the disclosures (OK and
 * policy codes only). From outputs() they are views into the core's memory, handed to a sink
 * (CoreOutputSink) before the core's memory is zeroised; a ResultPacker copies them into a buffer.
 */
export interface CoreOutputs {
  readonly code: number;
  readonly issuerIndex: number;
  readonly disclosures: readonly DisclosedValue[];
}

/**
 * A presentation for a batch: raw bytes, or text (PG1: or hex) as bytes or as a string; with the read
 * record of what was read with it (PG1 §10, sdk/pg1/presentationRead.ts), if anything was.
 */
export type BatchInput = ({ readonly bytes: Uint8Array; readonly isText: boolean } | { readonly text: string }) & { readonly read?: Uint8Array };

export interface CoreVerifyOptions {
  readonly now: bigint;
  readonly skew: bigint;
  readonly nonce?: Uint8Array;
  readonly rule?: Rule;
  /** The read record (card serial, identity document) of verify()'s presentation. */
  readonly read?: Uint8Array;
}

/** The revocation state in force as the core holds it (PG1 §7). */
export interface CoreRevocationState {
  /** The expires of the last list, filter or delta applied (§5 step 1). */
  readonly expires: Uint;
  /**
   * 8-byte prefixes H(cti)[0..8], concatenated, strictly ascending: the list with its deltas merged,
   * or, on a filter, the deltas' own added set.
   */
  readonly prefixes: Uint8Array;
  /** The filter in force, if the base is one: exact for tokens with iat <= covers. */
  readonly filter?: { readonly covers: Uint; readonly shards: readonly FilterShard[] };
}

export interface VerifierCoreOptions {
  /**
   * Bytes of per-issuer precomputed (comb) tables, 165,120 bytes a key (default 16 MiB, 101 keys; 0:
   * none). Keys beyond it verify on the plain path: same results, about twice the time. Tables follow
   * use (assembly/pg1/combCache.ts, docs/core.md).
   */
  readonly precomputeBytes?: number;
  /** A cap on the core's linear memory, in 64 KiB pages: updates that need more fail as OUT_OF_MEMORY. */
  readonly maxMemoryPages?: number;
}

/**
 * Where the batch path puts each presentation's outputs while they are still views into the core's
 * memory; ResultPacker, which copies them into one transferable buffer, is one. Declared here so that
 * this module does not import the packer's, which imports CoreOutputs from here (a cycle).
 */
export interface CoreOutputSink {
  add(out: CoreOutputs): void;
}

export const DEFAULT_PRECOMPUTE_BYTES = 16 * 1024 * 1024;
const U32_MAX = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;
const align8 = (n: number): number => (n + 7) & ~7;

/** Bytes the core reserves for a filter's tables (each padded to 8). */
function tableBytesOf(shards: readonly FilterShard[]): number {
  let n = 0;
  for (const sh of shards) n += align8(sh.stage1.table.length) + align8(sh.stage2.table.length);
  return n;
}

/** Why the core would refuse a revocation state for its content, or null. */
function revocationStateProblem(state: CoreRevocationState | null): string | null {
  if (!state) return null;
  const p = state.prefixes;
  if (p.length % 8 !== 0) return 'revocation prefixes are not 8 bytes each';
  for (let i = 8; i < p.length; i += 8) if (comparePrefix(p, i - 8, p, i) >= 0) return 'revocation prefixes are not strictly ascending';
  const shards = state.filter?.shards;
  if (!shards) return null;
  if (shards.length === 0 || shards.length > MAX_FILTER_SHARDS || (shards.length & (shards.length - 1)) !== 0) {
    return `a filter has a power of two from 1 to 65,536 shards, not ${shards.length}`;
  }
  for (const [i, sh] of shards.entries()) {
    const problem = filterShardProblem(sh);
    if (problem !== null) return `filter shard ${i} breaks the geometry of PG1 §7.3: ${problem}`;
  }
  return null;
}

function byteCount(value: number | undefined, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new PassgateError('BAD_ARGUMENT', `${what} must be a non-negative integer, got ${String(value)}`);
  return Math.min(value, U32_MAX);
}
const toU64 = (v: Uint): bigint => BigInt.asIntN(64, BigInt(v));
const RULE_REQUIRE_MAX = 256;
const CLAIMS_FROM = 18; // codes >= BINDING_REQUIRED are policy codes, which report claims too
/** The core's batch size (assembly/pg1/batch.ts MAX_BATCH_ITEMS). */
export const BATCH_MAX = 64;

/** The verification half of the core: trust material in force, and presentations. */
export class VerifierCore {
  private readonly mem: CoreMemory;
  private readonly output: number;
  private readonly table: number;
  private readonly rule: number;
  private readonly encoder = new TextEncoder();

  constructor(private readonly core: CoreExports, options: VerifierCoreOptions = {}) {
    this.mem = new CoreMemory(core);
    this.output = core.outputBuffer();
    this.table = core.disclosureTable();
    this.rule = core.ruleBuffer();
    if (options.maxMemoryPages !== undefined) limitMemory(core, options.maxMemoryPages);
    core.precomputeBudget(byteCount(options.precomputeBytes, 'precomputeBytes', DEFAULT_PRECOMPUTE_BYTES));
  }

  /** Strict check of a key that is to be trusted: canonical and not of small order. */
  keyStatus(pub: Uint8Array): number {
    const [at] = this.mem.place([pub]) as [number];
    return this.core.ed25519CheckPublicKey(at);
  }

  /** Runs a staged update: on any failure the core drops the stage and keeps the state in force. */
  private staged(update: () => void): void {
    try {
      update();
    } catch (e) {
      this.core.updateAbort();
      throw e;
    }
  }

  /**
   * Puts a trust list's issuers, expiry and sunset in force, all or nothing: OUT_OF_MEMORY leaves the
   * core exactly as it was. The revocation state stays; keys that stay keep their comb tables.
   */
  loadTrust(issuers: readonly IssuerKey[], expires: Uint, sunset: Uint | undefined): void {
    const c = this.core;
    if (c.trustBegin(issuers.length) !== 0) throw new PassgateError('OUT_OF_MEMORY', `the core cannot hold ${issuers.length} issuer keys`);
    this.staged(() => {
      issuers.forEach((k, i) => {
        const iss = this.encoder.encode(k.iss);
        const [kid, pub, issAt] = this.mem.place([k.kid, k.pub, iss]) as [number, number, number];
        const status = c.trustSetIssuer(i, kid, pub, issAt, iss.length, toU64(k.notBefore), toU64(k.notAfter),
          toU64(k.revokedAt ?? 0), k.revokedAt === undefined ? 0 : 1);
        // The SDK checked every key before (listAcceptance.ts): a refusal here is a caller's bug.
        if (status !== 0) throw new PassgateError('BAD_ARGUMENT', `issuer ${i} refused by the core (${status})`);
      });
      if (c.trustCommit(toU64(expires), sunset === undefined ? 0 : 1, toU64(sunset ?? 0)) !== 0) {
        throw new PassgateError('BAD_ARGUMENT', 'a kid repeats in the trust list');
      }
    });
  }

  /**
   * Puts a revocation state in force (null: none), all or nothing: OUT_OF_MEMORY leaves the core
   * exactly as it was, and so does BAD_ARGUMENT (prefixes not strictly ascending, a shard that breaks
   * §7.3). The issuer tables are untouched. The prefixes and filter tables are copied into the core once.
   */
  loadRevocations(state: CoreRevocationState | null): void {
    const c = this.core;
    const problem = revocationStateProblem(state);
    if (problem !== null) throw new PassgateError('BAD_ARGUMENT', problem);
    const prefixes = state?.prefixes ?? new Uint8Array(0);
    const shards = state?.filter?.shards ?? [];
    const tableBytes = tableBytesOf(shards);
    const at = c.revocationsBegin(prefixes.length / 8, shards.length, BigInt(tableBytes), toU64(state?.filter?.covers ?? 0));
    if (at === 0) throw new PassgateError('OUT_OF_MEMORY', `the core cannot hold ${prefixes.length + tableBytes} bytes of revocation state`);
    this.staged(() => {
      this.mem.bytes().set(prefixes, at);
      shards.forEach((sh, i) => {
        const { stage1: one, stage2: two } = sh;
        const t1 = c.revocationsShard(i, BigInt.asIntN(64, one.seed), sh.r, one.segmentLength, one.segmentCount, one.table.length,
          BigInt.asIntN(64, two.seed), two.segmentLength, two.segmentCount, two.table.length);
        if (t1 === 0) throw new PassgateError('BAD_ARGUMENT', `filter shard ${i} breaks the geometry of PG1 §7.3`);
        const mem = this.mem.bytes();
        mem.set(one.table, t1);
        mem.set(two.table, t1 + align8(one.table.length));
      });
      if (c.revocationsCommit(state ? 1 : 0, toU64(state?.expires ?? 0)) !== 0) {
        throw new PassgateError('BAD_ARGUMENT', 'revocation prefixes are not strictly ascending');
      }
    });
  }

  /**
   * Puts a trust list and a revocation state in force together, all or nothing (a restored state,
   * another verifier's): memory for both is reserved and the revocation state checked before anything
   * changes, so that once loadTrust has succeeded loadRevocations cannot fail. For an update of one
   * of them, loadTrust or loadRevocations alone does less work.
   */
  load(issuers: readonly IssuerKey[], expires: Uint, sunset: Uint | undefined, revocations: CoreRevocationState | null): void {
    const problem = revocationStateProblem(revocations);
    if (problem !== null) throw new PassgateError('BAD_ARGUMENT', problem);
    const shards = revocations?.filter?.shards ?? [];
    const prefixCount = (revocations?.prefixes.length ?? 0) / 8;
    if (this.core.updateReserve(issuers.length, prefixCount, shards.length, BigInt(tableBytesOf(shards))) !== 0) {
      throw new PassgateError('OUT_OF_MEMORY', `the core cannot hold ${issuers.length} issuer keys and the revocation state`);
    }
    this.loadTrust(issuers, expires, sunset);
    this.loadRevocations(revocations);
  }

  /** Whether the state in force revokes the token with this prefix H(cti)[0..8] and this iat (step 8). */
  isRevoked(prefix: Uint8Array, iat: Uint): boolean {
    if (prefix.length !== 8) throw new PassgateError('BAD_ARGUMENT', 'a revocation prefix is 8 bytes');
    const [at] = this.mem.place([prefix]) as [number];
    return this.core.revocationsLookup(at, toU64(iat)) === 1;
  }

  /** Whether issuer `index` of the trust list in force has a comb table now (the policy of docs/core.md). */
  hasPrecomputedTable(index: number): boolean {
    return this.core.issuerPrecomputed(index) === 1;
  }

  /**
   * Parses a signed list and verifies it under the first root whose kid matches; returns the payload
   * bytes, or a refusal reason.
   */
  openSigned(bytes: Uint8Array, roots: readonly { kid: Uint8Array; pub: Uint8Array }[]):
    { payload: Uint8Array; signer: Uint8Array } | { refusal: 'MALFORMED' | 'UNSUPPORTED_ALG' | 'UNTRUSTED_SIGNER' | 'BAD_SIGNATURE' } {
    const c = this.core;
    // The candidate keys go in with the list, so nothing placed later can move what was parsed.
    const [at, ...keyAt] = this.mem.place([bytes, ...roots.map((r) => r.pub)]) as [number, ...number[]];
    const parsed = c.coseParse(at, bytes.length, 1);
    if (parsed === 3) return { refusal: 'MALFORMED' };
    if (parsed === 4) return { refusal: 'UNSUPPORTED_ALG' };
    const kid = this.mem.read(c.coseKidAt(), 8);
    const index = roots.findIndex((r) => r.kid.every((b, i) => b === kid[i]));
    if (index < 0) return { refusal: 'UNTRUSTED_SIGNER' };
    if (c.coseVerifyWith(keyAt[index]!) !== 0) return { refusal: 'BAD_SIGNATURE' };
    return { payload: this.mem.read(c.cosePayloadAt(), c.cosePayloadLength()), signer: roots[index]!.pub };
  }

  /**
   * Verifies any RFC 9052 COSE_Sign1 (headers not restricted to PG1's) under an Ed25519 key: the same
   * parsing and Sig_structure hashing as PG1 lists, for checking third-party examples.
   */
  verifyAnySign1(bytes: Uint8Array, pub: Uint8Array): boolean {
    const [at, keyAt] = this.mem.place([bytes, pub]) as [number, number];
    return this.core.coseParse(at, bytes.length, 0) === 0 && this.core.coseVerifyWith(keyAt) === 0;
  }

  /**
   * SHA-256 of bytes of any length (list digests, kids), passed through the I/O area piece by piece, so
   * that a 64 MiB filter does not grow memory.
   */
  sha256(bytes: Uint8Array): Uint8Array {
    const { io, ioCapacity } = this.mem;
    this.core.sha256Init();
    for (let at = 0; at < bytes.length; at += ioCapacity) {
      const piece = bytes.subarray(at, at + ioCapacity);
      this.mem.bytes().set(piece, io);
      this.core.sha256Update(io, piece.length);
    }
    this.core.sha256Final(io);
    return this.mem.read(io, 32);
  }

  /** Strict §1 validation of a document (no tags). */
  isStrictCbor(bytes: Uint8Array): boolean {
    const [at] = this.mem.place([bytes]) as [number];
    return this.core.cborValidate(at, bytes.length, 0) === 0;
  }

  private writeRule(rule: Rule): void {
    const view = this.mem.data();
    const r = this.rule;
    let allow = 0;
    for (const s of rule.allow) if (s >= 0 && s < 32) allow |= 1 << s;
    // More distinct keys than the core's rule holds (256) is more than a 4,096-byte presentation can
    // disclose (fewer than 200): such a rule can only answer CLAIM_REQUIRED, which the flag says.
    const distinct = [...new Set((rule.require ?? []).map((k) => BigInt(k) & U64_MAX))];
    const require = distinct.length > RULE_REQUIRE_MAX ? [] : distinct;
    let flags = distinct.length > RULE_REQUIRE_MAX ? 16 : 0;
    if (rule.natMaxAge !== undefined) flags |= 1;
    if (rule.minDoses !== undefined) flags |= 2;
    if (rule.denyAbroad14 === true) flags |= 4;
    if (rule.denyRisk14 === true) flags |= 8;
    if (rule.bound === true) flags |= 32;
    view.setUint32(r, allow >>> 0, true);
    view.setUint32(r + 4, flags, true);
    view.setBigUint64(r + 8, BigInt(rule.natMaxAge ?? 0), true);
    view.setBigUint64(r + 16, BigInt(rule.minDoses ?? 0), true);
    view.setUint32(r + 24, require.length, true);
    require.forEach((k, i) => view.setBigUint64(r + 32 + 8 * i, k, true));
  }

  /**
   * The outputs of the last verification as views into the core's memory (valid until the next call):
   * the code, the issuer's index and the disclosures, for OK and the policy codes only.
   */
  private outputs(code: number): CoreOutputs {
    if (code !== 0 && code < CLAIMS_FROM) return { code, issuerIndex: -1, disclosures: [] };
    const view = this.mem.data();
    const bytes = this.mem.bytes();
    const count = view.getUint32(this.output + 24, true);
    const disclosures: DisclosedValue[] = [];
    for (let i = 0; i < count; i++) {
      const e = this.table + 24 * i;
      const low = view.getUint32(e, true), high = view.getUint32(e + 4, true);
      const at = view.getUint32(e + 8, true);
      disclosures.push({
        key: high === 0 ? low : view.getBigUint64(e, true),
        value: bytes.subarray(at, at + view.getUint32(e + 12, true)),
      });
    }
    return { code, issuerIndex: view.getUint32(this.output + 4, true), disclosures };
  }

  /**
   * Verifies one presentation: raw bytes, or text (PG1: + base45, or hex). Its outputs go to `packer`
   * while they are views into the core's memory; input, outputs and the disclosure table are zeroised
   * before this returns. Returns the result code.
   */
  verifyInto(input: Uint8Array, isText: boolean, opts: CoreVerifyOptions, packer: CoreOutputSink): number {
    const c = this.core;
    const io = this.mem.io;
    const nonce = opts.nonce;
    const read = opts.read;
    const align16 = (n: number): number => (n + 15) & ~15;
    const fits = align16(input.length) + align16(nonce?.length ?? 0) + (read?.length ?? 0) <= this.mem.ioCapacity;
    const mem = this.mem.bytes();
    let nonceAt = 0, readAt = 0, end = io;
    if (fits) {
      mem.set(input, io);
      nonceAt = io + align16(input.length);
      if (nonce) mem.set(nonce, nonceAt);
      end = nonceAt + (nonce?.length ?? 0);
      if (read) {
        readAt = nonceAt + align16(nonce?.length ?? 0);
        mem.set(read, readAt);
        end = readAt + read.length;
      }
    }
    if (opts.rule) this.writeRule(opts.rule);
    const inputLen = fits ? input.length : this.mem.ioCapacity + 1;
    try {
      const out = this.outputs(c.verify(io, inputLen, isText ? 1 : 0, opts.now, opts.skew, nonceAt, nonce?.length ?? 0,
        nonce ? 1 : 0, opts.rule ? 1 : 0, readAt));
      packer.add(out);
      return out.code;
    } finally {
      c.verifyDone(io, end - io);
    }
  }

  /**
   * Verifies up to 64 presentations with one batch equation for all their signatures (bisection finds
   * bad ones), then finishes each with its verdicts: the same results as verifyInto(), added to `packer` in
   * input order. Returns how many
   * signature equations failed (what the bisection had to find: the batch governor's signal).
   */
  verifyBatch(inputs: readonly BatchInput[], opts: CoreVerifyOptions, packer: CoreOutputSink): number {
    return this.batch(inputs, opts, (code) => packer.add(this.outputs(code)));
  }

  private batch(inputs: readonly BatchInput[], opts: CoreVerifyOptions, collect: (code: number) => void): number {
    const c = this.core;
    if (inputs.length > BATCH_MAX) throw new RangeError(`at most ${BATCH_MAX} presentations per core batch`);
    const nonce = opts.nonce ?? new Uint8Array(0);
    const limit = this.mem.ioCapacity;
    // Inputs too large for the I/O area are MALFORMED (or a step-1 code): verify() decides those.
    // 16 bytes from the platform CSPRNG per possible equation (two per presentation).
    const random = crypto.getRandomValues(new Uint8Array(32 * inputs.length));
    // Before the inputs go to scratch memory: batchBegin may build a comb table, which moves scratch.
    c.batchBegin(opts.now, opts.skew);
    // Text goes straight into the core's memory as UTF-8 (no copy on the JavaScript heap); text that
    // could need more than the I/O area cannot be a presentation of 4,096 bytes in any transport.
    const tooLarge = inputs.map((x) => ('text' in x ? 3 * x.text.length : x.bytes.length) > limit);
    // The read records (card serial, document) go last: one region, zeroised after the batch.
    const reads = inputs.map((x) => x.read ?? new Uint8Array(0));
    const parts = [nonce, random, ...inputs.map((x, i) => (tooLarge[i] ? new Uint8Array(0) : 'text' in x ? x.text : x.bytes)), ...reads];
    const placed = this.mem.placeScratch(parts);
    const [nonceAt, randomAt, ...at] = placed.at as [number, number, ...number[]];
    const readAt = at.splice(inputs.length);
    const inputLength = placed.length.slice(2, 2 + inputs.length);
    random.fill(0);
    if (opts.rule) this.writeRule(opts.rule);
    const hasNonce = opts.nonce ? 1 : 0;
    // -1: verified on its own (too large for the I/O area); < -1: final code after steps 1-3; else raw length.
    const prepared: number[] = [];
    inputs.forEach((x, i) => {
      const isText = 'text' in x || x.isText;
      prepared[i] = tooLarge[i] ? -1 : c.batchPrepare(i, at[i]!, inputLength[i]!, isText ? 1 : 0, nonceAt, nonce.length, hasNonce) - 1;
    });
    c.batchCheck(randomAt);
    let failedEquations = 0;
    for (let e = 0, n = c.batchEquations(); e < n; e++) if (c.batchEquationVerdict(e) === 2) failedEquations++;
    const mem = this.mem;
    try {
      inputs.forEach((_, i) => {
        const p = prepared[i]!;
        if (p === -1) return collect(c.verify(this.mem.io, limit + 1, 0, opts.now, opts.skew, 0, 0, 0, 0, 0));
        if (p < -1) return collect(-p - 2);
        try {
          return collect(c.batchFinishItem(i, at[i]!, p + 1, nonceAt, nonce.length, hasNonce, opts.rule ? 1 : 0, reads[i]!.length > 0 ? readAt[i]! : 0));
        } finally {
          c.verifyDone(at[i]!, inputLength[i]!);
        }
      });
      return failedEquations;
    } finally {
      mem.bytes().fill(0, nonceAt, randomAt + 32 * inputs.length);
      if (inputs.length > 0) mem.bytes().fill(0, readAt[0]!, readAt[inputs.length - 1]! + reads[inputs.length - 1]!.length);
    }
  }

  /** Zeroises all of the core's memory; the core is unusable afterwards. */
  wipe(): void {
    this.core.wipe();
  }
}
