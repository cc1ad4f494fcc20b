// `passgate verify` reading the JSON read lines of PG1 §10.4 (a child process, as a conformance suite
// or a card reader's pipe runs it): what a read is, what makes a line MALFORMED, and answers that come
// as soon as each line is read.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleGroups, verifyArgv } from './helpers/examples.js';

const BIN = fileURLToPath(new URL('../bin/passgate.js', import.meta.url));
const group = exampleGroups().find((g) => g.name === 'passes_without_phone')!;
const reads = group.inputs.slice(0, 4).map((l) => JSON.parse(l) as { presentation: string; card?: string; document?: { number: string; name: string } });
/** A card pass and the serial of its card; a printed pass and its holder's document (the public example). */
const CARD = { presentation: reads[0]!.presentation, card: reads[0]!.card! };
const PRINTED = { presentation: reads[2]!.presentation, document: reads[2]!.document! };

function results(lines: readonly string[], argv: readonly string[] = verifyArgv(group)): string[] {
  const r = spawnSync(process.execPath, [BIN, ...argv], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { result: string }).result);
}
const line = (o: unknown): string => JSON.stringify(o);

describe('§10.4: what a read line is', () => {
  it('a read of the card pass with its serial, in either case, is OK; without one, or as a plain line, CARD_MISMATCH', () => {
    expect(results([
      line(CARD),
      line({ ...CARD, card: CARD.card.toUpperCase() }),
      line({ presentation: CARD.presentation }),
      CARD.presentation,
    ])).toEqual(['OK', 'OK', 'CARD_MISMATCH', 'CARD_MISMATCH']);
  });

  it('other members, at either level, are ignored', () => {
    expect(results([
      line({ reader: 'gate-3', ...CARD, tap: { ms: 41 }, document2: null }),
      line({ ...PRINTED, document: { ...PRINTED.document, issued: '2019', photo: null } }),
      line({ presentation: PRINTED.presentation, document: { number: PRINTED.document.number, extra: [1] }, status: 'x' }),
    ])).toEqual(['OK', 'OK', 'OK']);
  });

  it('a serial given with a printed pass is not used', () => {
    expect(results([line({ ...PRINTED, card: '00' })])).toEqual(['OK']);
  });

  it('a failed tap of passgate card read ({"error": CODE, "card"?: HEX}) has no presentation: MALFORMED', () => {
    expect(results([line({ error: 'NO_NDEF', card: CARD.card }), line({ error: 'READ_FAILED' })])).toEqual(['MALFORMED', 'MALFORMED']);
  });
});

describe('§10.4: a line that is not such an object is MALFORMED', () => {
  const malformed: [string, string][] = [
    ['not JSON', '{presentation: 1}'],
    ['truncated JSON', line(CARD).slice(0, -1)],
    ['an empty object', '{}'],
    ['presentation missing', line({ card: CARD.card })],
    ['presentation null', line({ ...CARD, presentation: null })],
    ['presentation a number', line({ ...CARD, presentation: 7 })],
    ['presentation an array', line({ ...CARD, presentation: [CARD.presentation] })],
    ['card null', line({ ...CARD, card: null })],
    ['card a number', line({ ...CARD, card: 5 })],
    ['card bytes as an array', line({ ...CARD, card: [93, 14] })],
    ['card empty (0 bytes)', line({ ...CARD, card: '' })],
    ['card of odd length', line({ ...CARD, card: CARD.card.slice(1) })],
    ['card not hex', line({ ...CARD, card: 'zz' + CARD.card.slice(2) })],
    ['card with a 0x prefix', line({ ...CARD, card: '0x' + CARD.card })],
    ['card with a space', line({ ...CARD, card: CARD.card.slice(0, 4) + ' ' + CARD.card.slice(4) })],
    ['card of 65 bytes', line({ ...CARD, card: 'ab'.repeat(65) })],
    ['document null', line({ ...PRINTED, document: null })],
    ['document a string', line({ ...PRINTED, document: PRINTED.document.number })],
    ['document an array', line({ ...PRINTED, document: [PRINTED.document.number] })],
    ['document without number', line({ ...PRINTED, document: { name: PRINTED.document.name } })],
    ['number null', line({ ...PRINTED, document: { number: null } })],
    ['number a JSON number', line({ ...PRINTED, document: { number: 441 } })],
    ['number empty', line({ ...PRINTED, document: { number: '' } })],
    ['number of 65 code points', line({ ...PRINTED, document: { number: '1'.repeat(61) + '441X' } })],
    ['number of 65 astral code points', line({ ...PRINTED, document: { number: '𝟙'.repeat(65) } })],
    ['number with an unpaired surrogate', '{"presentation": "' + PRINTED.presentation + '", "document": {"number": "441X\\ud800"}}'],
    ['name null', line({ ...PRINTED, document: { ...PRINTED.document, name: null } })],
    ['name empty', line({ ...PRINTED, document: { ...PRINTED.document, name: '' } })],
    ['name a number', line({ ...PRINTED, document: { ...PRINTED.document, name: 3 } })],
    ['name of 65 code points', line({ ...PRINTED, document: { ...PRINTED.document, name: '林'.repeat(65) } })],
  ];

  // One process answers them all (one line each, in order).
  let answers: string[] = [];
  beforeAll(() => { answers = results(malformed.map(([, text]) => text)); });
  it.each(malformed.map(([what], i) => [what, i] as const))('%s', (_, i) => {
    expect(answers[i]).toBe('MALFORMED');
  });

  it('and the line after it is answered as usual', () => {
    expect(results(['{', line(CARD), line({ ...CARD, card: null }), line(PRINTED)])).toEqual(['MALFORMED', 'OK', 'MALFORMED', 'OK']);
  });
});

