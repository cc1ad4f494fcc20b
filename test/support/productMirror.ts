/**
 * The reference verifier with the product beside it: a MirroredVerifier answers as the reference does
 * (so the tests that use it read and judge the same), and records every list it is given and every
 * presentation it verifies. A test file that calls mirrorThroughProduct() then has, after each test,
 * the same lists and presentations replayed through the SDK (createVerifier, verify() one by one and
 * verifyBatchLocal() on each run of presentations with the same options), and every difference fails
 * that test; checkThroughCli() adds one test that runs all of them through `passgate verify`, one
 * process per distinct set of lists and options, and one refused list of each refusal code (exit 2).
 *
 * Where the SDK differs by design, the mirror expects the SDK's documented behaviour:
 * - with no trust list applied, the reference answers UNKNOWN_KID; the SDK throws NO_TRUST_LIST (misuse);
 * - a refusal reason has the SDK's name (ListRefusal) for the reference's code (REFUSAL_NAMES); when a
 *   list breaks two rules, either may be named (PG1 gives no order): the SDK checks the version before
 *   the keys, the reference after, so ROLLBACK stands for any reason on a list whose version is not
 *   above the one in force;
 * - an unknown venue is PassgateError UNKNOWN_VENUE; a bad time or skew is BAD_ARGUMENT.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { afterEach, expect, it } from 'vitest';
import { createVerifier, type Verification, type Verifier } from '../../sdk/verifier/verifier.js';
import type { PresentationRead } from '../../sdk/pg1/presentationRead.js';
import type { BatchEntry } from '../../sdk/worker/batchEntries.js';
import { ListRefusedError as SdkListRefusedError, PassgateError, type ListRefusal, type PassgateErrorCode } from '../../sdk/errors.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { Tagged, type CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../../sdk/cbor/valueDecoder.js';
import { ListRefusedError, ReferenceUsageError, ReferenceVerifier, type ReferenceResult, type VerifyOptions } from '../reference/referenceVerifier.js';
import type { ListRefusalCode } from '../reference/errors.js';
import { cliLine, fitsOneLine, runVerifyAll, type CliList, type CliRun } from './cliRunner.js';
import { canonical, difference } from './verificationCompare.js';

/** The SDK's name for each refusal code of the reference. */
export const REFUSAL_NAMES: Record<ListRefusalCode, ListRefusal> = {
  TOO_LARGE: 'TOO_LARGE',
  MALFORMED: 'MALFORMED',
  UNSUPPORTED_ALG: 'UNSUPPORTED_ALG',
  UNKNOWN_ROOT: 'UNTRUSTED_SIGNER',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  ROLLBACK: 'ROLLBACK',
  KID_MISMATCH: 'BAD_KID',
  DUPLICATE_KID: 'DUPLICATE_KID',
  WEAK_KEY: 'WEAK_KEY',
  NO_BASE: 'WRONG_BASE',
  BASE_MISMATCH: 'WRONG_BASE',
  ADD_LISTED: 'BAD_DELTA',
  REMOVE_UNLISTED: 'BAD_DELTA',
};

const USAGE_CODES: Record<string, PassgateErrorCode> = { UNKNOWN_VENUE: 'UNKNOWN_VENUE', BAD_OPTION: 'BAD_ARGUMENT' };

interface ListEvent {
  readonly kind: 'trust' | 'revocations';
  readonly bytes: Uint8Array;
  /** ACCEPTED, or the reference's refusal code. */
  readonly outcome: 'ACCEPTED' | ListRefusalCode;
}

/** What the reference said: a result, or a usage error it threw. */
type VerifyOutcome = { readonly result: ReferenceResult } | { readonly usage: string };

interface VerifyEvent {
  readonly test: string;
  readonly input: string | Uint8Array;
  readonly options: VerifyOptions;
  readonly outcome: VerifyOutcome;
  /** The lists accepted before it, in order: the state it was verified in. */
  readonly lists: readonly ListEvent[];
  readonly roots: readonly Uint8Array[];
}

type MirrorEvent = ({ readonly type: 'list' } & ListEvent) | ({ readonly type: 'verify' } & VerifyEvent);

/** Verifiers with events the product has not seen yet, in the order they first had one. */
const pending = new Set<MirroredVerifier>();
/** Every verification recorded while mirroring, for the command line. */
const verifications: VerifyEvent[] = [];
/** Every list the reference refused while mirroring, with the lists in force before it. */
interface RefusalEvent {
  readonly test: string;
  readonly roots: readonly Uint8Array[];
  readonly before: readonly ListEvent[];
  readonly refused: ListEvent & { readonly outcome: ListRefusalCode };
}
const refusals: RefusalEvent[] = [];
let mirroring = false;

