// `node scripts/qrVersions.mjs` (after `npm run build`): the QR version of typical presentations made
// with the issuer toolkit, by how sd is padded and by error-correction level, as a Markdown table
// (docs/qr-size.md shows its output). A typical token holds the demo wallet's nine claims.
import QRCode from 'qrcode';
import { generateKeyPair, issueToken, present, toQrText } from '../dist/sdk/issuer/index.js';

const NOW = 1_780_000_000;
const DAY = 86_400;
const CLAIMS = { status: 0, nat: [NOW - 20 * 3600, 0], vax: [3, NOW - 200 * DAY], abroad14: false, risk14: false, fever: false, region: 330106, id4: '123X', name: '张*三' };
const PRESENTATIONS = [
  { label: 'status only', reveal: ['status'], bound: false },
  { label: 'status + nat + vax', reveal: ['status', 'nat', 'vax'], bound: false },
  { label: 'status only, holder-bound', reveal: ['status'], bound: true },
  { label: 'status + nat + vax, holder-bound', reveal: ['status', 'nat', 'vax'], bound: true },
];
const PADDING = [
  { label: 'none (toolkit default): 9 digests', options: {} },
  { label: 'sdLength 11 (every §3 claim)', options: { sdLength: 11 } },
  { label: '4 fixed decoys (the demo until now): 13', options: { decoys: 4 } },
];

const issuer = generateKeyPair();
const version = (text, ecc, mode = 'alphanumeric') => QRCode.create([{ data: text, mode }], { errorCorrectionLevel: ecc }).version;

console.log('| presentation | sd padding | characters | L | M | Q | M, byte mode |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const p of PRESENTATIONS) {
  for (const pad of PADDING) {
    const device = generateKeyPair();
    const t = issueToken({ issuerSecret: issuer.secretKey, iss: 'CN-33', iat: NOW - 3600, exp: NOW + 7 * DAY, claims: CLAIMS, ...pad.options, ...(p.bound ? { cnf: device.publicKey } : {}) });
    const text = toQrText(present({ token: t.token, disclosures: t.disclosures, reveal: p.reveal, ...(p.bound ? { binding: { deviceSecret: device.secretKey, presentedAt: NOW, nonce: null } } : {}) }));
    console.log(`| ${p.label} | ${pad.label} | ${text.length.toLocaleString('en-US')} | ${version(text, 'L')} | ${version(text, 'M')} | ${version(text, 'Q')} | ${version(text, 'M', 'byte')} |`);
  }
}
