/** Times and keys as the console shows them. */
import { dateTimeText } from '../dateText.js';

export function when(t: number | bigint | undefined): string {
  if (t === undefined) return '—';
  return dateTimeText(t) ?? String(t);
}

export function shortHex(bytes: Uint8Array, n = 8): string {
  return Array.from(bytes.slice(0, n), (b) => b.toString(16).padStart(2, '0')).join('');
}
