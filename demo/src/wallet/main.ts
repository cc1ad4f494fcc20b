/**
 * Wallet (holder) page: get a token from the demo issuer for a chosen profile, then show it as a QR
 * code for a chosen venue, revealing only what that venue's rule needs, re-bound to the device every
 * 30 s; or tap it to a turnstile.
 */
import { MemoryStorage, type Verifier } from '../../../sdk/index.js';
import type { Provisioning } from '../shared/demoApi.js';
import { claimLabel, statusName } from '../claimText.js';
import { clockFromQuery } from '../clock.js';
import { bindText, lang, onLangChange, tr, fill } from '../i18n.js';
import { h, pageFrame } from '../layout.js';
import { drawQr } from '../qr.js';
import { isResultCode, resultSummary } from '../resultView.js';
import { API_PREFIX, type IssueRequest, type IssueResponse } from '../shared/demoApi.js';
import { openVerifier, syncVerifier } from '../trust.js';
import { familySection } from './family/familySection.js';
import { venueName } from '../venues.js';
import { presentationBytes, presentationQrText, revealPlan } from './presenter.js';
import { profileForm } from './profileForm.js';
import { TapLink } from './tap.js';
import { WalletStore } from './walletStore.js';
import { T } from './walletText.js';

/** PG1 §4 accepts a binding up to 60 s old; refreshing at 30 s leaves a scanner half of that. */
const REFRESH_SECONDS = 30;

const clock = clockFromQuery(location.search);
const store = new WalletStore();
const main = pageFrame(T.title);

// 1. Profile and issuance
const form = profileForm();
if (store.profile) form.fillFrom(store.profile);
const getCode = bindText(h('button', { type: 'button', class: 'primary', 'data-testid': 'get-code' }), T.getCode);
const issueStatus = h('span', { class: 'status-line', 'data-testid': 'issue-status' });
const deviceLine = h('p', { class: 'muted' }, bindText(h('span'), T.deviceKey), ' ', h('span', { class: 'mono' }, store.devicePublicKeyHex.slice(0, 16) + '…'));
// 2. Showing the code
const venueSelect = h('select', { 'data-testid': 'venue' });
const revealList = h('ul', { class: 'reveal-list', 'data-testid': 'reveal-list' });
const qrCanvas = h('canvas', { 'data-testid': 'wallet-qr' });
const qrStatus = h('div', { class: 'qr-status' });
const countdown = h('span', { class: 'muted', 'data-testid': 'refresh-countdown' });
const qrFrame = h('div', { class: 'qr-frame' }, qrStatus, qrCanvas, countdown);
const tapButton = bindText(h('button', { type: 'button', 'data-testid': 'tap' }), T.tap);
const tapStatus = h('span', { class: 'status-line', 'data-testid': 'tap-status' });
// Said only over a list: before a code exists there is nothing the venue would see.
const willSee = bindText(h('p', { 'data-testid': 'will-see' }), T.willSee);
const hiddenNote = bindText(h('p', { class: 'muted' }), T.hidden);
const showCard = h(
  'section',
  { class: 'card' },
  bindText(h('h2'), T.showHeading),
  h('label', { class: 'field' }, bindText(h('span'), T.venue), venueSelect),
  willSee,
  revealList,
  hiddenNote,
  qrFrame,
  h('div', { class: 'row' }, tapButton, tapStatus),
);
main.append(
  h('div', { class: 'grid2' }, h('section', { class: 'card' }, bindText(h('h2'), T.profileHeading), form.element, h('div', { class: 'row' }, getCode, issueStatus), deviceLine), showCard),
);

let verifier: Verifier | undefined;
let provisioning: Provisioning | undefined;
let nextRefresh = 0;

function fillVenues(v: Verifier): void {
  const chosen = venueSelect.value || new URLSearchParams(location.search).get('venue') || 'general';
  venueSelect.replaceChildren();
  for (const category of Object.keys(v.policy)) venueSelect.append(h('option', { value: category }, `${tr(venueName(category))} (${category})`));
  venueSelect.value = Object.prototype.hasOwnProperty.call(v.policy, chosen) ? chosen : 'general';
}

