/**
 * The turnstile's verifier, in a Web Worker: checks never block the page, and the verifier (with its
 * own WebAssembly core and the IndexedDB store) lives here, created inside the worker. Taps arrive
 * straight from the NFC stand-in channel; the page only draws what the worker reports.
 */
/// <reference lib="webworker" />
import { PassgateError, type Verifier } from '../../../sdk/index.js';
import { decodeNdefMessage } from '../../../sdk/card/ndefMessage.js';
import { fromBase64, toHex } from '../shared/base64.js';
import { CONTROL_CHANNEL, NFC_CHANNEL, type ControlMessage, type NfcMessage } from '../shared/channels.js';
import { API_PREFIX, type Provisioning, type StressSet } from '../shared/demoApi.js';
import { clockWithOffset } from '../clock.js';
import { followDestruction, openVerifier, syncVerifier } from '../trust.js';
import type { FromWorker, ToWorker, TrustSummary } from './protocol.js';

declare const self: DedicatedWorkerGlobalScope;

const STRESS_CHUNK = 500;
/** The scan log keeps a week of hourly counts (no per-scan rows, nothing about anyone). */
const SCAN_LOG_RETENTION = 7 * 86_400;

let verifier: Verifier | undefined;
let provisioning: Provisioning | undefined;
let venue = 'transit';
/** A fresh nonce per tap: a recorded tap replayed later fails the holder binding (PG1 §4). */
let nonce = crypto.getRandomValues(new Uint8Array(16));
const nfc = new BroadcastChannel(NFC_CHANNEL);
const control = new BroadcastChannel(CONTROL_CHANNEL);

function post(m: FromWorker): void {
  self.postMessage(m);
}

function summary(v: Verifier): TrustSummary {
  const rl = v.revocationList;
  return { trustVersion: String(v.trustList?.version ?? '-'), revocationVersion: String(rl?.version ?? '-'), revokedCount: rl?.count ?? 0 };
}

function usable(): Verifier | undefined {
  return verifier && !verifier.isDestroyed && verifier.trustList ? verifier : undefined;
}

nfc.addEventListener('message', (e: MessageEvent<NfcMessage>) => {
  const v = usable();
  if (!v) return;
  const m = e.data;
  if (m.type === 'hello') {
    nfc.postMessage({ type: 'reader', venue, nonce: toHex(nonce) } satisfies NfcMessage);
  } else if (m.type === 'tap') {
    const t0 = performance.now();
    const { result } = v.verify(m.bytes, { venue, nonce });
    const ms = performance.now() - t0;
    nonce = crypto.getRandomValues(new Uint8Array(16));
    nfc.postMessage({ type: 'verdict', result } satisfies NfcMessage);
    post({ type: 'checked', result, ms });
  } else if (m.type === 'card') {
    // A silent check: the card's pass with the serial it was read from (PG1 §10.1), and nothing else.
    const t0 = performance.now();
    const result = checkCard(v, m.serial, m.message);
    const ms = performance.now() - t0;
    nfc.postMessage({ type: 'verdict', result } satisfies NfcMessage);
    post({ type: 'checked', result, ms });
  }
});

/**
 * One card tap decided. The serial and the message are used for this decision and wiped after it: the
 * gate keeps no trace of which card passed (the scan log counts results only). A card that holds no
 * readable pass is MALFORMED (docs/card.md, C-6).
 */
function checkCard(v: Verifier, serial: Uint8Array, message: Uint8Array): string {
  try {
    return v.verify(decodeNdefMessage(message), { venue, card: serial }).result;
  } catch (e) {
    if (e instanceof PassgateError) throw e; // misuse (no trust list, unknown venue): not the card's fault
    return 'MALFORMED';
  } finally {
    serial.fill(0);
    message.fill(0);
  }
}

control.addEventListener('message', (e: MessageEvent<ControlMessage>) => {
  const v = verifier;
  if (!v) return;
  // The SDK may have destroyed this verifier already (it follows the shared storage): report it anyway.
  if (e.data.type === 'destroyed') {
    void followDestruction(v).then(() => post({ type: 'destroyed' }));
  } else if (e.data.type === 'sync' && provisioning && !v.isDestroyed) {
    void syncVerifier(v, provisioning).then(() => post({ type: 'synced', ...summary(v) }));
  }
});

/** Replays `count` presentations through verifyBatch and reports the throughput. */
async function stress(count: number): Promise<void> {
  const v = usable();
  if (!v) throw new Error('no trust list in force');
  // Server-made presentations without cnf: they can be replayed, as a gate's recorded traffic would be.
  const reveal = v.requiredDisclosures(venue).join(',');
  const res = await fetch(`${API_PREFIX}/stress?count=64&reveal=${encodeURIComponent(reveal)}`);
  if (!res.ok) throw new Error(`stress set: HTTP ${res.status}`);
  const set = ((await res.json()) as StressSet).presentations.map(fromBase64);
  const inputs = Array.from({ length: count }, (_, i) => set[i % set.length]!);
  const byResult: Record<string, number> = {};
  const t0 = performance.now();
  for (let i = 0; i < count; i += STRESS_CHUNK) {
    // await: verifyBatch may hand the batch to worker threads (then it returns a promise).
    for (const r of await v.verifyBatch(inputs.slice(i, i + STRESS_CHUNK), { venue })) byResult[r.result] = (byResult[r.result] ?? 0) + 1;
    post({ type: 'stress-progress', done: Math.min(count, i + STRESS_CHUNK), total: count });
  }
  post({ type: 'stress-done', count, ms: performance.now() - t0, byResult });
}

self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === 'init') {
    venue = m.venue;
    const clock = clockWithOffset(m.clockOffset);
    openVerifier({ now: clock.now, scanLog: { retention: SCAN_LOG_RETENTION } })
      .then((opened) => {
        verifier = opened.verifier;
        provisioning = opened.provisioning;
        post({ type: 'ready', ...summary(opened.verifier) });
      })
      .catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  } else if (m.type === 'verify-text') {
    // A QR code carries no nonce of ours (the wallet shows it before any reader asks): none is checked.
    try {
      const v = verifier;
      if (!v || v.isDestroyed) throw new PassgateError(v ? 'DESTROYED' : 'NO_TRUST_LIST', 'the gate has no verifier in service');
      // With the identity card read beside it, the document check of PG1 §10.2 applies.
      post({ type: 'text-verified', id: m.id, verification: v.verify(m.text, { venue, ...(m.document ? { document: m.document } : {}) }) });
    } catch (err) {
      post({ type: 'text-refused', id: m.id, code: err instanceof PassgateError ? err.code : 'BAD_ARGUMENT', message: err instanceof Error ? err.message : String(err) });
    }
  } else if (m.type === 'scan-log') {
    const v = usable();
    if (v) void v.flush().then(() => post({ type: 'scan-log', counts: v.scanLog() }));
  } else if (m.type === 'stress') {
    stress(m.count).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  }
});
