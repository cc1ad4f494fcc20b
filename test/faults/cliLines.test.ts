// `passgate verify` reads lines in time and memory linear in its input (issue 11 item 12; PG1 §9: one
// answer per input line, in order). A line over 1 MiB cannot be a presentation (§1: 4,096 bytes): it is
// answered as verify() answers any input over the size limit, without being held whole.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exampleGroups, verifyArgv } from '../helpers/examples.js';
import { readLines, type InputLine } from '../../sdk/cli/lines.js';

const BIN = fileURLToPath(new URL('../../bin/passgate.js', import.meta.url));
const PEAK_RSS = fileURLToPath(new URL('../support/reportPeakRss.mjs', import.meta.url));

/** Runs the real command; returns its answers' result codes and its peak RSS in bytes. */
function verifyLines(argv: string[], input: string): { status: number | null; results: string[]; peakRss: number } {
  const r = spawnSync(process.execPath, ['--import', PEAK_RSS, BIN, ...argv], { input, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
  const peak = /peak-rss-kib (\d+)/.exec(r.stderr);
  if (!peak) throw new Error(`no peak RSS reported: ${r.stderr}`);
  const results = r.stdout.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { result: string }).result);
  return { status: r.status, results, peakRss: Number(peak[1]) * 1024 };
}

async function* chunks(...parts: (Uint8Array | string)[]): AsyncGenerator<Uint8Array | string> {
  for (const p of parts) yield p;
}

async function collect(stream: AsyncIterable<Uint8Array | string>, max?: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const l of readLines(stream, max)) out.push(l);
  return out;
}

const basic = exampleGroups().find((g) => g.name === 'basic')!;
const ok = basic.inputs[0]!;
const MB = 1024 * 1024;

describe('passgate verify: the line reader', () => {
  it('answers a 20 MB line MALFORMED without holding it, then answers the next line', () => {
    const small = verifyLines(verifyArgv(basic), `${ok}\n`);
    expect(small.results).toEqual(['OK']);
    const huge = verifyLines(verifyArgv(basic), `${ok}\n${'A'.repeat(20 * MB)}\n${ok}\n`);
    expect(huge.status).toBe(0);
    expect(huge.results).toEqual(['OK', 'MALFORMED', 'OK']);
    // The line is never held whole: what the command grows by is the stream's chunks awaiting garbage
    // collection (measured: +18 MB, and +34 MB for a 60 MB line). A reader that rescans its pending
    // text grew by 220 MB here (and took 3 s; 27 s for 60 MB).
    expect(huge.peakRss - small.peakRss).toBeLessThan(40 * MB);
  });

  it('answers a line just over 1 MiB as too long and one just under it by verifying it', async () => {
    const lines = await collect(chunks('x'.repeat(MB) + '\n' + 'y'.repeat(MB + 1) + '\n'));
    expect(lines.map((l) => l.kind)).toEqual(['text', 'tooLong']);
    expect(lines[1]).toEqual({ kind: 'tooLong', bytes: MB + 1 });
  });

  it('answers many short lines, one answer each, in order', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? ok : i % 3 === 1 ? '' : 'zz'));
    const r = verifyLines(verifyArgv(basic), lines.join('\n') + '\n');
    expect(r.results).toEqual(lines.map((l) => (l === ok ? 'OK' : 'MALFORMED')));
  });

  it('decodes a multibyte character split across chunks, CRLF and a last line without a newline', async () => {
    const text = new TextEncoder().encode('\u4e2d\u6587\r\nok\n\u{1f600}');
    // Every split point, including inside each character.
    for (let cut = 0; cut <= text.length; cut++) {
      const lines = await collect(chunks(text.subarray(0, cut), text.subarray(cut)));
      expect(lines).toEqual([{ kind: 'text', text: '\u4e2d\u6587' }, { kind: 'text', text: 'ok' }, { kind: 'text', text: '\u{1f600}' }]);
    }
    // Byte by byte, and as strings.
    const bytewise = await collect(chunks(...Array.from(text, (b) => Uint8Array.of(b))));
    expect(bytewise.map((l) => (l.kind === 'text' ? l.text : '?'))).toEqual(['\u4e2d\u6587', 'ok', '\u{1f600}']);
    expect(await collect(chunks('a\r', '\nb\n\n'))).toEqual([{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }, { kind: 'text', text: '' }]);
  });

  it('counts an overlong line that arrives in many chunks, and an overlong last line without a newline', async () => {
    const piece = 'z'.repeat(1000);
    const lines = await collect(chunks(...Array.from({ length: 50 }, () => piece), '\nshort\n', piece, piece), 10_000);
    expect(lines).toEqual([{ kind: 'tooLong', bytes: 50_000 }, { kind: 'text', text: 'short' }, { kind: 'text', text: piece + piece }]);
    expect(await collect(chunks(...Array.from({ length: 20 }, () => piece)), 10_000)).toEqual([{ kind: 'tooLong', bytes: 20_000 }]);
  });
});
