/** The demo issuer's record of what it issued, with a revoke button per pass. */
import { statusName } from '../claimText.js';
import { tr } from '../i18n.js';
import { h } from '../layout.js';
import type { IssuedRecord } from '../shared/demoApi.js';
import { T } from './consoleText.js';
import { when } from './format.js';

export function tokensCard(records: readonly IssuedRecord[], onRevoke: (cti: string) => void): HTMLElement {
  const body =
    records.length === 0
      ? h('p', { class: 'muted' }, tr(T.noTokens))
      : h(
          'table',
          { 'data-testid': 'tokens' },
          h('tr', {}, h('th', {}, tr(T.profile)), h('th', {}, 'cti'), h('th', {}, tr(T.issued)), h('th', {}, 'kid'), h('th', {}, '')),
          ...records.map((r) => {
            const action = r.revoked
              ? h('span', { class: 'pill s2' }, tr(T.revoked))
              : h('button', { type: 'button', class: 'danger', 'data-testid': `revoke-${r.cti}` }, tr(T.revoke));
            if (action instanceof HTMLButtonElement) action.addEventListener('click', () => onRevoke(r.cti));
            return h(
              'tr',
              { 'data-cti': r.cti },
              h('td', {}, h('span', { class: `pill s${r.status}` }, statusName(r.status)), ` ${r.label}`),
              h('td', { class: 'mono' }, `${r.cti.slice(0, 12)}…`),
              h('td', {}, when(r.iat)),
              h('td', { class: 'mono' }, r.kid),
              h('td', {}, action),
            );
          }),
        );
  return h('section', { class: 'card' }, h('h2', {}, tr(T.tokensHeading)), h('p', { class: 'muted' }, tr(T.tokensHint)), body);
}
