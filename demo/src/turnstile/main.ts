/**
 * Turnstile page: no interaction needed. The worker verifies each tap; the page opens the gate for
 * an allowed one, flashes the refusal otherwise, and counts. The stress button measures throughput.
 */
import { PassgateError, type IdentityDocument, type Verification } from '../../../sdk/index.js';
import { createScanner } from '../../../sdk/scanner/index.js';
import { clockFromQuery } from '../clock.js';
import { cameraToggle, type CameraToggle } from '../shared/cameraToggle.js';
import { bindText, tr, fill } from '../i18n.js';
import { h, pageFrame } from '../layout.js';
import { isResultCode, resultSummary } from '../resultView.js';
import { venueName } from '../venues.js';
import type { FromWorker, ToWorker, TrustSummary } from './protocol.js';
import { T } from './turnstileText.js';

const STRESS_COUNT = 10_000;
const OPEN_MS = 2500;
const RATE_WINDOW_MS = 10_000;

const clock = clockFromQuery(location.search);
const venue = new URLSearchParams(location.search).get('venue') ?? 'transit';
const main = pageFrame(T.title);

const gateWord = bindText(h('div', { class: 'gate-word' }), T.shut);
const gateReason = bindText(h('div', { class: 'gate-reason' }), T.starting);
const gate = h('div', { class: 'gate', 'data-testid': 'gate', 'data-state': 'shut' }, gateWord, gateReason);
const stat = (label: { zh: string; en: string }, id: string): HTMLElement => {
  const value = h('b', { 'data-testid': id }, '0');
  return h('div', { class: 'stat' }, value, bindText(h('span'), label));
};
const statsEl = h('div', { class: 'stats' }, stat(T.taps, 'count'), stat(T.opened, 'opened'), stat(T.denied, 'denied'), stat(T.lastMs, 'last-ms'), stat(T.rate, 'rate'));
const trustLine = h('p', { class: 'status-line', 'data-testid': 'trust-line' });
const stressButton = bindText(h('button', { type: 'button', 'data-testid': 'stress', disabled: '' }), T.stress);
const progress = h('progress', { max: String(STRESS_COUNT), value: '0', hidden: '' });
let camera: CameraToggle | undefined;
const cameraButton = bindText(h('button', { type: 'button', 'data-testid': 'camera', disabled: '' }), () => tr(camera?.running ? T.stopCamera : T.camera));
const cameraMessage = h('p', { class: 'error', 'data-testid': 'camera-message' });
const video = h('video', { 'data-testid': 'video' });
const videoWrap = h('div', { class: 'video-wrap', hidden: '' }, video);
const stressResult = h('p', { 'data-testid': 'stress-result' });
const fileInput = h('input', { type: 'file', accept: 'image/*', 'data-testid': 'image-file', hidden: '' });
const fileButton = bindText(h('button', { type: 'button', 'data-testid': 'image' }), T.image);
// The identity-card reader: what a resident-ID reader gives (number and name), for the next code only.
const idNumber = h('input', { type: 'text', autocomplete: 'off', maxlength: '64', 'data-testid': 'id-number' });
const idName = h('input', { type: 'text', autocomplete: 'off', maxlength: '64', 'data-testid': 'id-name' });
const idPanel = h(
  'section',
  { class: 'card', 'data-testid': 'id-reader' },
  bindText(h('h2'), T.idReader),
  bindText(h('p', { class: 'muted whole-words' }), T.idReaderHint),
  h('div', { class: 'grid2' }, h('label', { class: 'field' }, bindText(h('span'), T.idNumber), idNumber), h('label', { class: 'field' }, bindText(h('span'), T.idName), idName)),
);
const logButton = bindText(h('button', { type: 'button', 'data-testid': 'show-log' }), T.showLog);
const logTable = h('table', { 'data-testid': 'scan-log' });
main.append(
  h('p', { class: 'muted' }, bindText(h('span'), () => fill(tr(T.category), { venue: `${tr(venueName(venue))} (${venue})` }))),
  gate,
  statsEl,
  h('section', { class: 'card' }, h('div', { class: 'row' }, cameraButton, fileButton, fileInput), videoWrap, cameraMessage),
  idPanel,
  h('section', { class: 'card' }, h('div', { class: 'row' }, stressButton), progress, stressResult, trustLine),
  h('section', { class: 'card' }, bindText(h('h2'), T.scanLog), h('div', { class: 'row' }, logButton), logTable),
);

/** The document the reader panel holds, taken for one decision: the fields are emptied as it is read. */
function takeDocument(): IdentityDocument | undefined {
  const number = idNumber.value.trim();
  const name = idName.value.trim();
  idNumber.value = '';
  idName.value = '';
  if (number === '') return undefined;
  return name === '' ? { number } : { number, name };
}

const counts = { count: 0, opened: 0, denied: 0 };
const recent: number[] = [];
let shutTimer: ReturnType<typeof setTimeout> | undefined;

function setStat(id: string, value: string): void {
  const el = statsEl.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (el) el.textContent = value;
}

function showGate(state: 'shut' | 'open' | 'denied', result?: string): void {
  gate.className = `gate${state === 'shut' ? '' : ` ${state}`}`;
  gate.dataset['state'] = state;
  gate.dataset['result'] = result ?? '';
  gateWord.textContent = tr(state === 'open' ? T.open : state === 'denied' ? T.refused : T.shut);
  gateReason.textContent = result === undefined ? tr(T.waiting) : isResultCode(result) ? resultSummary(result) : result;
}

