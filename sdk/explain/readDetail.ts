/**
 * Step 10 of PG1 §5 for explain, after the holder binding: the card and the identity document read
 * with the presentation (§10.1, §10.2). The details say which comparison failed, with lengths and
 * positions only: never the document's number or name, nor the disclosed id4 or name.
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import { readValidated } from '../cbor/validatedReader.js';
import type { IdentityDocument } from '../pg1/presentationRead.js';
import type { ResultDetail } from '../verifier/resultDetail.js';

const ID4 = 8, NAME = 9;

/** The disclosed text of `key`, if disclosed (the disclosures were checked at step 9). */
function disclosedText(disclosures: readonly Uint8Array[], key: number): string | undefined {
  for (const d of disclosures) {
    const v = readValidated(d) as readonly CborValue[];
    if (v[1] === key && typeof v[2] === 'string') return v[2];
  }
  return undefined;
}

export function cardDetail(cardGiven: boolean): ResultDetail {
  if (!cardGiven) return { step: 10, check: 'a card pass is read from its card: the reader gives the card’s serial', values: { serial_given: false } };
  return { step: 10, check: 'card = H("PG1-card" || serial)[0..16] for the serial of the card read', values: { serial_given: true, card_matches: false } };
}

/** ASCII letters without regard to case; any other code point as it is (§10.2). */
const fold = (c: string): string => (c >= 'a' && c <= 'z' ? c.toUpperCase() : c);

export function documentDetail(disclosures: readonly Uint8Array[], document: IdentityDocument): ResultDetail {
  const detail = (check: string, values: ResultDetail['values']): ResultDetail => ({ step: 10, check, values });
  const id4 = disclosedText(disclosures, ID4);
  if (id4 === undefined) return detail('id4 is disclosed with a document check', { id4_disclosed: false });
  const a = [...id4], n = [...document.number];
  if (n.length < a.length) {
    return detail('the document number has at least as many code points as id4', { id4_code_points: a.length, number_code_points: n.length });
  }
  const tail = n.slice(n.length - a.length);
  if (!a.every((c, i) => fold(c) === fold(tail[i]!))) {
    return detail('id4 equals the last code points of the document number (ASCII letters without regard to case)', { id4_matches: false });
  }
  const name = disclosedText(disclosures, NAME);
  if (name !== undefined && document.name !== undefined) {
    const m = [...name], d = [...document.name];
    if (m.length !== d.length) {
      return detail('the disclosed name has as many code points as the document’s', { name_code_points: m.length, document_name_code_points: d.length });
    }
    const at = m.findIndex((c, i) => c !== '*' && c !== d[i]);
    if (at >= 0) return detail('each code point of the disclosed name is * or the document’s at the same position', { name_matches: false, position: at });
  }
  return detail('the document check of §10.2', {});
}
