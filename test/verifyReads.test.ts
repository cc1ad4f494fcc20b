// The SDK's side of PG1 §10: verify(presentation, { card, document }), the same per item in
// verifyBatch (in this thread and over the worker pool), misuse as BAD_ARGUMENT, the new codes in
// words, and explain saying which comparison failed without ever showing the number or the name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../sdk/explain/index.js';
import { createVerifier, describeResult, isPolicyCode, PassgateError, type BatchEntry, type Verifier } from '../sdk/index.js';
import { issueCardPass, issuePrintedPass, toQrText } from '../sdk/issuer/index.js';
import { toHex } from '../sdk/encoding/hex.js';
import { DAY, issuerKey, NOW, root, trustList } from './support/issuerFixtures.js';

const SERIAL = Uint8Array.from([0x5d, 0x0e, 0x77, 0x31, 0xc2, 0xa9, 0x4f, 0x06]);
const HOLDER = { number: '35010219920315441X', name: '林建华' };
const card = issueCardPass({ issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, serial: SERIAL, status: 0 }).presentation;
const printed = issuePrintedPass({
  issuerSecret: issuerKey.secretKey, iss: 'CN-35', iat: NOW - 3600, exp: NOW + DAY, status: 0, documentNumber: HOLDER.number, name: HOLDER.name,
}).presentation;
const policy = { gate: { allow: [0, 1], bound: true } };

let v: Verifier;
let pooled: Verifier;
beforeAll(async () => {
  v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  pooled = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, workers: 2 });
  for (const x of [v, pooled]) await x.applyTrustList(trustList({ policy }));
});
afterAll(async () => {
  await pooled?.destroy();
});

describe('verify(presentation, { card, document })', () => {
  it('takes the serial as bytes or as hex in either case', () => {
    expect(v.verify(card, { card: SERIAL }).result).toBe('OK');
    expect(v.verify(toQrText(card), { card: toHex(SERIAL) }).result).toBe('OK');
    expect(v.verify(card, { card: toHex(SERIAL).toUpperCase(), venue: 'gate' }).result).toBe('OK');
    expect(v.verify(card).result).toBe('CARD_MISMATCH');
  });

  it('takes the document as { number, name? }', () => {
    expect(v.verify(printed, { document: HOLDER, venue: 'gate' })).toMatchObject({ result: 'OK', claims: { status: 0, id4: '441X', name: '林*华' } });
    expect(v.verify(printed, { document: { number: HOLDER.number } }).result).toBe('OK');
    expect(v.verify(printed, { document: { number: HOLDER.number, name: '林建国' } }).result).toBe('DOCUMENT_MISMATCH');
    expect(v.verify(printed, { venue: 'gate' }).result).toBe('BINDING_REQUIRED');
  });

  const misuse: [string, object][] = [
    ['an empty serial', { card: new Uint8Array(0) }],
    ['a serial of 65 bytes', { card: new Uint8Array(65) }],
    ['an empty hex serial', { card: '' }],
    ['odd-length hex', { card: 'abc' }],
    ['non-hex text', { card: 'xyz0' }],
    ['a serial of another type', { card: [1, 2] }],
    ['a document that is not an object', { document: '35010219920315441X' }],
    ['a null document', { document: null }],
    ['a document without number', { document: { name: '林建华' } }],
    ['an empty number', { document: { number: '' } }],
    ['a number of 65 code points', { document: { number: '𝟙'.repeat(65) } }],
    ['a number with an unpaired surrogate', { document: { number: '441X\ud800' } }],
    ['an empty name', { document: { number: '1', name: '' } }],
    ['a name of 65 code points', { document: { number: '1', name: '林'.repeat(65) } }],
    ['a name of another type', { document: { number: '1', name: 7 } }],
  ];
  it.each(misuse)('%s is a PassgateError BAD_ARGUMENT', (_, options) => {
    expect(() => v.verify(card, options)).toThrowError(expect.objectContaining({ name: 'PassgateError', code: 'BAD_ARGUMENT' }) as Error);
  });

  it('64 bytes and 64 code points are in range', () => {
    expect(v.verify(card, { card: new Uint8Array(64) }).result).toBe('CARD_MISMATCH');
    expect(v.verify(printed, { document: { number: '𝟙'.repeat(60) + '441x', name: '林'.repeat(64) } }).result).toBe('DOCUMENT_MISMATCH');
  });
});