const currentTest = (): string => expect.getState().currentTestName ?? '(outside a test)';

export class MirroredVerifier extends ReferenceVerifier {
  private readonly provisioned: readonly Uint8Array[];
  /** Lists accepted so far (by the reference). */
  private readonly accepted: ListEvent[] = [];
  /** Of those, the ones the product has already been given. */
  private replayed = 0;
  private events: MirrorEvent[] = [];

  constructor(roots: readonly Uint8Array[]) {
    super(roots);
    this.provisioned = roots.map((r) => r.slice());
  }

  private list(kind: 'trust' | 'revocations', bytes: Uint8Array, apply: () => void): void {
    let outcome: ListEvent['outcome'] = 'ACCEPTED';
    try {
      apply();
    } catch (e) {
      if (e instanceof ListRefusedError) {
        outcome = e.code;
        if (mirroring) refusals.push({ test: currentTest(), roots: this.provisioned, before: [...this.accepted], refused: { kind, bytes: bytes.slice(), outcome: e.code } });
      }
      this.record({ type: 'list', kind, bytes: bytes.slice(), outcome });
      throw e;
    }
    const event = { kind, bytes: bytes.slice(), outcome };
    this.accepted.push(event);
    this.record({ type: 'list', ...event });
  }

  override applyTrustList(bytes: Uint8Array): void {
    this.list('trust', bytes, () => super.applyTrustList(bytes));
  }

  override applyRevocations(bytes: Uint8Array): void {
    this.list('revocations', bytes, () => super.applyRevocations(bytes));
  }

  override verify(input: string | Uint8Array, options: VerifyOptions): ReferenceResult {
    let result: ReferenceResult;
    try {
      result = super.verify(input, options);
    } catch (e) {
      if (mirroring && e instanceof ReferenceUsageError) this.recordVerify(input, options, { usage: e.code });
      throw e;
    }
    if (mirroring) this.recordVerify(input, options, { result });
    return result;
  }

  private recordVerify(input: string | Uint8Array, options: VerifyOptions, outcome: VerifyOutcome): void {
    const event: VerifyEvent = {
      test: currentTest(),
      input: typeof input === 'string' ? input : input.slice(),
      options: { ...options, ...(options.nonce ? { nonce: options.nonce.slice() } : {}), ...(options.card ? { card: options.card.slice() } : {}) },
      outcome,
      lists: [...this.accepted],
      roots: this.provisioned,
    };
    verifications.push(event);
    this.record({ type: 'verify', ...event });
  }

  private record(event: MirrorEvent): void {
    this.events.push(event);
    pending.add(this);
  }

  /**
   * Replays what happened since the last call through a fresh SDK verifier (given the lists accepted
   * before first); returns every difference found, one line each.
   */
  async replay(): Promise<string[]> {
    const events = this.events;
    this.events = [];
    const problems: string[] = [];
    const product = await createVerifier({ roots: this.provisioned, storage: null, destroyAtSunset: false, now: () => 0 });
    try {
      for (const l of this.accepted.slice(0, this.replayed)) await applyList(product, l);
      let run: (VerifyEvent & { type: 'verify' })[] = [];
      const flush = (): void => {
        problems.push(...compareBatch(product, run));
        run = [];
      };
      let accepted = this.accepted.slice(0, this.replayed);
      for (const e of events) {
        if (e.type === 'list') {
          flush();
          problems.push(...(await compareList(product, e, accepted)));
          if (e.outcome === 'ACCEPTED') accepted = [...accepted, e];
          continue;
        }
        problems.push(...compareOne(product, e));
        if (run.length > 0 && optionsKey(run[0]!.options) !== optionsKey(e.options)) flush();
        run.push(e);
      }
      flush();
    } finally {
      await product.destroy();
    }
    this.replayed = this.accepted.length;
    return problems;
  }
}

async function applyList(product: Verifier, l: ListEvent): Promise<void> {
  if (l.kind === 'trust') await product.applyTrustList(l.bytes);
  else await product.applyRevocations(l.bytes);
}

