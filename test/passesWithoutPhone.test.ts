/**
 * PG1 §10, passes without a phone, as the spec reads: card passes bound to their card (§10.1), printed
 * passes checked with the holder's identity document (§10.2), venues that admit only bound
 * presentations (§10.3), each rule at its boundary and in the check order of §5. Every verification
 * goes through the reference verifier and, mirrored, through the SDK's verify() and verifyBatchLocal()
 * (the read per item) and `passgate verify` (as §10.4 read lines).
 */
import { describe, expect, it } from 'vitest';
import { Tagged, type CborValue } from '../sdk/cbor/deterministicEncoder.js';
import { decodeValue } from '../sdk/cbor/valueDecoder.js';
import {
  buildRevocationList,
  cardBinding,
  encodeDisclosure,
  assemblePresentation,
  issueCardPass,
  issuePrintedPass,
  issueToken,
  randomBytes,
  revokedPrefix,
  toQrText,
  kidOf,
  type IssueTokenOptions,
} from '../sdk/issuer/index.js';
import type { ReferenceVerifier } from './reference/referenceVerifier.js';
import { checkThroughCli, mirrorThroughProduct } from './support/productMirror.js';
import { bindingNow, DAY, device, issuerKey, NOW, presentAll, root, stranger, token, verifierWith } from './support/issuerFixtures.js';

mirrorThroughProduct();

const POLICY = {
  general: { allow: [0, 1] },
  gate: { allow: [0, 1], bound: true },
  clinic: { allow: [0], bound: true, require: [2] },
  open: { allow: [0, 1], bound: false },
};
const world = (): ReferenceVerifier => verifierWith({ policy: POLICY });

const SERIAL = Uint8Array.from([0x04, 0xa2, 0x3b, 0x1c, 0x5d, 0x80, 0x11]);
const OTHER_SERIAL = Uint8Array.from([0x04, 0xa2, 0x3b, 0x1c, 0x5d, 0x80, 0x12]);

const cardPass = (over: Partial<Parameters<typeof issueCardPass>[0]> = {}): Uint8Array =>
  issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, serial: SERIAL, status: 0, ...over }).presentation;

const HOLDER = { number: '35010219920315441X', name: '林建华' };
const printedPass = (over: Partial<Parameters<typeof issuePrintedPass>[0]> = {}): Uint8Array =>
  issuePrintedPass({
    issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + 2 * DAY, status: 0,
    documentNumber: HOLDER.number, name: HOLDER.name, ...over,
  }).presentation;

/** A pass without cnf and card whose disclosures are exactly these (id4, name as given). */
const passWith = (claims: IssueTokenOptions['claims']): Uint8Array => presentAll(token({ claims }));

/** A card token whose Claims map is edited before signing (rules the toolkit refuses). */
function cardToken(edit: (m: Map<CborValue, CborValue>) => void, over: Partial<IssueTokenOptions> = {}): Uint8Array {
  // over.unsafe, when given, replaces the edit (it carries its own)
  const t = issueToken({
    issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + DAY, claims: { status: 0 },
    card: cardBinding(SERIAL), unsafe: { skipCardChecks: true, mutateClaims: (m) => { edit(m); return m; } }, ...over,
  });
  return assemblePresentation(t.token, t.disclosures);
}

const result = (v: ReferenceVerifier, input: string | Uint8Array, options: Partial<Parameters<ReferenceVerifier['verify']>[1]> = {}): string =>
  v.verify(input, { now: NOW, ...options }).result;

describe('§10.1 card passes', () => {
  const v = world();

  it('a card pass read from its card is OK, with status only', () => {
    const got = v.verify(cardPass(), { now: NOW, card: SERIAL });
    expect(got.result).toBe('OK');
    expect(got.claims).toEqual({ status: 0 });
  });

  it('read with the serial of another card, or with none (a QR code, pasted text), it is CARD_MISMATCH', () => {
    const p = cardPass();
    expect(result(v, p, { now: NOW, card: OTHER_SERIAL })).toBe('CARD_MISMATCH');
    expect(result(v, p)).toBe('CARD_MISMATCH');
    expect(result(v, toQrText(p))).toBe('CARD_MISMATCH');
    expect(result(v, toQrText(p), { now: NOW, card: SERIAL.subarray(0, 6) })).toBe('CARD_MISMATCH');
  });

  it('serials of 1 and of 64 bytes bind', () => {
    for (const serial of [Uint8Array.of(0), new Uint8Array(64).fill(0xee)]) {
      expect(result(v, cardPass({ serial }), { now: NOW, card: serial })).toBe('OK');
    }
  });

  it('card = H("PG1-card" || serial)[0..16], computed by the verifier from the serial', () => {
    const p = cardToken((m) => m.set(-65538, Uint8Array.from([...cardBinding(SERIAL)].map((b, i) => (i === 15 ? b ^ 1 : b)))));
    expect(result(v, p, { now: NOW, card: SERIAL })).toBe('CARD_MISMATCH');
    expect(result(v, cardToken(() => {}), { now: NOW, card: SERIAL })).toBe('OK');
  });

  it('a serial given with a token without card is not used', () => {
    expect(result(v, printedPass(), { now: NOW, card: SERIAL })).toBe('OK');
    expect(result(v, presentAll(token({ cnf: device.publicKey }), bindingNow()), { now: NOW, card: SERIAL })).toBe('OK');
  });
});

