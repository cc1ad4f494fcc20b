// PG1 §10.1: a card pass is an NDEF message whose first record has TNF 2, type application/pg1 and the
// raw presentation as its payload. The decoder reads what a card holds, so hostile messages get a code
// (NOT_NDEF for a message that breaks NDEF, NO_PASS for one that holds no pass), never an exception of
// another kind, an over-read or a wrong payload.
import { describe, expect, it } from 'vitest';
import { CardError, decodeNdefMessage, encodeNdefMessage, MAX_NDEF_MESSAGE_BYTES, readLine } from '../sdk/card/index.js';

const TYPE = [...new TextEncoder().encode('application/pg1')];
const presentation = Uint8Array.from({ length: 208 }, (_, i) => (i * 7 + 0x83) & 0xff);

/** A short record by hand: flags, type length, payload length, [id length], type, [id], payload. */
function record(flags: number, type: readonly number[], payload: readonly number[], id?: readonly number[]): number[] {
  return [flags | (id === undefined ? 0 : 0x08), type.length, payload.length, ...(id === undefined ? [] : [id.length]), ...type, ...(id ?? []), ...payload];
}

function codeOf(message: Uint8Array | readonly number[]): string {
  try {
    decodeNdefMessage(Uint8Array.from(message));
    return 'OK';
  } catch (e) {
    expect(e).toBeInstanceOf(CardError);
    return (e as CardError).code;
  }
}

describe('the NDEF message of a card pass (PG1 §10.1)', () => {
  it('is one short record, MB ME SR TNF 2, type application/pg1, the presentation as payload', () => {
    const message = encodeNdefMessage(presentation);
    expect([...message.subarray(0, 3)]).toEqual([0xd2, 15, 208]);
    expect([...message.subarray(3, 18)]).toEqual(TYPE);
    expect(message.length).toBe(18 + 208);
    expect(decodeNdefMessage(message)).toEqual(presentation);
  });

  it('uses a long record past 255 bytes, and refuses a message over 4,096 bytes both ways', () => {
    const long = new Uint8Array(1000).fill(0x42);
    const message = encodeNdefMessage(long);
    expect(message[0]).toBe(0xc2); // SR clear
    expect([...message.subarray(2, 6)]).toEqual([0, 0, 0x03, 0xe8]);
    expect(decodeNdefMessage(message)).toEqual(long);
    expect(() => encodeNdefMessage(new Uint8Array(MAX_NDEF_MESSAGE_BYTES))).toThrow(CardError);
    const over = new Uint8Array(MAX_NDEF_MESSAGE_BYTES + 1);
    over.set(encodeNdefMessage(new Uint8Array(MAX_NDEF_MESSAGE_BYTES - 30)));
    expect(codeOf(over)).toBe('NOT_NDEF');
    expect(() => encodeNdefMessage(new Uint8Array(0))).toThrow(CardError);
  });

  it('skips an ID field, which is legal NDEF, and still returns the payload', () => {
    expect(decodeNdefMessage(Uint8Array.from(record(0xd2, TYPE, [1, 2, 3], [9, 9, 9, 9])))).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('compares the media type without regard to case', () => {
    const upper = [...new TextEncoder().encode('Application/PG1')];
    expect(decodeNdefMessage(Uint8Array.from(record(0xd2, upper, [5])))).toEqual(Uint8Array.of(5));
  });

  it('reads the first record of several, and checks the others too', () => {
    const uri = record(0x51, [0x55], [0x04, 0x61]); // ME SR TNF 1 "U"
    expect(decodeNdefMessage(Uint8Array.from([...record(0x92, TYPE, [7, 8]), ...uri]))).toEqual(Uint8Array.of(7, 8));
    expect(codeOf([...record(0x92, TYPE, [7, 8]), ...record(0x51, [0x55], [0x04, 0x61, 0x62]).slice(0, -1)])).toBe('NOT_NDEF');
  });

  it.each(([
    ['a first record that is a URI, not application/pg1', record(0xd1, [0x55], [0x04, 0x61]), 'NO_PASS'],
    ['a first record of another media type', record(0xd2, [...new TextEncoder().encode('text/plain')], [0x61]), 'NO_PASS'],
    ['TNF 4 (external) with the same type text', record(0xd4, TYPE, [1]), 'NO_PASS'],
    ['an application/pg1 record with no payload', record(0xd2, TYPE, []), 'NO_PASS'],
    ['an empty message', [], 'NO_PASS'],
    ['a record claiming more payload than the message has', [0xd2, 15, 200, ...TYPE, 1, 2, 3], 'NOT_NDEF'],
    ['a long record claiming 4 GiB', [0xc2, 15, 0xff, 0xff, 0xff, 0xff, ...TYPE, 1], 'NOT_NDEF'],
    ['a type length past the message', [0xd2, 200, 1, ...TYPE, 1], 'NOT_NDEF'],
    ['an ID length past the message', [0xda, 15, 1, 250, ...TYPE, 1], 'NOT_NDEF'],
    ['a header cut short', [0xd2, 15], 'NOT_NDEF'],
    ['a chunked first record', record(0xb2, TYPE, [1, 2]).concat(record(0x56, [], [3])), 'NOT_NDEF'],
    ['a lone record with the chunk flag', record(0xf2, TYPE, [1, 2]), 'NOT_NDEF'],
    ['a first record without MB', record(0x52, TYPE, [1]), 'NOT_NDEF'],
    ['a second record with MB', [...record(0x92, TYPE, [1]), ...record(0xd2, TYPE, [2])], 'NOT_NDEF'],
    ['no ME record', record(0x92, TYPE, [1]), 'NOT_NDEF'],
    ['bytes after the ME record', [...record(0xd2, TYPE, [1]), 0], 'NOT_NDEF'],
    ['the reserved TNF 7', record(0xd7, TYPE, [1]), 'NOT_NDEF'],
    ['TNF 6 (unchanged) outside a chunk', record(0xd6, [], [1]), 'NOT_NDEF'],
    ['TNF 0 (empty) with a payload', record(0xd0, [], [1]), 'NOT_NDEF'],
    ['TNF 5 (unknown) with a type', record(0xd5, [1], [1]), 'NOT_NDEF'],
    ['TNF 2 without a type', record(0xd2, [], [1]), 'NOT_NDEF'],
  ] as [string, number[], string][]).map(([what, message, code]) => [what, code, message] as const))('%s is %s', (_, code, message) => {
    expect(codeOf(message)).toBe(code);
  });

  it('writes a tap as a §10.4 read line, or as an error line with the serial where known', () => {
    expect(readLine({ presentation: Uint8Array.of(0xab, 0x01), serial: Uint8Array.of(0x04, 0xa2) })).toBe('{"presentation":"ab01","card":"04a2"}');
    expect(readLine({ error: new CardError('NO_PASS', 'x'), serial: Uint8Array.of(0x04) })).toBe('{"error":"NO_PASS","card":"04"}');
    expect(readLine({ error: new CardError('CARD_REMOVED', 'x') })).toBe('{"error":"CARD_REMOVED"}');
  });
});