const describeInput = (input: string | Uint8Array): string => {
  const text = typeof input === 'string' ? JSON.stringify(input) : `bytes ${toHex(input)}`;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** The version (key 1) of a signed list's payload, or null when it cannot be read. */
function versionOf(bytes: Uint8Array): bigint | null {
  try {
    const sign1 = decodeValue(bytes);
    const payload = sign1 instanceof Tagged ? (sign1.value as CborValue[])[2] : null;
    const version = payload instanceof Uint8Array ? (decodeValue(payload) as Map<CborValue, CborValue>).get(1) : null;
    return typeof version === 'number' || typeof version === 'bigint' ? BigInt(version) : null;
  } catch {
    return null;
  }
}

/** The version in force for lists of this kind before `e` (trust lists and revocations count apart). */
function versionInForce(accepted: readonly ListEvent[], kind: ListEvent['kind']): bigint | null {
  const last = accepted.filter((l) => l.kind === kind).at(-1);
  return last === undefined ? null : versionOf(last.bytes);
}

async function compareList(product: Verifier, e: ListEvent, before: readonly ListEvent[]): Promise<string[]> {
  let got: string = 'ACCEPTED';
  try {
    await applyList(product, e);
  } catch (x) {
    if (!(x instanceof SdkListRefusedError)) return [`${e.kind} list: the SDK threw ${String(x)}; the reference: ${e.outcome}`];
    got = x.reason;
  }
  const want = e.outcome === 'ACCEPTED' ? 'ACCEPTED' : REFUSAL_NAMES[e.outcome];
  const inForce = versionInForce(before, e.kind);
  const version = versionOf(e.bytes);
  const alsoRollback = want !== 'ACCEPTED' && got === 'ROLLBACK' && inForce !== null && version !== null && version <= inForce;
  return got === want || alsoRollback ? [] : [`${e.kind} list: the SDK ${got === 'ACCEPTED' ? 'accepted it' : `refused it (${got})`}; the reference ${e.outcome === 'ACCEPTED' ? 'accepted it' : `refused it (${e.outcome})`}`];
}

function productOptions(o: VerifyOptions): { now: number; venue?: string; nonce?: Uint8Array; skew?: number } {
  return {
    now: o.now,
    ...(o.venue === undefined ? {} : { venue: o.venue }),
    ...(o.nonce ? { nonce: o.nonce } : {}),
    ...(o.skew === undefined ? {} : { skew: o.skew }),
  };
}

/** What was read with the presentation (PG1 §10): verify()'s options, verifyBatch's per item. */
function readOf(o: VerifyOptions): PresentationRead {
  return { ...(o.card ? { card: o.card } : {}), ...(o.document ? { document: o.document } : {}) };
}

/** The item verifyBatch takes for a verification: the presentation, with what was read with it. */
function batchItemOf(e: VerifyEvent): BatchEntry {
  const read = readOf(e.options);
  return Object.keys(read).length === 0 ? e.input : { presentation: e.input, ...read };
}

/** The line `passgate verify` takes: the presentation, or a read of §10.4 when something was read with it. */
function cliInputLine(e: VerifyEvent): string {
  const { card, document } = e.options;
  if (!card && !document) return cliLine(e.input);
  return JSON.stringify({ presentation: cliLine(e.input), ...(card ? { card: toHex(card) } : {}), ...(document ? { document } : {}) });
}

const optionsKey = (o: VerifyOptions): string => JSON.stringify([o.now, o.venue ?? null, o.nonce ? toHex(o.nonce) : null, o.skew ?? null]);

/** The PassgateError code the SDK must throw instead of answering, or null when it must answer. */
function expectedThrow(e: VerifyEvent): PassgateErrorCode | null {
  if ('usage' in e.outcome) return USAGE_CODES[e.outcome.usage] ?? 'BAD_ARGUMENT';
  if (!e.lists.some((l) => l.kind === 'trust')) return 'NO_TRUST_LIST';
  return null;
}

function outcomeOf(call: () => Verification): Verification | PassgateErrorCode | string {
  try {
    return call();
  } catch (x) {
    return x instanceof PassgateError ? x.code : `a raw ${String(x)}`;
  }
}

function compareOne(product: Verifier, e: VerifyEvent): string[] {
  const got = outcomeOf(() => product.verify(e.input, { ...productOptions(e.options), ...readOf(e.options) }));
  return judge(e, got, 'verify()');
}

function compareBatch(product: Verifier, run: readonly VerifyEvent[]): string[] {
  if (run.length === 0) return [];
  const options = productOptions(run[0]!.options);
  let got: (Verification | PassgateErrorCode | string)[];
  try {
    got = product.verifyBatchLocal(run.map(batchItemOf), options);
  } catch (x) {
    got = run.map(() => (x instanceof PassgateError ? x.code : `a raw ${String(x)}`));
  }
  return run.flatMap((e, i) => judge(e, got[i]!, `verifyBatchLocal() of ${run.length}`));
}

function judge(e: VerifyEvent, got: Verification | PassgateErrorCode | string, how: string): string[] {
  const thrown = expectedThrow(e);
  const at = `${how} on ${describeInput(e.input)} ${optionsKey(e.options)}`;
  if (typeof got === 'string') return got === thrown ? [] : [`${at}: threw ${got}, expected ${thrown ?? ('result' in e.outcome ? e.outcome.result.result : '?')}`];
  if (thrown !== null) return [`${at}: answered ${got.result}, expected it to throw ${thrown}`];
  const diff = difference(got, (e.outcome as { result: ReferenceResult }).result);
  return diff === null ? [] : [`${at}: ${diff}`];
}

/** After each test of the calling file, the lists and verifications of that test go through the SDK. */
export function mirrorThroughProduct(): void {
  mirroring = true;
  afterEach(async () => {
    const problems: string[] = [];
    for (const v of [...pending]) {
      pending.delete(v);
      problems.push(...(await v.replay()));
    }
    expect(problems, 'the SDK disagrees with the reference').toEqual([]);
  });
}

/** Whether `passgate verify` can be given this verification (PG1 §9): one text line, lists, a clock. */
function fitsCli(e: VerifyEvent): boolean {
  return 'result' in e.outcome && e.lists.some((l) => l.kind === 'trust') && fitsOneLine(e.input);
}

const listsKey = (lists: readonly ListEvent[]): string => lists.map((l) => `${l.kind}:${toHex(sha256(l.bytes))}`).join(' ');

/**
 * One refused list of each refusal code, the one given with the fewest lists of its kind before it
 * (so that no version question muddles the reason): `passgate verify` must exit 2 before reading
 * input and name the SDK's reason (§9).
 */
function refusalRuns(): { event: RefusalEvent; run: CliRun }[] {
  const byCode = new Map<ListRefusalCode, RefusalEvent>();
  const sameKindBefore = (e: RefusalEvent): number => e.before.filter((l) => l.kind === e.refused.kind).length;
  for (const e of refusals) {
    const best = byCode.get(e.refused.outcome);
    if (best === undefined || sameKindBefore(e) < sameKindBefore(best)) byCode.set(e.refused.outcome, e);
  }
  return [...byCode.values()].map((event) => ({
    event,
    run: { roots: event.roots, lists: [...event.before, event.refused].map((l): CliList => ({ kind: l.kind, bytes: l.bytes })), now: 0, lines: [''] },
  }));
}

/**
 * One test that sends every verification recorded so far in the file (call it last) through
 * `passgate verify`: grouped by roots, lists and options into as few processes as that allows.
 */
export function checkThroughCli(): void {
  it('every verification above, and each kind of refused list, through passgate verify, agrees with the reference', async () => {
    const groups = new Map<string, VerifyEvent[]>();
    for (const e of verifications.filter(fitsCli)) {
      const key = `${e.roots.map(toHex).join(',')}|${listsKey(e.lists)}|${optionsKey(e.options)}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const batches = [...groups.values()];
    const runs: CliRun[] = batches.map((events) => {
      const { options, lists, roots } = events[0]!;
      return {
        roots,
        lists: lists.map((l): CliList => ({ kind: l.kind, bytes: l.bytes })),
        now: options.now,
        ...(options.venue === undefined ? {} : { venue: options.venue }),
        ...(options.nonce ? { nonce: options.nonce } : {}),
        ...(options.skew === undefined ? {} : { skew: options.skew }),
        lines: events.map(cliInputLine),
      };
    });
    const refused = refusalRuns();
    const outs = await runVerifyAll([...runs, ...refused.map((r) => r.run)]);
    const problems: string[] = [];
    refused.forEach(({ event }, i) => {
      const out = outs[runs.length + i]!;
      const reason = REFUSAL_NAMES[event.refused.outcome];
      if (out.status !== 2 || out.results.length !== 0 || !out.stderr.includes(`(${reason})`)) {
        problems.push(`${event.test}: a ${event.refused.kind} list the reference refuses (${event.refused.outcome}): passgate verify exited ${out.status}, wrote ${out.results.length} line(s), said ${JSON.stringify(out.stderr.trim())}; expected exit 2 naming ${reason}`);
      }
    });
    batches.forEach((events, i) => {
      const out = outs[i]!;
      if (out.status !== 0 || out.results.length !== events.length) {
        problems.push(`${events[0]!.test}: passgate verify exited ${out.status} with ${out.results.length} of ${events.length} lines: ${out.stderr.trim()}`);
        return;
      }
      events.forEach((e, j) => {
        const want = canonical((e.outcome as { result: ReferenceResult }).result, true);
        const got = canonical(out.results[j], true);
        if (got !== want) problems.push(`${e.test}: line ${cliLine(e.input).slice(0, 60)}… ${optionsKey(e.options)}: passgate verify ${got}, reference ${want}`);
      });
    });
    console.log(`passgate verify: ${verifications.filter(fitsCli).length} of ${verifications.length} verifications in ${runs.length} processes, and ${refused.length} refused lists (one of each refusal code) in ${refused.length} more`);
    expect(problems).toEqual([]);
  });
}