describe('§10.1 claim rules (step 5, MALFORMED)', () => {
  const v = world();

  it('exp - iat = 259200 (72 h) exactly is allowed; 259201 is MALFORMED', () => {
    expect(result(v, cardToken((m) => m.set(4, NOW - 3600 + 259200)), { now: NOW, card: SERIAL })).toBe('OK');
    expect(result(v, cardToken((m) => m.set(4, NOW - 3600 + 259201)), { now: NOW, card: SERIAL })).toBe('MALFORMED');
  });

  it('an exp before iat is within the bound (EXPIRED decides at step 7)', () => {
    expect(result(v, cardToken((m) => { m.set(6, NOW - 3600); m.set(4, NOW - 7200); }), { now: NOW, card: SERIAL })).toBe('EXPIRED');
  });

  it('card of 15 or 17 bytes, or not a byte string, is MALFORMED', () => {
    for (const card of [new Uint8Array(15), new Uint8Array(17), 'x'.repeat(16), 16]) {
      expect(result(v, cardToken((m) => m.set(-65538, card)), { now: NOW, card: SERIAL })).toBe('MALFORMED');
    }
  });

  it('card with cnf is MALFORMED, even with a genuine binding', () => {
    const t = issueToken({
      issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + DAY, claims: { status: 0 },
      cnf: device.publicKey, card: cardBinding(SERIAL), unsafe: { skipCardChecks: true },
    });
    const p = presentAll(t, bindingNow());
    expect(result(v, p, { now: NOW, card: SERIAL })).toBe('MALFORMED');
  });

  it('the claim rules are step 5: before ISSUER_MISMATCH (step 6), after BAD_SIGNATURE (step 4)', () => {
    const long = (m: Map<CborValue, CborValue>): void => { m.set(4, NOW + 4 * DAY); };
    expect(result(v, cardToken((m) => { long(m); m.set(1, 'CN-11'); }), { now: NOW, card: SERIAL })).toBe('MALFORMED');
    const forged = cardToken(long, { issuerSecret: stranger.secretKey, unsafe: { skipCardChecks: true, kid: kidOf(issuerKey.publicKey), mutateClaims: (m) => { long(m); return m; } } });
    expect(result(v, forged, { now: NOW, card: SERIAL })).toBe('BAD_SIGNATURE');
  });
});

describe('§5 step 10 order: HOLDER_BINDING_FAILED, STALE_PRESENTATION, CARD_MISMATCH, DOCUMENT_MISMATCH', () => {
  const v = world();
  const elsewhere = { number: '110101199003077777', name: '王小明' };

  it('the checks of steps 7 to 9 come first', () => {
    expect(result(v, cardPass({ iat: NOW - 2 * DAY, exp: NOW - DAY }))).toBe('EXPIRED');
    const t = issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, serial: SERIAL, status: 0 });
    const r = verifierWith({ policy: POLICY });
    r.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(t.cti)] }));
    expect(result(r, t.presentation)).toBe('TOKEN_REVOKED');
    const stray = encodeDisclosure(randomBytes(16), 1, 2);
    expect(result(v, assemblePresentation(t.token, [stray]))).toBe('DISCLOSURE_INVALID');
  });

  it('HOLDER_BINDING_FAILED and STALE_PRESENTATION before DOCUMENT_MISMATCH', () => {
    const t = token({ cnf: device.publicKey, claims: { status: 0, id4: '441X' } });
    expect(result(v, presentAll(t), { now: NOW, document: elsewhere })).toBe('HOLDER_BINDING_FAILED');
    expect(result(v, presentAll(t, bindingNow({ presentedAt: NOW - 61 })), { now: NOW, document: elsewhere })).toBe('STALE_PRESENTATION');
    expect(result(v, presentAll(t, bindingNow()), { now: NOW, document: elsewhere })).toBe('DOCUMENT_MISMATCH');
    expect(result(v, presentAll(t, bindingNow()), { now: NOW, document: HOLDER })).toBe('OK');
  });

  it('CARD_MISMATCH before DOCUMENT_MISMATCH; a document check applies to a card pass too', () => {
    expect(result(v, cardPass(), { now: NOW, card: OTHER_SERIAL, document: elsewhere })).toBe('CARD_MISMATCH');
    expect(result(v, cardPass(), { now: NOW, card: SERIAL, document: HOLDER })).toBe('DOCUMENT_MISMATCH'); // status only: no id4
  });

  it('step 10 comes before any policy check', () => {
    expect(result(v, cardPass({ status: 1 }), { now: NOW, venue: 'clinic' })).toBe('CARD_MISMATCH');
    expect(result(v, printedPass({ status: 2 }), { now: NOW, venue: 'gate', document: elsewhere })).toBe('DOCUMENT_MISMATCH');
  });
});

