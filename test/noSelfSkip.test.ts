// A test that skips itself can turn a CI run green without running (issue 13): suites that need
// Chromium use describeWithChromium (support/chromium.ts), which fails under CI when the browser is
// missing, and nothing else skips. This scans the test files for vitest's skipping forms.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST_DIR = fileURLToPath(new URL('.', import.meta.url));
/** The one place allowed to skip: outside CI, without the browser, with a warning. */
const ALLOWED = new Set(['support/chromium.ts', 'noSelfSkip.test.ts']);
const SKIPPING = /\b(describe|it|test|suite)\s*\.\s*(skip|skipIf|runIf|todo)\b|\bctx\.skip\(|\bcontext\.skip\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vectors' || e.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|mjs)$/.test(e.name) ? [path] : [];
  });
}

describe('no test skips itself', () => {
  it('no describe/it .skip, .skipIf, .runIf or .todo outside support/chromium.ts', () => {
    const found = sources(TEST_DIR).flatMap((path) => {
      const name = relative(TEST_DIR, path);
      if (ALLOWED.has(name)) return [];
      return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => (SKIPPING.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(found).toEqual([]);
  });
});
