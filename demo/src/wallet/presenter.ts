/**
 * Builds what the wallet shows or taps: only the disclosures the venue's rule looks at
 * (`verifier.requiredDisclosures(venue)`), bound to this device with a fresh presented_at.
 */
import type { Verifier } from '../../../sdk/index.js';
import { claimKeyOf, disclosureKey, present, toQrText } from '../../../sdk/issuer/index.js';
import type { WalletCode } from './walletStore.js';

export interface RevealPlan {
  /** Claims the venue needs that the token holds: these are revealed. */
  readonly reveal: string[];
  /** Claims the venue needs that the token lacks: the venue will answer CLAIM_REQUIRED. */
  readonly missing: string[];
}

export function revealPlan(verifier: Verifier, venue: string, code: WalletCode): RevealPlan {
  const held = new Set(code.disclosures.map(disclosureKey));
  const reveal: string[] = [];
  const missing: string[] = [];
  for (const name of verifier.requiredDisclosures(venue)) {
    const key = claimKeyOf(name);
    (key !== null && held.has(key) ? reveal : missing).push(name);
  }
  return { reveal, missing };
}

export function presentationBytes(code: WalletCode, reveal: readonly string[], deviceSecret: Uint8Array, presentedAt: number, nonce: Uint8Array | null): Uint8Array {
  return present({ token: code.token, disclosures: code.disclosures, reveal, binding: { deviceSecret, presentedAt, nonce } });
}

export function presentationQrText(code: WalletCode, reveal: readonly string[], deviceSecret: Uint8Array, presentedAt: number): string {
  return toQrText(presentationBytes(code, reveal, deviceSecret, presentedAt, null));
}