describe('verifyBatch with what was read per item', () => {
  const entries: BatchEntry[] = [
    { presentation: card, card: SERIAL },
    card,
    { presentation: toQrText(printed), document: HOLDER },
    toQrText(printed),
    { presentation: printed, document: { number: '110101199003077777' } },
    { presentation: card, card: toHex(SERIAL), document: HOLDER },
  ];
  const expected = ['OK', 'CARD_MISMATCH', 'OK', 'BINDING_REQUIRED', 'DOCUMENT_MISMATCH', 'DOCUMENT_MISMATCH'];

  it('verifyBatchLocal and verifyBatch give what verify() gives each one', async () => {
    expect(v.verifyBatchLocal(entries, { venue: 'gate' }).map((r) => r.result)).toEqual(expected);
    expect((await v.verifyBatch(entries, { venue: 'gate' })).map((r) => r.result)).toEqual(expected);
  });

  it('after a batch with a bad signature (then one by one), each item keeps its read', () => {
    const forged = card.slice();
    forged[forged.length - 45]! ^= 1; // inside the issuer's signature
    const many: BatchEntry[] = [forged, ...Array.from({ length: 63 }, () => card), ...Array.from({ length: 40 }, () => ({ presentation: card, card: SERIAL }))];
    const got = v.verifyBatchLocal(many).map((r) => r.result);
    expect(got[0]).toBe('BAD_SIGNATURE');
    expect(got.slice(1, 64).every((r) => r === 'CARD_MISMATCH')).toBe(true);
    expect(got.slice(64)).toEqual(Array.from({ length: 40 }, () => 'OK'));
  });

  it('over the worker pool, each item with its own read', async () => {
    const many = Array.from({ length: 300 }, (_, i) => entries[i % entries.length]!);
    const got = await pooled.verifyBatch(many, { venue: 'gate' });
    expect(got.map((r) => r.result)).toEqual(many.map((_, i) => expected[i % expected.length]));
  });

  it('misuse throws BAD_ARGUMENT naming the item; card and document are not batch options', async () => {
    await expect(v.verifyBatch([card, { presentation: card, card: '' }])).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringMatching(/inputs\[1\]/) as string });
    await expect(v.verifyBatch([{ card: SERIAL } as unknown as BatchEntry])).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(() => v.verifyBatchLocal([card], { card: SERIAL })).toThrow(PassgateError);
    await expect(pooled.verifyBatch(Array.from({ length: 300 }, () => card), { document: HOLDER })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});

describe('the new codes in words and in explain', () => {
  it('describeResult says what a gate shows, in zh and en; BINDING_REQUIRED is a policy code', () => {
    expect(describeResult('CARD_MISMATCH', 'en').summary).toMatch(/another card/);
    expect(describeResult('DOCUMENT_MISMATCH', 'en').summary).toMatch(/identity document/);
    expect(describeResult('BINDING_REQUIRED', 'en').advice).toMatch(/own phone.*card.*identity card/);
    for (const code of ['CARD_MISMATCH', 'DOCUMENT_MISMATCH', 'BINDING_REQUIRED'] as const) expect(describeResult(code, 'zh').summary).toMatch(/[\u4e00-\u9fff]/);
    expect(isPolicyCode('BINDING_REQUIRED')).toBe(true);
    expect(isPolicyCode('CARD_MISMATCH')).toBe(false);
  });

  it('explain names the comparison that failed, never the number or the name', () => {
    const other = { number: '110101199003071234', name: '王小明' };
    const details = [
      v.verify(card, { explain: true }).detail,
      v.verify(card, { card: 'ab', explain: true }).detail,
      v.verify(printed, { document: other, explain: true }).detail,
      v.verify(printed, { document: { number: '41X' }, explain: true }).detail,
      v.verify(printed, { document: { number: HOLDER.number, name: '林建华华' }, explain: true }).detail,
      v.verify(printed, { document: { number: HOLDER.number, name: '林建国' }, explain: true }).detail,
      v.verify(card, { card: SERIAL, document: HOLDER, explain: true }).detail,
      v.verify(printed, { venue: 'gate', explain: true }).detail,
    ];
    expect(details.map((d) => d?.step)).toEqual([10, 10, 10, 10, 10, 10, 10, 11]);
    expect(details.map((d) => d?.check)).toEqual([
      expect.stringMatching(/serial/), expect.stringMatching(/H\("PG1-card"/), expect.stringMatching(/id4 equals the last code points/),
      expect.stringMatching(/at least as many code points as id4/), expect.stringMatching(/as many code points/),
      expect.stringMatching(/\* or the document/), expect.stringMatching(/id4 is disclosed/), expect.stringMatching(/bound to its holder/),
    ]);
    const text = JSON.stringify(details);
    for (const secret of [HOLDER.number, '441X', '441x', '林', '王小明', other.number, '1234', toHex(SERIAL)]) expect(text).not.toContain(secret);
  });
});
