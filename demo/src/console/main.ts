/**
 * Operator console: the trust material in force on this device, sync now, the demo issuer's revoke
 * and key rotation, and data destruction with proof that nothing is left.
 */
import { DEFAULT_DATABASE, type SyncEntry, type Verifier } from '../../../sdk/index.js';
import { clockFromQuery } from '../clock.js';
import { lang, onLangChange, tr, fill } from '../i18n.js';
import { h, pageFrame } from '../layout.js';
import { CONTROL_CHANNEL, type ControlMessage } from '../shared/channels.js';
import { API_PREFIX, type BindingRequest, type IssuedRecord, type ListsState, type Provisioning } from '../shared/demoApi.js';
import { venueName } from '../venues.js';
import { openVerifier, syncVerifier } from '../trust.js';
import { T } from './consoleText.js';
import { reasonText, syncLines, type ListSyncLine } from '../syncReport.js';
import { tokensCard } from './tokensView.js';
import { revocationCard, trustCard } from './trustView.js';

const clock = clockFromQuery(location.search);
const main = pageFrame(T.title);
const control = new BroadcastChannel(CONTROL_CHANNEL);

let verifier: Verifier | undefined;
let provisioning: Provisioning | undefined;
let report: SyncEntry[] = [];
let records: IssuedRecord[] = [];
let notice = '';
let leftAfterDestroy: string[] | null = null;

async function api<R>(path: string, init?: RequestInit): Promise<R> {
  const res = await fetch(`${API_PREFIX}${path}`, init);
  const json = (await res.json()) as R | { error: string };
  if (!res.ok) throw new Error((json as { error: string }).error);
  return json as R;
}

function button(text: { zh: string; en: string }, id: string, cls: string, onClick: () => Promise<void>): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls, 'data-testid': id }, tr(text));
  b.addEventListener('click', () => {
    b.disabled = true;
    onClick()
      .catch((e: unknown) => {
        notice = e instanceof Error ? e.message : String(e);
      })
      .finally(() => {
        b.disabled = false;
        render();
      });
  });
  return b;
}

/** One line per kind of list (syncReport.ts): a delta not needed is no failure; reasons in the page's language. */
function reportList(): HTMLElement {
  const outcome = (o: ListSyncLine['outcome']): string => tr(o === 'updated' ? T.updated : o === 'unchanged' ? T.unchanged : T.failed);
  return h(
    'ul',
    { 'data-testid': 'sync-report' },
    ...syncLines(report).map((line) =>
      h(
        'li',
        { 'data-outcome': line.outcome, 'data-list': line.list },
        `${tr(line.list === 'trust' ? T.trustHeading : T.revHeading)} — ${outcome(line.outcome)} `,
        h('span', { class: 'mono' }, line.url),
        ...line.reasons.map((r) => h('span', { class: 'muted', 'data-testid': 'sync-reason' }, ` (${r.url}: ${reasonText(r.reason, lang())})`)),
      ),
    ),
  );
}

async function syncNow(): Promise<void> {
  if (!verifier || !provisioning) return;
  report = await syncVerifier(verifier, provisioning);
  // Every other verifier of this origin (scanner tabs, the turnstile's worker) syncs too.
  control.postMessage({ type: 'sync' } satisfies ControlMessage);
}

async function refreshRecords(): Promise<void> {
  records = await api<IssuedRecord[]>('/tokens');
}

async function revoke(cti: string): Promise<void> {
  const state = await api<ListsState>('/revoke', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ cti }) });
  notice = fill(tr(T.revokedMsg), { v: state.revocationVersion });
  await refreshRecords();
}

async function rotate(): Promise<void> {
  const state = await api<ListsState>('/rotate', { method: 'POST' });
  await syncNow();
  notice = fill(tr(T.rotated), { kid: state.currentKid, v: state.trustVersion });
}

/** The venue category picked in the binding card (kept across renders). */
let boundCategory = new URLSearchParams(location.search).get('venue') ?? 'transit';

