/**
 * The family member's list of relatives they act for (the holder's side, not a verifier's). Kept in
 * this origin's localStorage, and only what the demo needs: the relationship, the masked name and the
 * ID number's last 4 (to tell relatives apart), the pass, and the virtual card it was written to. The
 * full name and ID number are sent to the issuer once, for a printed pass, and never stored.
 */
import { fromBase64 } from '../../shared/base64.js';

const KEY = 'passgate-demo-family';

export type Relation = 'elder' | 'child';

/** A pass obtained for a relative: printed (checked with their ID card) or on their card. */
export interface FamilyPass {
  readonly form: 'printed' | 'card';
  /** The presentation's raw bytes, base64. */
  readonly presentation: string;
  readonly cti: string;
  readonly exp: number;
  readonly iss: string;
  readonly status: 0 | 1;
}

/** A card in the demo standing in for the relative's transit card: its serial and its NDEF file. */
export interface VirtualCard {
  /** Hex, as a reader reports the card's UID. */
  readonly serial: string;
  /** The NDEF message on the card (PG1 §10.1), base64. */
  readonly message: string;
}

export interface Relative {
  readonly id: string;
  readonly relation: Relation;
  /** maskName() of the full name: the first and last characters. */
  readonly maskedName: string;
  readonly id4: string;
  readonly pass: FamilyPass;
  /** Where a card pass was written when the browser has no Web NFC. */
  readonly card?: VirtualCard;
}

function load(): Relative[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as Relative[]) : [];
  } catch {
    return []; // unreadable: an empty list
  }
}

export class FamilyStore {
  private list: Relative[] = load();

  get relatives(): readonly Relative[] {
    return this.list;
  }

  add(r: Relative): void {
    this.list = [...this.list, r];
    this.persist();
  }

  remove(id: string): void {
    this.list = this.list.filter((r) => r.id !== id);
    this.persist();
  }

  private persist(): void {
    localStorage.setItem(KEY, JSON.stringify(this.list));
  }
}

/** The raw presentation bytes of a relative's pass. */
export function presentationOf(pass: FamilyPass): Uint8Array {
  return fromBase64(pass.presentation);
}
