/**
 * Reference: the document check of PG1 §10.2, on arrays of code points.
 *
 * Decision: "ASCII letters compared without regard to case" folds a-z onto A-Z and nothing else (no
 * Unicode case folding: a full-width ｘ is not x). The name is compared code point by code point, `*`
 * in the disclosed name standing for any one code point, with no case folding at all.
 */
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';

const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);
const fold = (c: number): number => (c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
const STAR = 0x2a;

export function documentMatches(document: { readonly number: string; readonly name?: string }, disclosed: ReadonlyMap<bigint, CborValue>): boolean {
  const id4 = disclosed.get(8n);
  if (typeof id4 !== 'string') return false;
  const a = codePoints(id4);
  const n = codePoints(document.number);
  if (n.length < a.length) return false;
  const offset = n.length - a.length;
  for (let i = 0; i < a.length; i++) if (fold(a[i]!) !== fold(n[offset + i]!)) return false;
  const name = disclosed.get(9n);
  if (typeof name === 'string' && document.name !== undefined) {
    const m = codePoints(name);
    const d = codePoints(document.name);
    if (m.length !== d.length) return false;
    for (let i = 0; i < m.length; i++) if (m[i] !== STAR && m[i] !== d[i]) return false;
  }
  return true;
}