/** Re-draws the QR code with a fresh device binding (presented_at = now). */
async function refreshQr(): Promise<void> {
  const code = store.code;
  if (!code || !verifier) {
    qrFrame.className = 'qr-frame';
    qrStatus.textContent = tr(T.noCode);
    qrCanvas.hidden = true;
    revealList.replaceChildren();
    willSee.hidden = hiddenNote.hidden = true;
    return;
  }
  willSee.hidden = hiddenNote.hidden = false;
  const plan = revealPlan(verifier, venueSelect.value, code);
  revealList.replaceChildren(
    ...plan.reveal.map((n) => h('li', { 'data-claim': n }, claimLabel(n))),
    ...plan.missing.map((n) => h('li', { class: 'missing', 'data-claim': n }, `${claimLabel(n)} ${tr(T.notOnCode)}`)),
  );
  const presentedAt = clock.now();
  // Set before drawing: the 1 s ticker must not start a second refresh while this one draws.
  nextRefresh = presentedAt + REFRESH_SECONDS;
  const text = presentationQrText(code, plan.reveal, store.deviceSecret, presentedAt);
  await drawQr(qrCanvas, text);
  qrCanvas.hidden = false;
  // For the e2e tests and anyone curious: the exact text the code holds, and when it was bound.
  qrCanvas.dataset['qrText'] = text;
  qrCanvas.dataset['presentedAt'] = String(presentedAt);
  qrFrame.className = `qr-frame s${code.status}`;
  qrStatus.textContent = statusName(code.status);
}

function tick(): void {
  if (!store.code) {
    countdown.textContent = '';
    return;
  }
  const left = nextRefresh - clock.now();
  if (left <= 0) void refreshQr();
  countdown.textContent = fill(tr(T.refreshIn), { s: Math.max(0, left) });
}

async function issue(): Promise<void> {
  getCode.disabled = true;
  issueStatus.textContent = tr(T.issuing);
  try {
    const profile = form.read();
    const body: IssueRequest = { profile, devicePublicKey: store.devicePublicKeyHex };
    const res = await fetch(`${API_PREFIX}/issue`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as IssueResponse | { error: string };
    if ('error' in json) throw new Error(json.error);
    store.setCode(json, profile);
    issueStatus.textContent = `${tr(T.issued)} · cti ${json.cti.slice(0, 8)}…`;
    issueStatus.dataset['cti'] = json.cti;
    await refreshQr();
  } catch (e) {
    issueStatus.textContent = e instanceof Error ? e.message : String(e);
  } finally {
    getCode.disabled = false;
  }
}

/** The gate's verdict in the page's language (again after a language switch). */
function showVerdict(): void {
  const verdict = tapStatus.dataset['result'];
  if (verdict !== undefined) tapStatus.textContent = fill(tr(T.gateSaid), { result: isResultCode(verdict) ? resultSummary(verdict) : verdict });
}

const link = new TapLink();
// 3. Family: passes for relatives without a phone (PG1 §10).
main.append(
  familySection({
    verifier: () => verifier,
    sync: async () => {
      if (verifier && provisioning) await syncVerifier(verifier, provisioning);
    },
    link,
  }),
);
async function tap(): Promise<void> {
  const code = store.code;
  if (!code || !verifier) {
    tapStatus.textContent = tr(T.noCode);
    return;
  }
  tapButton.disabled = true;
  try {
    const reader = await link.findReader();
    if (!reader) {
      tapStatus.textContent = tr(T.noReader);
      return;
    }
    // The gate says what it needs; the phone reveals exactly that, bound to the gate's nonce.
    const plan = revealPlan(verifier, reader.venue, code);
    const bytes = presentationBytes(code, plan.reveal, store.deviceSecret, clock.now(), reader.nonce);
    delete tapStatus.dataset['result'];
    tapStatus.textContent = fill(tr(T.tapSent), { venue: tr(venueName(reader.venue)) });
    const verdict = await link.send(bytes);
    if (verdict !== null) {
      tapStatus.dataset['result'] = verdict;
      showVerdict();
    }
  } finally {
    tapButton.disabled = false;
  }
}

getCode.addEventListener('click', () => void issue());
tapButton.addEventListener('click', () => void tap());
venueSelect.addEventListener('change', () => void refreshQr());
onLangChange(() => {
  if (verifier) fillVenues(verifier);
  showVerdict();
  void refreshQr();
});

// The wallet needs the policy in force (to know what each venue looks at), not a stored copy of it.
void openVerifier({ storage: new MemoryStorage(), now: clock.now })
  .then(async (opened) => {
    verifier = opened.verifier;
    provisioning = opened.provisioning;
    fillVenues(verifier);
    await refreshQr();
    document.body.dataset['ready'] = 'true';
    setInterval(tick, 1000);
    tick();
  })
  .catch((e: unknown) => {
    issueStatus.textContent = `${lang() === 'zh' ? '无法连接演示服务器：' : 'Cannot reach the demo server: '}${e instanceof Error ? e.message : String(e)}`;
  });
