/**
 * §11.2 step 8: the certificate, read as JSON, against the EU DCC JSON schema (draft 2020-12) of the
 * version its `ver` names. The schemas 1.0.0 to 1.3.2 ship in data/dcc-schema/ (from
 * ehn-dcc-development/eu-dcc-schema, Apache-2.0; see the README there); each is compiled once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { ForeignValue } from './foreignCbor.js';

/** The schema versions §11.2 step 8 knows. */
export const DCC_SCHEMA_VERSIONS = ['1.0.0', '1.0.1', '1.1.0', '1.2.0', '1.2.1', '1.3.0', '1.3.1', '1.3.2'] as const;

/** JSON as §11.2 step 8 reads a certificate: text, integers, arrays and objects with text keys. */
export type DccJson = string | number | readonly DccJson[] | { readonly [key: string]: DccJson };

type AjvInstance = { compile(schema: unknown): ValidateFunction };

/** A new ajv for draft 2020-12 with the formats. Loaded on first use, so other commands never pay for it. */
function newAjv(): AjvInstance {
  // ajv and ajv-formats are CommonJS; createRequire keeps their default exports straightforward under NodeNext.
  const require = createRequire(import.meta.url);
  const Ajv2020 = (require('ajv/dist/2020') as { default: new (options: object) => AjvInstance }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: AjvInstance) => void }).default;
  // strict off: the schemas carry their own annotation keywords (valueset-uri); formats (date, date-time) are checked.
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();

function schemaText(version: string): string {
  // sdk/transcode/ in the sources, dist/sdk/transcode/ in the package.
  for (const up of ['../../data/dcc-schema/', '../../../data/dcc-schema/']) {
    try {
      return readFileSync(new URL(`${up}${version}.json`, import.meta.url), 'utf8');
    } catch {
      // not there: one level up
    }
  }
  throw new Error(`the EU DCC schema ${version} is missing from data/dcc-schema`);
}

function validatorFor(version: string): ValidateFunction | null {
  if (!(DCC_SCHEMA_VERSIONS as readonly string[]).includes(version)) return null;
  let validate = compiled.get(version);
  if (validate === undefined) {
    // One instance per version: every version has the same $id.
    validate = newAjv().compile(JSON.parse(schemaText(version)));
    compiled.set(version, validate);
  }
  return validate;
}

/** The certificate as JSON, or null when it holds another type (a float, bytes, a tag, a non-text key, …). */
export function certificateJson(value: ForeignValue): DccJson | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value; // an integer: floats are ForeignFloat
  if (Array.isArray(value)) {
    const out: DccJson[] = [];
    for (const item of value as readonly ForeignValue[]) {
      const json = certificateJson(item);
      if (json === null) return null;
      out.push(json);
    }
    return out;
  }
  if (value instanceof Map) {
    const out: Record<string, DccJson> = {};
    for (const [k, v] of value as ReadonlyMap<ForeignValue, ForeignValue>) {
      if (typeof k !== 'string' || k === '__proto__') return null;
      const json = certificateJson(v);
      if (json === null) return null;
      out[k] = json;
    }
    return out;
  }
  return null;
}

/**
 * Whether the certificate validates against the schema of the version its `ver` names (§11.2 step 8). A
 * kind (`v`, `t`, `r`) that is null is left out first: step 5 holds null and absent for the same (I-61).
 */
export function certificateMatchesSchema(certificate: ReadonlyMap<ForeignValue, ForeignValue>): boolean {
  const json = certificateJson(new Map([...certificate].filter(([k, v]) => !(v === null && (k === 'v' || k === 't' || k === 'r')))));
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const ver = (json as { readonly [key: string]: DccJson }).ver;
  if (typeof ver !== 'string') return false;
  const validate = validatorFor(ver);
  return validate !== null && validate(json) === true;
}
