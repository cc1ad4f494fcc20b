/**
 * The wallet's family section (家人代办): a family member obtains passes for relatives without a phone
 * from the demo issuer, checks their status (代查), prints a printed pass on an A6 card, or writes a
 * card pass to their card (Web NFC, else a virtual card that taps the turnstile).
 */
import type { Verifier } from '../../../../sdk/index.js';
import { maskName } from '../../../../sdk/issuer/passesWithoutPhone.js';
import { toQrText } from '../../../../sdk/issuer/presentation.js';
import { readWebNfc } from '../../../../sdk/card/webNfc.js';
import { statusName } from '../../claimText.js';
import { dateTimeText } from '../../dateText.js';
import { bindText, fill, onLangChange, tr, type Bilingual } from '../../i18n.js';
import { h } from '../../layout.js';
import { isResultCode, resultSummary } from '../../resultView.js';
import { fromBase64, fromHex } from '../../shared/base64.js';
import { API_PREFIX, type FamilyPassRequest, type FamilyPassResponse } from '../../shared/demoApi.js';
import type { TapLink } from '../tap.js';
import { FamilyStore, presentationOf, type FamilyPass, type Relation, type Relative } from './familyStore.js';
import { F } from './familyText.js';
import { preparePrint } from './printSheet.js';
import { writeCardPass } from './virtualCard.js';

export interface FamilyDeps {
  /** The wallet's verifier (memory only), synced before each status check. */
  readonly verifier: () => Verifier | undefined;
  readonly sync: () => Promise<void>;
  readonly link: TapLink;
}

