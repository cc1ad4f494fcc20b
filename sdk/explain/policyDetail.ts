/**
 * Step 11 of PG1 §5 for explain: which part of the venue's rule (§8) refused the pass, with the rule
 * and the disclosed values it compared. Only claims the holder disclosed to this venue appear.
 */
import type { Claims, ClaimValue } from '../pg1/claims.js';
import { requiredClaimNames, type Rule } from '../pg1/policy.js';
import type { ResultCode } from '../pg1/resultCodes.js';
import { claimName } from '../pg1/claims.js';
import type { RawDetailValue, RawDetail } from '../verifier/resultDetail.js';

/** The rule by the names of §8. */
export function ruleValues(rule: Rule): RawDetailValue {
  return {
    allow: [...rule.allow],
    ...(rule.natMaxAge === undefined ? {} : { nat_max_age: rule.natMaxAge }),
    ...(rule.minDoses === undefined ? {} : { min_doses: rule.minDoses }),
    ...(rule.denyAbroad14 === undefined ? {} : { deny_abroad14: rule.denyAbroad14 }),
    ...(rule.denyRisk14 === undefined ? {} : { deny_risk14: rule.denyRisk14 }),
    ...(rule.bound === undefined ? {} : { bound: rule.bound }),
    ...(rule.require === undefined ? {} : { require: rule.require.map((k) => claimName(Number(k))) }),
  };
}

const pairItem = (v: ClaimValue | undefined, i: number): RawDetailValue => (Array.isArray(v) ? (v[i] ?? null) : null);

export function policyDetail(code: ResultCode, rule: Rule, venue: string, claims: Claims, now: bigint): RawDetail {
  const base = { venue, rule: ruleValues(rule) };
  const step = (check: string, values: RawDetail['values']): RawDetail => ({ step: 11, check, values: { ...base, ...values } });
  switch (code) {
    case 'BINDING_REQUIRED':
      return step('the presentation is bound to its holder: cnf, a card pass read from its card, or a document check (§10.3)', { bound: false });
    case 'CLAIM_REQUIRED':
      return step('every claim the rule looks at is disclosed', { missing: requiredClaimNames(rule).filter((n) => !(n in claims)) });
    case 'STATUS_NOT_ALLOWED':
      return step('status in allow', { status: claims['status'] ?? null, allow: [...rule.allow] });
    case 'NAT_POSITIVE':
      return step('nat result is negative (0)', { nat_result: pairItem(claims['nat'], 1) });
    case 'NAT_TOO_OLD': {
      const maxAge = BigInt(rule.natMaxAge ?? 0);
      const oldest = now > maxAge ? now - maxAge : 0n;
      return step('nat sampled_at >= now - nat_max_age', { sampled_at: pairItem(claims['nat'], 0), now, nat_max_age: rule.natMaxAge ?? null, oldest_accepted: oldest });
    }
    case 'DOSES_REQUIRED':
      return step('vax doses >= min_doses', { doses: pairItem(claims['vax'], 0), min_doses: rule.minDoses ?? null });
    case 'ABROAD_RECENT':
      return step('abroad14 is false (deny_abroad14)', { abroad14: claims['abroad14'] ?? null });
    case 'RISK_AREA_RECENT':
      return step('risk14 is false (deny_risk14)', { risk14: claims['risk14'] ?? null });
    default:
      return step('the venue rule (§8)', {});
  }
}
