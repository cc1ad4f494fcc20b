// PG1 presentations shared by every presentation contender, built once per run with Passgate's
// issuer toolkit: 8 issuers in a signed trust list, tokens with 3 disclosures (status, nat, vax)
// and 4 decoys, presented as `PG1:` text (what a scanner reads). Every contender gets the same
// strings, and must refuse the same tampered ones.
import { decode as cborDecode } from 'cbor-x';
import {
  assemblePresentation, buildTrustList, generateKeyPair, holderBinding, issueToken, present, toQrText,
} from '../dist/sdk/issuer/index.js';

export const PRESENTATION_COUNT = 1000;
export const POOL_PRESENTATION_COUNT = 4000;
export const PRESENTATION_ISSUERS = 8;
export const DECOYS = 4;
export const NOW = 1_780_000_000; // the verifiers' fixed clock
const DAY = 86_400;
const REVEAL = [1, 2, 3];

const claimsFor = (n) => ({ status: n % 3 === 0 ? 1 : 0, nat: [NOW - 3600 - (n % 50) * 600, 0], vax: [1 + (n % 3), NOW - 90 * DAY] });

function flipBit(bytes, index) {
  const copy = bytes.slice();
  copy[index] ^= 1;
  return copy;
}

/** `count` presentations of each kind, and `poolCount` (≥ count) plain ones for the worker pool. */
export function makePresentationWorkloads({ count = PRESENTATION_COUNT, poolCount = POOL_PRESENTATION_COUNT } = {}) {
  const root = generateKeyPair();
  const issuers = Array.from({ length: PRESENTATION_ISSUERS }, (_, i) => ({
    ...generateKeyPair(),
    iss: `CN-${31 + i}`,
    notBefore: NOW - 365 * DAY,
    notAfter: NOW + 365 * DAY,
  }));
  const trustList = buildTrustList({
    rootSecret: root.secretKey,
    version: 1,
    issuedAt: NOW - DAY,
    expires: NOW + 30 * DAY,
    issuers: issuers.map(({ publicKey, iss, notBefore, notAfter }) => ({ pub: publicKey, iss, notBefore, notAfter })),
    roots: [root.publicKey],
  });

  const issue = (n, extra = {}) => {
    const issuer = issuers[n % PRESENTATION_ISSUERS];
    return issueToken({
      issuerSecret: issuer.secretKey, iss: issuer.iss, iat: NOW - 2 * 3600, exp: NOW + 7 * DAY,
      claims: claimsFor(n), decoys: DECOYS, ...extra,
    });
  };
  const plainText = (n) => {
    const { token, disclosures } = issue(n);
    return toQrText(present({ token, disclosures, reveal: REVEAL }));
  };
  const boundText = (n) => {
    const device = generateKeyPair(); // every holder has their own device key
    const { token, disclosures } = issue(n, { cnf: device.publicKey });
    return toQrText(present({
      token, disclosures, reveal: REVEAL,
      binding: { deviceSecret: device.secretKey, presentedAt: NOW - (n % 30), nonce: null },
    }));
  };

  // The worker-pool workload holds the 1,000 plain presentations and 3,000 more.
  const poolTexts = Array.from({ length: Math.max(poolCount, count) }, (_, n) => plainText(n));
  const plainTexts = poolTexts.slice(0, count);
  const boundTexts = Array.from({ length: count }, (_, n) => boundText(n));

  // Presentations every contender must refuse before it is timed.
  const qr = (token, disclosures, binding) => toQrText(assemblePresentation(token, disclosures, binding));
  const plainRejects = (() => {
    const a = issue(0);
    const longer = issue(0, { exp: NOW + 70 * DAY });
    // longer's claims spliced into a token signed over a's: a swapped payload
    const swapped = issue(0, { cti: longer.cti, unsafe: { sign1: { payloadAfterSigning: payloadOf(longer.token) } } });
    const outsider = generateKeyPair();
    return [
      { label: 'bit flipped in R of the issuer signature', text: qr(issue(0, { unsafe: { sign1: { mapSignature: (s) => flipBit(s, 0) } } }).token, a.disclosures) },
      { label: 'bit flipped in S of the issuer signature', text: qr(issue(0, { unsafe: { sign1: { mapSignature: (s) => flipBit(s, 40) } } }).token, a.disclosures) },
      { label: 'payload swapped after signing', text: qr(swapped.token, longer.disclosures) },
      { label: 'bit flipped in a disclosure salt', text: qr(a.token, [flipBit(a.disclosures[0], 2), ...a.disclosures.slice(1)]) },
      { label: 'issuer not in the trust list', text: toQrText(present({ ...issueToken({ issuerSecret: outsider.secretKey, iss: 'CN-31', iat: NOW - 7200, exp: NOW + DAY, claims: claimsFor(0), decoys: DECOYS }), reveal: REVEAL })) },
      { label: 'iss differs from the key’s iss', text: toQrText(present({ ...issue(0, { iss: 'CN-99' }), reveal: REVEAL })) },
      { label: 'expired', text: toQrText(present({ ...issue(0, { iat: NOW - 9 * DAY, exp: NOW - 2 * DAY }), reveal: REVEAL })) },
      { label: 'one base45 character changed', text: mutateChar(plainTexts[0]) },
    ];
  })();
  const boundRejects = (() => {
    const device = generateKeyPair();
    const other = generateKeyPair();
    const t = issue(0, { cnf: device.publicKey });
    const bind = (deviceSecret, presentedAt) => holderBinding(t.cti, { deviceSecret, presentedAt, nonce: null });
    return [
      { label: 'binding signed by another device key', text: qr(t.token, t.disclosures, bind(other.secretKey, NOW)) },
      { label: 'stale binding (presented 120 s ago)', text: qr(t.token, t.disclosures, bind(device.secretKey, NOW - 120)) },
      { label: 'binding missing', text: qr(t.token, t.disclosures) },
      { label: 'bit flipped in the issuer signature', text: qr(issue(0, { cnf: device.publicKey, cti: t.cti, unsafe: { sign1: { mapSignature: (s) => flipBit(s, 0) } } }).token, t.disclosures, bind(device.secretKey, NOW)) },
    ];
  })();

  return {
    now: NOW,
    rootPublicKey: root.publicKey,
    trustList,
    issuers: issuers.map(({ publicKey, iss, notBefore, notAfter }) => ({ pub: publicKey, iss, notBefore, notAfter })),
    workloads: [
      { id: 'plain', label: `${count} presentations`, texts: plainTexts, rejects: plainRejects },
      { id: 'bound', label: `${count} holder-bound presentations`, texts: boundTexts, rejects: [...boundRejects, ...plainRejects] },
    ],
    poolTexts,
  };
}

/** The payload bstr of a token (tag 18, [protected, unprotected, payload, signature]). */
function payloadOf(token) {
  return cborDecode(token).value[2];
}

/** The same text with one base45 character in the middle replaced by another valid one. */
function mutateChar(text) {
  const i = Math.floor(text.length / 2);
  const replacement = text[i] === 'A' ? 'B' : 'A';
  return text.slice(0, i) + replacement + text.slice(i + 1);
}
