/** Times and keys as the console shows them. */
export function when(t: number | bigint | undefined): string {
  if (t === undefined) return '—';
  const ms = Number(t) * 1000;
  return Number.isFinite(ms) && ms < 8.64e15 ? new Date(ms).toLocaleString() : String(t);
}

export function shortHex(bytes: Uint8Array, n = 8): string {
  return Array.from(bytes.slice(0, n), (b) => b.toString(16).padStart(2, '0')).join('');
}
