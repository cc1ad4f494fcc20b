/**
 * The full-screen verdict a guard reads at arm's length: green ✓ ALLOW or red ✗ DENY, the reason in
 * one sentence and what the holder can do (the SDK's describeResult), only the claims the holder
 * disclosed (nothing else is known to the verifier), and the detail of the check for the curious.
 */
import type { Verification } from '../../../sdk/index.js';
import { claimLabel, claimValueText, statusName } from '../claimText.js';
import { both, tr, fill } from '../i18n.js';
import { h } from '../layout.js';
import { ALLOW_WORD, DENY_WORD, detailText, resultAdvice, resultSummary } from '../resultView.js';
import { venueName } from '../venues.js';
import { T } from './scannerText.js';

export class VerdictView {
  private readonly el: HTMLDivElement;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private onClose: (() => void) | undefined;

  constructor() {
    this.el = h('div', { class: 'verdict', 'data-testid': 'verdict', hidden: '' });
    this.el.addEventListener('click', () => this.close());
    document.body.append(this.el);
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  show(v: Verification, venue: string, now: number, options: { autoCloseMs?: number; onClose?: () => void } = {}): void {
    const ok = v.result === 'OK';
    const claims = v.claims ?? {};
    const rows = Object.entries(claims).map(([name, value]) => h('tr', {}, h('th', {}, claimLabel(name)), h('td', {}, claimValueText(name, value, now))));
    const detail = claims['status'] !== undefined ? fill(tr(T.detailStatus), { status: statusName(claims['status']), venue: tr(venueName(venue)) }) : tr(venueName(venue));
    this.el.replaceChildren(
      h('div', { class: 'icon' }, ok ? '✓' : '✗'),
      // Both languages on the one word that matters, whatever the page language.
      h('div', { class: 'word' }, both(ok ? ALLOW_WORD : DENY_WORD)),
      h('div', { class: 'reason', 'data-testid': 'verdict-reason' }, resultSummary(v.result)),
      ...(ok ? [] : [h('div', { class: 'advice', 'data-testid': 'verdict-advice' }, resultAdvice(v.result))]),
      h('div', { class: 'muted-inverse' }, detail),
      ...(rows.length > 0 ? [h('div', { class: 'claims' }, h('div', {}, tr(T.shown)), h('table', { 'data-testid': 'verdict-claims' }, ...rows))] : []),
      h('div', { class: 'code' }, v.result),
      ...(v.detail ? [h('div', { class: 'detail', 'data-testid': 'verdict-detail' }, detailText(v.detail))] : []),
      h('div', { class: 'hint' }, tr(T.next)),
    );
    this.el.className = `verdict ${ok ? 'allow' : 'deny'}`;
    this.el.dataset['result'] = v.result;
    this.el.hidden = false;
    this.onClose = options.onClose;
    if (this.closeTimer !== undefined) clearTimeout(this.closeTimer);
    this.closeTimer = options.autoCloseMs === undefined ? undefined : setTimeout(() => this.close(), options.autoCloseMs);
  }

  close(): void {
    if (this.closeTimer !== undefined) clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
    this.el.hidden = true;
    const cb = this.onClose;
    this.onClose = undefined;
    cb?.();
  }
}