function showTrust(s: TrustSummary): void {
  trustLine.textContent = fill(tr(T.trustLine), { tv: s.trustVersion, rv: s.revocationVersion, n: s.revokedCount });
  trustLine.dataset['revocationVersion'] = s.revocationVersion;
  trustLine.dataset['trustVersion'] = s.trustVersion;
}

function onChecked(result: string, ms: number): void {
  const ok = result === 'OK';
  counts.count += 1;
  if (ok) counts.opened += 1;
  else counts.denied += 1;
  const t = performance.now();
  recent.push(t);
  while (recent.length > 0 && recent[0]! < t - RATE_WINDOW_MS) recent.shift();
  setStat('count', String(counts.count));
  setStat('opened', String(counts.opened));
  setStat('denied', String(counts.denied));
  setStat('last-ms', `${ms.toFixed(2)} ms`);
  setStat('rate', (recent.length / (RATE_WINDOW_MS / 1000)).toFixed(1));
  showGate(ok ? 'open' : 'denied', result);
  if (shutTimer !== undefined) clearTimeout(shutTimer);
  shutTimer = setTimeout(() => showGate('shut'), OPEN_MS);
}

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (m: ToWorker): void => worker.postMessage(m);

// QR codes held up to the gate's camera (passgate/scanner), verified by the same worker as the taps.
const pendingTexts = new Map<number, { resolve(v: Verification): void; reject(e: PassgateError): void }>();
let nextTextId = 1;
const scanner = createScanner({
  verifier: {
    verify: (text) =>
      new Promise<Verification>((resolve, reject) => {
        const id = nextTextId++;
        pendingTexts.set(id, { resolve, reject });
        const document = takeDocument();
        send({ type: 'verify-text', id, text, ...(document ? { document } : {}) });
      }),
  },
});
scanner.on('decision', (d) => onChecked(d.verification.result, d.timing.decidedAt - d.timing.frameAt));
scanner.on('error', (e) => (cameraMessage.textContent = e.message));
camera = cameraToggle(cameraButton, () => scanner, { video, wrap: videoWrap }, { start: T.camera, stop: T.stopCamera }, (e) => {
  cameraMessage.textContent = e instanceof Error ? e.message : String(e);
});

worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'ready':
      showTrust(m);
      showGate('shut');
      stressButton.disabled = false;
      cameraButton.disabled = false;
      fileButton.disabled = false;
      document.body.dataset['ready'] = 'true';
      break;
    case 'synced':
      showTrust(m);
      break;
    case 'checked':
      onChecked(m.result, m.ms);
      break;
    case 'text-verified':
      pendingTexts.get(m.id)?.resolve(m.verification);
      pendingTexts.delete(m.id);
      break;
    case 'text-refused':
      pendingTexts.get(m.id)?.reject(new PassgateError(m.code, m.message));
      pendingTexts.delete(m.id);
      break;
    case 'scan-log':
      logTable.replaceChildren(
        h('tr', {}, h('th', {}, 'hour'), h('th', {}, 'venue'), h('th', {}, 'result'), h('th', {}, 'count')),
        ...m.counts.map((c) => h('tr', {}, h('td', {}, new Date(c.hour * 1000).toISOString().slice(0, 13)), h('td', {}, c.venue ?? '—'), h('td', {}, c.result), h('td', {}, String(c.count)))),
      );
      logTable.dataset['counts'] = JSON.stringify(m.counts);
      break;
    case 'stress-progress':
      progress.value = m.done;
      break;
    case 'stress-done': {
      const rate = Math.round((m.count / m.ms) * 1000);
      stressResult.textContent = `${fill(tr(T.stressDone), { n: m.count.toLocaleString(), s: (m.ms / 1000).toFixed(2), rate: rate.toLocaleString() })} · ${Object.entries(m.byResult)
        .map(([k, n]) => `${k} ${n}`)
        .join(' · ')}`;
      stressResult.dataset['count'] = String(m.count);
      stressResult.dataset['rate'] = String(rate);
      setStat('rate', rate.toLocaleString());
      stressButton.disabled = false;
      progress.hidden = true;
      break;
    }
    case 'destroyed':
      stressButton.disabled = true;
      cameraButton.disabled = true;
      void scanner.close();
      gateWord.textContent = tr(T.shut);
      gateReason.textContent = tr(T.destroyed);
      break;
    case 'error':
      stressButton.disabled = false;
      gateReason.textContent = m.message;
      break;
  }
});

fileButton.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  fileInput.value = '';
  if (!file) return;
  cameraMessage.textContent = '';
  scanner.scanImage(file).catch((e: unknown) => {
    takeDocument(); // a code that could not be read still ends the reader's read
    cameraMessage.textContent = e instanceof PassgateError && (e.code === 'NO_QR_CODE' || e.code === 'IMAGE_UNREADABLE') ? tr(T.noQr) : e instanceof Error ? e.message : String(e);
  });
});
logButton.addEventListener('click', () => send({ type: 'scan-log' }));

stressButton.addEventListener('click', () => {
  stressButton.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  stressResult.textContent = '';
  send({ type: 'stress', count: STRESS_COUNT });
});

send({ type: 'init', venue, clockOffset: clock.offset });
