/**
 * JSON with exact integers: bigints are written as their digits (a valid JSON number). Written out
 * here rather than by JSON.stringify with a replacer and a marker to replace afterwards: no text a
 * holder chooses (a claim value) can then turn into a number, and it costs less per result.
 */
export function toJson(value: unknown): string {
  const out = write(value);
  return out === undefined ? 'null' : out;
}

function write(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((x) => write(x) ?? 'null').join(',')}]`;
      const parts: string[] = [];
      for (const key of Object.keys(v)) {
        const x = write((v as Record<string, unknown>)[key]);
        if (x !== undefined) parts.push(`${JSON.stringify(key)}:${x}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined; // undefined and functions are left out, as JSON.stringify does
  }
}