async function askIssuer(request: FamilyPassRequest): Promise<FamilyPassResponse> {
  const res = await fetch(`${API_PREFIX}/family-pass`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const json = (await res.json()) as FamilyPassResponse | { error: string };
  if ('error' in json) throw new Error(json.error);
  return json;
}

function passOf(form: FamilyPass['form'], status: 0 | 1, r: FamilyPassResponse): FamilyPass {
  return { form, presentation: r.presentation, cti: r.cti, exp: r.exp, iss: r.iss, status };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function familySection(deps: FamilyDeps): HTMLElement {
  const store = new FamilyStore();
  const relation = h('select', { 'data-testid': 'family-relation' });
  for (const [value, text] of [['elder', F.elder], ['child', F.child]] as const) relation.append(bindText(h('option', { value }), text));
  const name = h('input', { type: 'text', maxlength: '64', autocomplete: 'off', 'data-testid': 'family-name' });
  const number = h('input', { type: 'text', maxlength: '64', autocomplete: 'off', inputmode: 'text', 'data-testid': 'family-number' });
  const status = h('select', { 'data-testid': 'family-status-colour' });
  for (const s of [0, 1] as const) status.append(h('option', { value: String(s) }, statusName(s)));
  const getPrinted = bindText(h('button', { type: 'button', class: 'primary', 'data-testid': 'family-get-printed' }), F.getPrinted);
  const getCard = bindText(h('button', { type: 'button', 'data-testid': 'family-get-card' }), F.getCard);
  const formStatus = h('p', { class: 'status-line whole-words', 'data-testid': 'family-form-status' });
  const list = h('ul', { class: 'family-list', 'data-testid': 'family-list' });
  const field = (label: Bilingual, input: HTMLElement): HTMLElement => h('label', { class: 'field' }, bindText(h('span', { class: 'whole-words' }), label), input);

  /** Reads the form, then clears the name and number: they are used for this one request only. */
  function takeIdentity(): { relation: Relation; name: string; number: string; status: 0 | 1 } | null {
    const n = name.value.trim();
    const num = number.value.trim().toUpperCase();
    if (n === '' || [...num].length < 4) {
      formStatus.textContent = tr(F.missing);
      return null;
    }
    name.value = '';
    number.value = '';
    return { relation: relation.value === 'child' ? 'child' : 'elder', name: n, number: num, status: status.value === '1' ? 1 : 0 };
  }

  async function obtain(form: FamilyPass['form']): Promise<void> {
    const who = takeIdentity();
    if (!who) return;
    getPrinted.disabled = getCard.disabled = true;
    formStatus.textContent = tr(F.issuing);
    try {
      const base = { id: crypto.randomUUID(), relation: who.relation, maskedName: maskName(who.name), id4: [...who.number].slice(-4).join('') };
      if (form === 'printed') {
        const r = await askIssuer({ kind: 'printed', status: who.status, documentNumber: who.number, name: who.name });
        store.add({ ...base, pass: passOf('printed', who.status, r) });
        formStatus.textContent = '';
      } else {
        let issued: FamilyPassResponse | undefined;
        const written = await writeCardPass(
          async (serial) => {
            issued = await askIssuer({ kind: 'card', status: who.status, serial });
            return fromBase64(issued.presentation);
          },
          () => (formStatus.textContent = tr(F.webNfcWrite)),
        );
        store.add({ ...base, pass: passOf('card', who.status, issued!), ...(written.virtual ? { card: written.virtual } : {}) });
        formStatus.textContent = tr(F.written);
      }
    } catch (e) {
      formStatus.textContent = message(e);
    } finally {
      getPrinted.disabled = getCard.disabled = false;
      render();
    }
  }

  /** 代查: the pass as a verifier would see it now (after a sync: a revocation shows), venue-free. */
  async function check(r: Relative, out: HTMLElement): Promise<void> {
    out.textContent = tr(F.checking);
    await deps.sync();
    const v = deps.verifier();
    if (!v) return;
    let presentation = presentationOf(r.pass);
    let serial: Uint8Array | undefined = r.card ? fromHex(r.card.serial) : undefined;
    if (r.pass.form === 'card' && !r.card) {
      // Written to a real card: read it back (Web NFC), as a gate would.
      const tap = await readWebNfc({ timeoutMs: 60_000 });
      if (tap.error) throw tap.error;
      presentation = tap.presentation;
      serial = tap.serial;
    }
    const result = v.verify(presentation, serial ? { card: serial } : {});
    out.dataset['result'] = result.result;
    const claimed = result.claims?.['status'];
    const detail =
      result.result === 'OK' && typeof claimed === 'number'
        ? `${resultSummary('OK')} ${fill(tr(F.checkedStatus), { status: statusName(claimed), until: fill(tr(F.until), { t: dateTimeText(r.pass.exp) ?? '' }) })}`
        : resultSummary(result.result);
    out.textContent = fill(tr(F.checked), { result: detail });
  }

  async function tap(r: Relative, out: HTMLElement): Promise<void> {
    if (!r.card) return;
    if (!(await deps.link.findReader())) {
      out.textContent = tr(F.noReader);
      return;
    }
    const verdict = await deps.link.sendCard(fromHex(r.card.serial), fromBase64(r.card.message));
    if (verdict === null) return;
    out.dataset['result'] = verdict;
    out.textContent = fill(tr(F.gateSaid), { result: isResultCode(verdict) ? resultSummary(verdict) : verdict });
  }

  function button(text: Bilingual, id: string, onClick: () => Promise<void>, out: HTMLElement): HTMLButtonElement {
    const b = h('button', { type: 'button', 'data-testid': id }, tr(text));
    b.addEventListener('click', () => {
      b.disabled = true;
      onClick()
        .catch((e: unknown) => (out.textContent = message(e)))
        .finally(() => (b.disabled = false));
    });
    return b;
  }

  function entry(r: Relative): HTMLElement {
    const out = h('p', { class: 'status-line whole-words', 'data-testid': 'relative-status' });
    const actions = h('div', { class: 'row' }, button(F.check, 'relative-check', () => check(r, out), out));
    if (r.pass.form === 'printed') {
      actions.append(
        button(F.print, 'relative-print', async () => {
          await preparePrint(r);
          window.print();
        }, out),
      );
    } else if (r.card) {
      actions.append(button(F.tapCard, 'relative-tap', () => tap(r, out), out));
    }
    actions.append(button(F.remove, 'relative-remove', async () => {
      store.remove(r.id);
      render();
    }, out));
    const virtual = r.card ? h('p', { class: 'muted whole-words' }, fill(tr(F.virtualCard), { serial: r.card.serial.toUpperCase() })) : '';
    return h(
      'li',
      // The pass's text, for the e2e tests (a card pass shown as text must fail: CARD_MISMATCH).
      { 'data-relative': r.id, 'data-form': r.pass.form, 'data-cti': r.pass.cti, 'data-pass-text': toQrText(presentationOf(r.pass)) },
      h(
        'div',
        { class: 'relative-head' },
        h('b', {}, `${tr(r.relation === 'child' ? F.child : F.elder)} · ${r.maskedName}`),
        h('span', {}, fill(tr(F.idTail), { id4: r.id4 })),
        h('span', { class: `pill s${r.pass.status}` }, statusName(r.pass.status)),
      ),
      h('p', { class: 'muted whole-words' }, `${tr(r.pass.form === 'printed' ? F.printedPass : F.cardPass)} · ${fill(tr(F.until), { t: dateTimeText(r.pass.exp) ?? '' })}`),
      virtual,
      actions,
      out,
    );
  }

  function render(): void {
    list.replaceChildren(...(store.relatives.length === 0 ? [h('li', { class: 'muted' }, tr(F.none))] : store.relatives.map(entry)));
  }

  getPrinted.addEventListener('click', () => void obtain('printed'));
  getCard.addEventListener('click', () => void obtain('card'));
  onLangChange(() => {
    for (const [i, s] of ([0, 1] as const).entries()) status.options[i]!.textContent = statusName(s);
    render();
  });
  render();
  return h(
    'section',
    { class: 'card', 'data-testid': 'family' },
    bindText(h('h2'), F.heading),
    bindText(h('p', { class: 'whole-words' }), F.intro),
    bindText(h('p', { class: 'muted whole-words', 'data-testid': 'family-kept' }), F.kept),
    h('div', { class: 'grid2' }, field(F.name, name), field(F.number, number), field(F.relation, relation), field(F.status, status)),
    h('div', { class: 'row' }, getPrinted, getCard),
    formStatus,
    list,
  );
}