describe('§10.4: the ranges at their bounds', () => {
  it('a card of 1 and of 64 bytes is a serial (this card pass then answers CARD_MISMATCH)', () => {
    expect(results([line({ ...CARD, card: 'ab' }), line({ ...CARD, card: 'AB'.repeat(64) })])).toEqual(['CARD_MISMATCH', 'CARD_MISMATCH']);
  });

  it('a number and a name of 1 and of 64 code points (astral ones count one each) are a document', () => {
    const doc = (number: string, name?: string): string => line({ ...PRINTED, document: { number, ...(name === undefined ? {} : { name }) } });
    expect(results([
      doc('1'.repeat(60) + '441X', '林*华'.replace('*', '建')),
      doc('𝟙'.repeat(60) + '441x'),
      doc('X'),
      doc('35010219920315441X', '林'.repeat(64)),
      doc('35010219920315441X', '𝟙'.repeat(64)),
      doc('35010219920315441X', '林'),
    ])).toEqual(['OK', 'OK', 'DOCUMENT_MISMATCH', 'DOCUMENT_MISMATCH', 'DOCUMENT_MISMATCH', 'DOCUMENT_MISMATCH']);
  });

  it('step 1 still comes first: once the trust list has expired, every line answers TRUST_LIST_EXPIRED', () => {
    const argv = verifyArgv(group);
    argv[argv.indexOf('--now') + 1] = String(2 ** 40);
    expect(results([line(CARD), '{', line({ card: CARD.card })], argv)).toEqual(['TRUST_LIST_EXPIRED', 'TRUST_LIST_EXPIRED', 'TRUST_LIST_EXPIRED']);
  });
});

describe('passgate verify at the end of a pipe', () => {
  it('answers each line as soon as it has read it, before its input ends', async () => {
    const child = spawn(process.execPath, [BIN, ...verifyArgv(group)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const answers: string[] = [];
    let waiting: (() => void) | null = null;
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      answers.push(...lines);
      waiting?.();
    });
    const answerNumber = (n: number): Promise<void> => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer ${n} within 20 s while the input stays open`)), 20_000);
      const check = (): void => { if (answers.length >= n) { clearTimeout(timer); waiting = null; resolve(); } };
      waiting = check;
      check();
    });
    try {
      for (const [i, l] of [line(CARD), line({ ...CARD, card: '00' }), line(PRINTED)].entries()) {
        child.stdin.write(l + '\n');
        await answerNumber(i + 1);
      }
      expect(answers.map((a) => (JSON.parse(a) as { result: string }).result)).toEqual(['OK', 'CARD_MISMATCH', 'OK']);
    } finally {
      child.stdin.end();
      child.kill();
    }
  }, 90_000);
});
