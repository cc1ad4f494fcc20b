// The parts of passgate/scanner that need no browser: which reads become decisions, and how a decode
// region is checked and cut. (The scanner itself is tested in Chromium: test/browser/scanner.test.ts.)
import { describe, expect, it } from 'vitest';
import { RepeatFilter } from '../sdk/scanner/repeatFilter.js';
import { checkRegion, pixelRect } from '../sdk/scanner/decodeRegion.js';
import { createScanner, PassgateError } from '../sdk/scanner/index.js';
import type { PresentationVerifier } from '../sdk/scanner/index.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof PassgateError ? e.code : `not a PassgateError: ${String(e)}`;
  }
  return 'no error';
};

describe('repeat filter: one decision per code shown', () => {
  it('skips the same code while it keeps being read within the hold time', () => {
    const f = new RepeatFilter(1000);
    expect([0, 100, 900, 1800, 2700].map((t) => f.admit('A', t))).toEqual([true, false, false, false, false]);
  });

  it('decides the code again once it has been out of view for the hold time', () => {
    const f = new RepeatFilter(1000);
    expect(f.admit('A', 0)).toBe(true);
    expect(f.admit('A', 999)).toBe(false);
    expect(f.admit('A', 1999)).toBe(true);
  });

  it('decides a different code at once, and the first again after it', () => {
    const f = new RepeatFilter(1000);
    expect(['A', 'B', 'A', 'A'].map((t, i) => f.admit(t, i * 10))).toEqual([true, true, true, false]);
  });

  it('decides every read with a hold of 0, and after reset()', () => {
    const f = new RepeatFilter(0);
    expect([f.admit('A', 0), f.admit('A', 0)]).toEqual([true, true]);
    const g = new RepeatFilter(1000);
    g.admit('A', 0);
    g.reset();
    expect(g.admit('A', 1)).toBe(true);
  });

  it('refuses a hold time that is not a number of milliseconds', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(codeOf(() => new RepeatFilter(bad))).toBe('BAD_ARGUMENT');
  });
});

describe('decode region', () => {
  it('is cut on even pixels inside the frame', () => {
    expect(pixelRect({ left: 0.5, top: 0, width: 0.5, height: 1 }, 640, 480)).toEqual({ x: 320, y: 0, width: 320, height: 480 });
    expect(pixelRect({ left: 0.251, top: 0.333, width: 0.5, height: 0.333 }, 641, 479)).toEqual({ x: 160, y: 158, width: 320, height: 160 });
    // However thin, at least 2 x 2 pixels of the frame.
    expect(pixelRect({ left: 1, top: 1, width: 0, height: 0 }, 640, 480)).toEqual({ x: 638, y: 478, width: 2, height: 2 });
  });

  it('outside the frame, empty or not made of fractions is BAD_ARGUMENT', () => {
    const bad = [
      { left: -0.1, top: 0, width: 0.5, height: 0.5 },
      { left: 0.6, top: 0, width: 0.5, height: 0.5 },
      { left: 0, top: 0, width: 0, height: 1 },
      { left: 0, top: 0, width: 1, height: Number.NaN },
      { left: 0, top: 0, width: 1, height: '1' as unknown as number },
    ];
    for (const region of bad) expect(codeOf(() => checkRegion(region))).toBe('BAD_ARGUMENT');
    expect(checkRegion({ left: 0.25, top: 0.25, width: 0.75, height: 0.75 })).toEqual({ left: 0.25, top: 0.25, width: 0.75, height: 0.75 });
  });
});

describe('createScanner arguments', () => {
  const verifier: PresentationVerifier = { verify: () => ({ result: 'OK' }) };
  it('needs a verifier, a known frame source and a valid hold and region, before anything starts', () => {
    expect(codeOf(() => createScanner({} as never))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => createScanner({ verifier, frameSource: 'webcam' as never }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => createScanner({ verifier, holdMs: -5 }))).toBe('BAD_ARGUMENT');
    expect(codeOf(() => createScanner({ verifier, region: { left: 0, top: 0, width: 2, height: 1 } }))).toBe('BAD_ARGUMENT');
  });

  it('without Web Workers (not a browser), DECODER_FAILED', () => {
    expect(codeOf(() => createScanner({ verifier, wasmUrl: 'http://127.0.0.1/zxing_reader.wasm' }))).toBe('DECODER_FAILED');
  });
});