describe('§10.2 document checks', () => {
  const v = world();
  const check = (claims: IssueTokenOptions['claims'], document: { number: string; name?: string }): string =>
    result(v, passWith({ status: 0, ...claims }), { now: NOW, document });

  it('a printed pass with its holder’s document is OK, with status, id4 and the masked name', () => {
    const got = v.verify(printedPass(), { now: NOW, document: HOLDER });
    expect(got.result).toBe('OK');
    expect(got.claims).toEqual({ status: 0, id4: '441X', name: '林*华' });
  });

  it('id4 is the number’s last code points, ASCII letters without regard to case', () => {
    expect(check({ id4: '441x' }, { number: '35010219920315441X' })).toBe('OK');
    expect(check({ id4: '441X' }, { number: '35010219920315441x' })).toBe('OK');
    expect(check({ id4: '5441' }, { number: '35010219920315441X' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: 'X' }, { number: 'x' })).toBe('OK');
    expect(check({ id4: '1X' }, { number: '35010219920315441X' })).toBe('OK');
    expect(check({ id4: '4X' }, { number: '35010219920315441X' })).toBe('DOCUMENT_MISMATCH');
  });

  it('only ASCII letters fold: not accented, full-width, Greek or any other letters', () => {
    expect(check({ id4: 'é' }, { number: 'É' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: 'ｘ' }, { number: 'Ｘ' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: 'ｘ' }, { number: 'x' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: 'σ' }, { number: 'Σ' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: 'k' }, { number: '\u212a' })).toBe('DOCUMENT_MISMATCH'); // the Kelvin sign
    expect(check({ id4: 'ı' }, { number: 'I' })).toBe('DOCUMENT_MISMATCH'); // dotless i
    expect(check({ id4: '@' }, { number: '`' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: '[' }, { number: '{' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: 'é' }, { number: 'é' })).toBe('OK');
  });

  it('an id4 longer than the number is DOCUMENT_MISMATCH; as long is compared whole', () => {
    expect(check({ id4: '1234' }, { number: '234' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: '1234' }, { number: '1234' })).toBe('OK');
    expect(check({ id4: 'a234' }, { number: 'A234' })).toBe('OK');
  });

  it('an id4 longer than the number fails even when what is read before the number would match', () => {
    // The serial (unused: no card claim) ends in "1", just where a comparison running past the start of
    // "234" would look for the "1" of "1234".
    const p = passWith({ status: 0, id4: '1234' });
    expect(result(v, p, { document: { number: '234' }, card: Uint8Array.of(0x31) })).toBe('DOCUMENT_MISMATCH');
    expect(result(v, p, { document: { number: '234' }, card: new TextEncoder().encode('0001') })).toBe('DOCUMENT_MISMATCH');
  });

  it('lengths are code points, not bytes or UTF-16 units', () => {
    expect(check({ id4: '𝟘𝟙' }, { number: '12𝟘𝟙' })).toBe('OK');
    expect(check({ id4: '𝟘𝟙𝟚𝟛' }, { number: '𝟘𝟙𝟚𝟛' })).toBe('OK');
    expect(check({ id4: '建华' }, { number: '林建华' })).toBe('OK');
    expect(check({ id4: '1𝟙' }, { number: '𝟙' })).toBe('DOCUMENT_MISMATCH');
    expect(check({ id4: '华' }, { number: '建華' })).toBe('DOCUMENT_MISMATCH');
  });

  it('without id4 disclosed, a document check fails', () => {
    expect(check({ name: '林*华' }, HOLDER)).toBe('DOCUMENT_MISMATCH');
    expect(check({}, { number: '1' })).toBe('DOCUMENT_MISMATCH');
  });

  it('a disclosed name has as many code points as the document’s, each * or the same code point', () => {
    const n = (name: string, docName: string): string => check({ id4: '441X', name }, { number: HOLDER.number, name: docName });
    expect(n('林*华', '林建华')).toBe('OK');
    expect(n('林*华', '林建国')).toBe('DOCUMENT_MISMATCH');
    expect(n('林*华', '林建华华')).toBe('DOCUMENT_MISMATCH');
    expect(n('林*华', '林华')).toBe('DOCUMENT_MISMATCH');
    expect(n('林**', '林建华')).toBe('OK');
    expect(n('*建*', '林建华')).toBe('OK');
    expect(n('***', '林建华')).toBe('OK');
    expect(n('林建华', '林建华')).toBe('OK');
    expect(n('*建华', '林建國')).toBe('DOCUMENT_MISMATCH');
    expect(n('林x华', '林*华')).toBe('DOCUMENT_MISMATCH'); // only the disclosed name's * stands for any code point
    expect(n('L* H*', 'l* h*')).toBe('DOCUMENT_MISMATCH'); // names are compared without folding
    expect(n('Z*', 'Z𝟘')).toBe('OK');
    expect(n('Z**', 'Z𝟘')).toBe('DOCUMENT_MISMATCH');
  });

  it('a name is checked only when both are there', () => {
    expect(check({ id4: '441X', name: '王*' }, { number: HOLDER.number })).toBe('OK');
    expect(check({ id4: '441X' }, HOLDER)).toBe('OK');
  });

  it('the document check applies to phone passes with cnf as well', () => {
    const t = token({ cnf: device.publicKey, claims: { status: 0, id4: '441X', name: '林*华' } });
    expect(result(v, presentAll(t, bindingNow()), { now: NOW, document: HOLDER })).toBe('OK');
    expect(result(v, presentAll(t, bindingNow()), { now: NOW, document: { ...HOLDER, name: '林建国' } })).toBe('DOCUMENT_MISMATCH');
  });
});

