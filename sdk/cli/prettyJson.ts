/** Indented JSON with exact integers: bigints are written as their digits (a valid JSON number). */
export function toPrettyJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `\u0000${v.toString()}\u0000` : v), 2)
    .replace(/"\\u0000(-?[0-9]+)\\u0000"/g, '$1');
}