async function setBound(bound: boolean): Promise<void> {
  const body: BindingRequest = { category: boundCategory, bound };
  const state = await api<ListsState>('/bound', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await syncNow();
  notice = fill(tr(T.boundSet), { v: state.trustVersion });
}

/** `bound: true` per venue category (PG1 §10.3), as the trust list in force on this device has it. */
function boundCard(v: Verifier): HTMLElement {
  const select = h('select', { 'data-testid': 'bound-category' });
  for (const category of Object.keys(v.policy)) select.append(h('option', { value: category }, `${tr(venueName(category))} (${category})`));
  select.value = Object.prototype.hasOwnProperty.call(v.policy, boundCategory) ? boundCategory : 'general';
  select.addEventListener('change', () => (boundCategory = select.value));
  const inForce = Object.entries(v.policy).filter(([, rule]) => rule.bound === true).map(([c]) => c);
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, tr(T.boundHeading)),
    h('p', { class: 'muted whole-words' }, tr(T.boundHint)),
    h('div', { class: 'row' }, select, button(T.boundOn, 'bound-on', '', () => setBound(true)), button(T.boundOff, 'bound-off', '', () => setBound(false))),
    h('p', { 'data-testid': 'bound-in-force', 'data-categories': inForce.join(',') }, fill(tr(T.boundNow), { list: inForce.length === 0 ? tr(T.none) : inForce.map((c) => `${tr(venueName(c))} (${c})`).join(', ') })),
  );
}

/** The names of this origin's IndexedDB databases: after destroy(), none of Passgate's may be left. */
async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n !== '');
}

async function destroyAll(): Promise<void> {
  if (!verifier || !confirm(tr(T.destroyConfirm))) return;
  await verifier.destroy();
  leftAfterDestroy = await databaseNames();
}

function render(): void {
  const cards: HTMLElement[] = [];
  if (leftAfterDestroy !== null) {
    const passgate = leftAfterDestroy.filter((n) => n === DEFAULT_DATABASE || n.startsWith('passgate'));
    cards.push(
      h(
        'section',
        { class: 'card', 'data-testid': 'destroyed', 'data-passgate-left': String(passgate.length) },
        h('h2', {}, tr(T.destroyedHeading)),
        h('p', {}, tr(T.idbLeft), ' ', h('span', { 'data-testid': 'idb-left', class: 'mono' }, leftAfterDestroy.length === 0 ? '[]' : JSON.stringify(leftAfterDestroy))),
        h('p', { class: passgate.length === 0 ? '' : 'error' }, passgate.length === 0 ? tr(T.idbNone) : passgate.join(', ')),
        (() => {
          const b = h('button', { type: 'button', class: 'primary' }, tr(T.reload));
          b.addEventListener('click', () => location.reload());
          return b;
        })(),
      ),
    );
  } else if (verifier) {
    cards.push(
      h(
        'section',
        { class: 'card' },
        h('h2', {}, tr(T.actions)),
        h('div', { class: 'row' }, button(T.syncNow, 'sync', 'primary', syncNow), button(T.rotate, 'rotate', '', rotate), button(T.destroy, 'destroy', 'danger', destroyAll)),
        notice ? h('p', { 'data-testid': 'notice' }, notice) : '',
        report.length > 0 ? h('div', {}, h('h3', {}, tr(T.syncReport)), reportList()) : '',
      ),
      h('div', { class: 'grid2' }, trustCard(verifier), revocationCard(verifier)),
      boundCard(verifier),
      tokensCard(records, (cti) => {
        revoke(cti)
          .catch((e: unknown) => {
            notice = e instanceof Error ? e.message : String(e);
          })
          .finally(render);
      }),
    );
  } else if (notice) {
    cards.push(h('p', { class: 'error' }, notice));
  }
  main.replaceChildren(...cards);
}

onLangChange(render);
void (async (): Promise<void> => {
  try {
    const opened = await openVerifier({ now: clock.now });
    verifier = opened.verifier;
    provisioning = opened.provisioning;
    report = opened.firstSync;
    // Tell the other tabs (scanner, turnstile) that this device's data is gone.
    verifier.onDestroy(() => control.postMessage({ type: 'destroyed' } satisfies ControlMessage));
    await refreshRecords();
    document.body.dataset['ready'] = 'true';
  } catch (e) {
    notice = e instanceof Error ? e.message : String(e);
  }
  render();
})();
