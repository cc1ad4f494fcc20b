/**
 * The printed pass: an A6 card (the print stylesheet in styles.css, `@page { size: A6 }`) with a large
 * QR code, the masked name, the ID number's last 4, the issuer and the expiry. On screen it is hidden;
 * printing shows it alone.
 */
import { toQrText } from '../../../../sdk/issuer/presentation.js';
import { statusName } from '../../claimText.js';
import { dateTimeText } from '../../dateText.js';
import { tr } from '../../i18n.js';
import { h } from '../../layout.js';
import { drawQr } from '../../qr.js';
import { presentationOf, type Relative } from './familyStore.js';
import { F } from './familyText.js';

/** Pixels a module: the canvas is printed scaled down to its CSS size, so more pixels print sharper. */
const PRINT_SCALE = 10;

const sheet = h('div', { class: 'print-sheet', 'data-testid': 'print-sheet' });

function line(label: string, value: string, id: string): HTMLElement {
  return h('div', { class: 'print-line' }, h('span', {}, label), h('b', { 'data-testid': id }, value));
}

/** Lays out `relative`'s printed pass in the print sheet (kept until the next one). */
export async function preparePrint(relative: Relative): Promise<void> {
  const pass = relative.pass;
  const text = toQrText(presentationOf(pass));
  const canvas = h('canvas', { class: 'print-qr' });
  await drawQr(canvas, text, PRINT_SCALE);
  sheet.replaceChildren(
    h('div', { class: 'print-title' }, tr(F.printTitle), h('span', { class: `pill s${pass.status}` }, statusName(pass.status))),
    canvas,
    line(tr(F.printName), relative.maskedName, 'print-name'),
    line(tr(F.printId), relative.id4, 'print-id4'),
    line(tr(F.printIssuer), `${pass.iss} (${tr(F.demoIssuer)})`, 'print-issuer'),
    line(tr(F.printExpires), dateTimeText(pass.exp) ?? String(pass.exp), 'print-expires'),
    h('div', { class: 'print-note' }, tr(F.printShowWith)),
  );
  sheet.dataset['qrText'] = text;
  if (!sheet.isConnected) document.body.append(sheet);
}
