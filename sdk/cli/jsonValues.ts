/**
 * JSON given on the command line, turned into what the issuer toolkit takes. Objects are read field by
 * field: a misspelt field is a usage error rather than silently ignored. Field names may be written as
 * PG1 writes them (not_before) or as the toolkit does (notBefore).
 */
import type { CborValue } from '../cbor/deterministicEncoder.js';
import type { Time } from '../issuer/token.js';
import { UsageError } from './args.js';

export type JsonObject = { readonly [key: string]: unknown };

export function asObject(v: unknown, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${what}: expected a JSON object`);
  return v as JsonObject;
}

export function asArray(v: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(v)) throw new UsageError(`${what}: expected a JSON array`);
  return v;
}

/** A JSON number that is an exact integer (JSON numbers past 2^53 are not), or a string of digits. */
export function asTime(v: unknown, what: string): Time {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^[0-9]+$/.test(v) && BigInt(v) < 1n << 64n) {
    const n = BigInt(v);
    return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  throw new UsageError(`${what}: expected an unsigned integer (a string of digits for values past 2^53)`);
}

/** JSON as CBOR: integers stay integers (fractions are refused: PG1 has no floats), objects become maps. */
export function jsonToCbor(v: unknown, what: string): CborValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new UsageError(`${what}: ${v} is not an exact integer (PG1 carries no floats)`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x: unknown, i) => jsonToCbor(x, `${what}[${i}]`));
  const o = asObject(v, what);
  return new Map<CborValue, CborValue>(Object.keys(o).map((k) => [k, jsonToCbor(o[k], `${what}.${k}`)]));
}

/** Reads the fields of `o`, each under one of its spellings; refuses any other field. */
export class Fields {
  private readonly used = new Set<string>();

  constructor(
    private readonly o: JsonObject,
    private readonly what: string,
  ) {}

  get(...names: string[]): unknown {
    const present = names.filter((n) => Object.prototype.hasOwnProperty.call(this.o, n));
    if (present.length > 1) throw new UsageError(`${this.what}: give ${present.join(' or ')}, not both`);
    for (const n of names) this.used.add(n);
    return present.length === 0 ? undefined : this.o[present[0]!];
  }

  /** Call after every get: any field that was not asked for is a mistake. */
  done(): void {
    const extra = Object.keys(this.o).filter((k) => !this.used.has(k));
    if (extra.length > 0) throw new UsageError(`${this.what}: unknown field ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
  }
}
