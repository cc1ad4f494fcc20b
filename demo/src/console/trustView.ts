/** The trust material in force on this device, as the SDK reports it (never the server's idea of it). */
import type { Verifier } from '../../../sdk/index.js';
import { tr, fill } from '../i18n.js';
import { h } from '../layout.js';
import { T } from './consoleText.js';
import { shortHex, when } from './format.js';

export function trustCard(v: Verifier): HTMLElement {
  const tl = v.trustList;
  if (!tl) return h('section', { class: 'card' }, h('h2', {}, tr(T.trustHeading)), h('p', {}, tr(T.none)));
  const kv = (k: string, val: string, id?: string): HTMLElement => h('tr', {}, h('th', {}, k), h('td', id ? { 'data-testid': id } : {}, val));
  const issuers = h(
    'table',
    { 'data-testid': 'issuers' },
    h('tr', {}, h('th', {}, tr(T.iss)), h('th', {}, 'kid'), h('th', {}, tr(T.window)), h('th', {}, tr(T.revokedAt))),
    ...tl.issuers.map((k) =>
      h('tr', {}, h('td', {}, k.iss), h('td', { class: 'mono' }, shortHex(k.kid)), h('td', {}, `${when(k.notBefore)} → ${when(k.notAfter)}`), h('td', {}, k.revokedAt === undefined ? '—' : when(k.revokedAt))),
    ),
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, tr(T.trustHeading)),
    h(
      'table',
      {},
      kv(tr(T.version), String(tl.version), 'trust-version'),
      kv(tr(T.issuedAt), when(tl.issuedAt)),
      kv(tr(T.expires), when(tl.expires)),
      kv(tr(T.sunset), tl.sunset === undefined ? tr(T.none) : when(tl.sunset)),
      kv(tr(T.roots), tl.roots.map((r) => `kid ${shortHex(r)}…`).join(', ')),
    ),
    h('h3', {}, tr(T.issuers)),
    issuers,
    h('p', { class: 'muted' }, fill(tr(T.policy), { n: Object.keys(v.policy).length })),
  );
}

export function revocationCard(v: Verifier): HTMLElement {
  const rl = v.revocationList;
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, tr(T.revHeading)),
    h(
      'table',
      { 'data-testid': 'revocations' },
      h('tr', {}, h('th', {}, tr(T.version)), h('td', { 'data-testid': 'revocation-version' }, rl ? String(rl.version) : tr(T.none))),
      h('tr', {}, h('th', {}, tr(T.revokedCount)), h('td', { 'data-testid': 'revoked-count' }, rl ? String(rl.count) : '0')),
      h('tr', {}, h('th', {}, tr(T.expires)), h('td', {}, rl ? when(rl.expires) : '—')),
    ),
  );
}