describe('§10.3 bound presentations and rule key 7', () => {
  const v = world();
  const gate = (input: Uint8Array, read: { card?: Uint8Array; document?: { number: string; name?: string } } = {}, venue = 'gate'): string =>
    result(v, input, { now: NOW, venue, ...read });

  it('each of the three bindings is bound', () => {
    expect(gate(presentAll(token({ cnf: device.publicKey }), bindingNow()))).toBe('OK');
    expect(gate(cardPass(), { card: SERIAL })).toBe('OK');
    expect(gate(printedPass(), { document: HOLDER })).toBe('OK');
  });

  it('without one, BINDING_REQUIRED with the verified claims (a policy code)', () => {
    const got = v.verify(printedPass(), { now: NOW, venue: 'gate' });
    expect(got.result).toBe('BINDING_REQUIRED');
    expect(got.claims).toEqual({ status: 0, id4: '441X', name: '林*华' });
    expect(gate(presentAll(token()))).toBe('BINDING_REQUIRED');
    expect(gate(printedPass(), { card: SERIAL })).toBe('BINDING_REQUIRED'); // a serial binds only a card pass
  });

  it('BINDING_REQUIRED is the first policy check', () => {
    expect(gate(printedPass({ status: 2 }))).toBe('BINDING_REQUIRED');
    expect(gate(passWith({ id4: '441X' }))).toBe('BINDING_REQUIRED'); // before the presence of status
    expect(gate(passWith({ id4: '441X' }), { document: HOLDER })).toBe('CLAIM_REQUIRED');
    expect(gate(printedPass(), {}, 'clinic')).toBe('BINDING_REQUIRED');
    expect(gate(printedPass(), { document: HOLDER }, 'clinic')).toBe('CLAIM_REQUIRED');
    expect(gate(printedPass({ status: 2 }), { document: HOLDER })).toBe('STATUS_NOT_ALLOWED');
  });

  it('bound: false, or no bound, or no venue, admits unbound presentations', () => {
    expect(gate(printedPass(), {}, 'open')).toBe('OK');
    expect(gate(printedPass(), {}, 'general')).toBe('OK');
    expect(result(v, printedPass())).toBe('OK');
  });
});

describe('the toolkit refuses card passes verifiers must refuse', () => {
  it('over 72 h, with cnf, or with a serial out of range', () => {
    expect(() => issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW, exp: NOW + 259201, serial: SERIAL, status: 0 })).toThrow(/72 h/);
    expect(() => issueToken({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW, exp: NOW + DAY, claims: { status: 0 }, card: cardBinding(SERIAL), cnf: device.publicKey })).toThrow(/never both/);
    expect(() => cardBinding(new Uint8Array(0))).toThrow(/1 to 64/);
    expect(() => cardBinding(new Uint8Array(65))).toThrow(/1 to 64/);
  });

  it('a card pass holds status only, without decoys, and lives 72 h by default', () => {
    const t = issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 100, serial: SERIAL, status: 1 });
    expect(t.keys).toEqual([1]);
    const claims = decodeValue((decodeValue(t.token) as Tagged).value instanceof Array ? ((decodeValue(t.token) as Tagged).value as Uint8Array[])[2]! : new Uint8Array(0)) as Map<CborValue, CborValue>;
    expect(claims.get(-65537)).toHaveLength(1);
    expect(Number(claims.get(4)) - Number(claims.get(6))).toBe(259200);
  });
});

checkThroughCli();
