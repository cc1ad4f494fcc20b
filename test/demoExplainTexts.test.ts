// The demo in Chinese translates the checks of an explained verification (demo/src/explainTexts.ts):
// every check text that sdk/explain/ can give is found in its sources here, and each must have Chinese
// (a new check without a translation fails this test).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText } from '../demo/src/explainTexts.js';

const EXPLAIN = fileURLToPath(new URL('../sdk/explain/', import.meta.url));
const sources = readdirSync(EXPLAIN).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(EXPLAIN, f), 'utf8')).join('\n');

/** The check texts in the sources: `check: '…'` (both arms of a ?:), step('…'), fault(n, '…') and the named check constants. */
function checkTexts(): string[] {
  const found = new Set<string>();
  const quoted = String.raw`'((?:[^'\\]|\\.)*)'`;
  for (const pattern of [
    String.raw`check: ${quoted}`, String.raw`check: [^'\n]*\? ${quoted} : ${quoted}`, String.raw`step\(${quoted}`,
    String.raw`fault\(\d+, ${quoted}`, String.raw`const (?:CHECK|check|tokenCheck|TRANSPORT_CHECK) = ${quoted}`,
  ]) {
    for (const m of sources.matchAll(new RegExp(pattern, 'g'))) {
      // Pieces of the template below (' + stale_grace', '') are not checks of their own.
      for (const text of m.slice(1)) if (text !== undefined && text !== '' && !text.startsWith(' ')) found.add(text);
    }
  }
  // The one check written as a template: both of its forms.
  for (const grace of ['', ' + stale_grace']) found.add(`now < expires${grace} of the revocation state in force (the last list, filter or delta applied)`);
  return [...found];
}

describe('demo: explain checks in Chinese', () => {
  const texts = checkTexts();

  it('finds the checks of every step in the sources', () => {
    expect(texts.length).toBeGreaterThan(40);
    expect(texts).toEqual(expect.arrayContaining(['status in allow', 'now < expires of the trust list', 'now < exp + skew', 'every check of PG1 §5 passed']));
  });

  it('translates every one of them, and leaves English as it is', () => {
    const untranslated = texts.filter((t) => !/[\u4e00-\u9fff]/.test(checkText(t, 'zh')));
    expect(untranslated).toEqual([]);
    for (const t of texts) expect(checkText(t, 'en')).toBe(t);
    expect(checkText('STATUS_NOT_ALLOWED: decided by the core at this step (no further detail could be read)', 'zh')).toBe('STATUS_NOT_ALLOWED：由核心在此步判定（无法读出更多细节）');
  });
});
