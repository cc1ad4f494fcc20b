/**
 * `--issuers JSON` and `--policy JSON` of `passgate trust build`, in the words of PG1 §6 and §8.
 * An issuer names its key by `pub` (hex) or by `keyFile` (a keygen file: only its public key is read).
 */
import { claimKeyOf, type PolicyInput, type PolicyRuleInput, type TrustListIssuer } from '../issuer/index.js';
import { hexBytes, UsageError } from './args.js';
import { readJsonFile } from './files.js';
import { asArray, asObject, asTime, Fields } from './jsonValues.js';

async function issuerPub(f: Fields, what: string): Promise<Uint8Array> {
  const pub = f.get('pub');
  const keyFile = f.get('keyFile', 'key_file');
  if ((pub === undefined) === (keyFile === undefined)) throw new UsageError(`${what}: give exactly one of "pub" and "keyFile"`);
  if (typeof pub === 'string') return hexBytes(pub, `${what}.pub`, 32);
  if (typeof keyFile !== 'string') throw new UsageError(`${what}: "pub" and "keyFile" are strings`);
  const key = asObject(await readJsonFile(keyFile, `${what} keyFile`), `${what} keyFile ${keyFile}`);
  if (typeof key.publicKey !== 'string') throw new UsageError(`${what}: ${keyFile} has no publicKey`);
  return hexBytes(key.publicKey, `${what} publicKey`, 32);
}

export async function issuersFromJson(json: unknown): Promise<TrustListIssuer[]> {
  const out: TrustListIssuer[] = [];
  for (const [i, item] of asArray(json, '--issuers').entries()) {
    const what = `--issuers[${i}]`;
    const f = new Fields(asObject(item, what), what);
    const pub = await issuerPub(f, what);
    const iss = f.get('iss');
    if (typeof iss !== 'string') throw new UsageError(`${what}.iss: expected a string`);
    const notBefore = asTime(f.get('not_before', 'notBefore'), `${what}.not_before`);
    const notAfter = asTime(f.get('not_after', 'notAfter'), `${what}.not_after`);
    const revoked = f.get('revoked_at', 'revokedAt');
    f.done();
    out.push({ pub, iss, notBefore, notAfter, ...(revoked === undefined ? {} : { revokedAt: asTime(revoked, `${what}.revoked_at`) }) });
  }
  return out;
}

function optionalBool(v: unknown, what: string): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  throw new UsageError(`${what}: expected true or false`);
}

function ruleFromJson(json: unknown, what: string): PolicyRuleInput {
  const f = new Fields(asObject(json, what), what);
  const allow = asArray(f.get('allow'), `${what}.allow`).map((s, i) => {
    if (s !== 0 && s !== 1 && s !== 2) throw new UsageError(`${what}.allow[${i}]: a status is 0, 1 or 2`);
    return s;
  });
  const natMaxAge = f.get('nat_max_age', 'natMaxAge');
  const minDoses = f.get('min_doses', 'minDoses');
  const denyAbroad14 = optionalBool(f.get('deny_abroad14', 'denyAbroad14'), `${what}.deny_abroad14`);
  const denyRisk14 = optionalBool(f.get('deny_risk14', 'denyRisk14'), `${what}.deny_risk14`);
  const require = f.get('require');
  const bound = optionalBool(f.get('bound'), `${what}.bound`);
  f.done();
  return {
    allow,
    ...(natMaxAge === undefined ? {} : { natMaxAge: asTime(natMaxAge, `${what}.nat_max_age`) }),
    ...(minDoses === undefined ? {} : { minDoses: asTime(minDoses, `${what}.min_doses`) }),
    ...(denyAbroad14 === undefined ? {} : { denyAbroad14 }),
    ...(denyRisk14 === undefined ? {} : { denyRisk14 }),
    ...(bound === undefined ? {} : { bound }),
    ...(require === undefined
      ? {}
      : {
          require: asArray(require, `${what}.require`).map((k, i) => {
            const key = typeof k === 'string' || typeof k === 'number' ? claimKeyOf(k) : null;
            if (key === null) throw new UsageError(`${what}.require[${i}]: a §3 claim name or a claim number`);
            return key;
          }),
        }),
  };
}

export function policyFromJson(json: unknown): PolicyInput {
  const o = asObject(json, '--policy');
  const out: Record<string, PolicyRuleInput> = {};
  for (const category of Object.keys(o)) {
    Object.defineProperty(out, category, { value: ruleFromJson(o[category], `--policy.${category}`), enumerable: true });
  }
  return out;
}
