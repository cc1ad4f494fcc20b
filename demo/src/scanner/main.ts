/**
 * Venue scanner page: the venue category, then a code from the camera, an image file or pasted text,
 * verified on this device by the SDK (WebAssembly core) against the synced lists.
 */
import type { Verifier } from '../../../sdk/index.js';
import { createScanner, PassgateError, type Decision, type Scanner } from '../../../sdk/scanner/index.js';
import { clockFromQuery } from '../clock.js';
import { bindText, onLangChange, tr, fill } from '../i18n.js';
import { h, pageFrame } from '../layout.js';
import { cameraToggle, type CameraToggle } from '../shared/cameraToggle.js';
import { CONTROL_CHANNEL, type ControlMessage } from '../shared/channels.js';
import type { Provisioning } from '../shared/demoApi.js';
import { followDestruction, openVerifier, syncVerifier } from '../trust.js';
import { venueName } from '../venues.js';
import { T } from './scannerText.js';
import { VerdictView } from './verdictView.js';
import '../../../sdk/explain/index.js'; // the verdict's detail (verify(..., { explain: true }))

/** A camera verdict closes by itself: the guard need not touch the screen between people. */
const CAMERA_VERDICT_MS = 4000;

const clock = clockFromQuery(location.search);
const main = pageFrame(T.title);
const verdict = new VerdictView();

const venueSelect = h('select', { 'data-testid': 'venue' });
const trustLine = h('p', { class: 'status-line', 'data-testid': 'trust-line' });
const clockLine = h('p', { class: 'status-line' });
const video = h('video', { 'data-testid': 'video' });
/** passgate/scanner: camera, image files and pasted text, decided by this page's verifier. */
let scanner: Scanner | undefined;
let camera: CameraToggle | undefined;
const cameraButton = bindText(h('button', { type: 'button', class: 'primary', 'data-testid': 'camera' }), () => tr(camera?.running ? T.stopCamera : T.camera));
const fileInput = h('input', { type: 'file', accept: 'image/*', 'data-testid': 'image-file', hidden: '' });
const fileButton = bindText(h('button', { type: 'button', 'data-testid': 'image' }), T.image);
const pasted = h('textarea', { 'data-testid': 'paste', spellcheck: 'false' });
const verifyButton = bindText(h('button', { type: 'button', 'data-testid': 'verify' }), T.verify);
const message = h('p', { class: 'error', 'data-testid': 'scanner-message' });
const videoWrap = h('div', { class: 'video-wrap', hidden: '' }, video);

main.append(
  h(
    'section',
    { class: 'card' },
    h('label', { class: 'field' }, bindText(h('span'), T.venue), venueSelect),
    trustLine,
    clockLine,
  ),
  h('section', { class: 'card' }, h('div', { class: 'row' }, cameraButton, fileButton, fileInput), videoWrap, message),
  h('section', { class: 'card' }, h('label', { class: 'field' }, bindText(h('span'), T.pasteLabel), pasted), h('div', { class: 'row' }, verifyButton)),
);

let verifier: Verifier | undefined;
let provisioning: Provisioning | undefined;

function showTrust(): void {
  if (!verifier) return;
  if (verifier.isDestroyed) {
    trustLine.textContent = tr(T.destroyed);
    return;
  }
  const tl = verifier.trustList;
  const rl = verifier.revocationList;
  trustLine.textContent = tl ? fill(tr(T.trustLine), { tv: String(tl.version), rv: rl ? String(rl.version) : '-', n: rl ? rl.count : 0 }) : tr(T.noTrust);
  trustLine.dataset['trustVersion'] = tl ? String(tl.version) : '';
  trustLine.dataset['revocationVersion'] = rl ? String(rl.version) : '';
  clockLine.textContent = clock.offset !== 0 ? fill(tr(T.clockAhead), { s: clock.offset > 0 ? `+${clock.offset}` : clock.offset }) : '';
}

function fillVenues(v: Verifier): void {
  const chosen = venueSelect.value || new URLSearchParams(location.search).get('venue') || 'general';
  venueSelect.replaceChildren();
  for (const category of Object.keys(v.policy)) venueSelect.append(h('option', { value: category }, `${tr(venueName(category))} (${category})`));
  venueSelect.value = Object.prototype.hasOwnProperty.call(v.policy, chosen) ? chosen : 'general';
}

/** What the page shows when the verifier cannot decide (no trust list yet, data destroyed). */
function showProblem(e: unknown): void {
  if (e instanceof PassgateError && (e.code === 'NO_QR_CODE' || e.code === 'IMAGE_UNREADABLE')) message.textContent = tr(T.noQr);
  else if (e instanceof PassgateError && (e.code === 'CAMERA_DENIED' || e.code === 'CAMERA_UNAVAILABLE')) message.textContent = tr(T.cameraError) + e.message;
  else if (e instanceof PassgateError && e.code === 'DESTROYED') message.textContent = tr(T.destroyed);
  else if (e instanceof PassgateError && e.code === 'NO_TRUST_LIST') message.textContent = tr(T.noTrust);
  else message.textContent = e instanceof Error ? e.message : String(e);
}

function showDecision(d: Decision): void {
  message.textContent = '';
  verdict.show(d.verification, venueSelect.value, clock.now(), d.source === 'camera' ? { autoCloseMs: CAMERA_VERDICT_MS } : {});
}

camera = cameraToggle(cameraButton, () => scanner, { video, wrap: videoWrap }, { start: T.camera, stop: T.stopCamera }, (e) => {
  message.textContent = '';
  showProblem(e);
});
fileButton.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  fileInput.value = '';
  if (file) scanner?.scanImage(file).catch(showProblem);
});
verifyButton.addEventListener('click', () => {
  const text = pasted.value.trim();
  if (text !== '') scanner?.scanText(text).catch(showProblem);
});
onLangChange(() => {
  if (verifier) fillVenues(verifier);
  showTrust();
});

// The operator console asks every verifier to sync after a revocation or a key rotation, and tells
// them when it has destroyed the data.
new BroadcastChannel(CONTROL_CHANNEL).addEventListener('message', (e: MessageEvent<ControlMessage>) => {
  if (!verifier) return;
  // The SDK may have destroyed this verifier already (it follows the shared storage): say so anyway.
  if (e.data.type === 'destroyed') {
    camera?.stop();
    void followDestruction(verifier).then(showTrust);
    return;
  }
  if (verifier.isDestroyed) return;
  if (e.data.type === 'sync' && provisioning) {
    void syncVerifier(verifier, provisioning).then(() => {
      fillVenues(verifier!);
      showTrust();
    });
  }
});

trustLine.textContent = tr(T.syncing);
void openVerifier({ now: clock.now })
  .then((opened) => {
    verifier = opened.verifier;
    provisioning = opened.provisioning;
    // explain: the verdict shows which check decided it (the SDK reads that after its verdict).
    scanner = createScanner({ verifier, verifyOptions: () => ({ venue: venueSelect.value, explain: true }) });
    scanner.on('decision', showDecision);
    scanner.on('error', showProblem);
    fillVenues(verifier);
    showTrust();
    document.body.dataset['ready'] = 'true';
  })
  .catch((e: unknown) => {
    trustLine.textContent = e instanceof Error ? e.message : String(e);
  });
