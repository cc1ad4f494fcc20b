/**
 * Reference: venue policy (PG1 §8) and its default table.
 *
 * Decision (order): §5 step 11 lists CLAIM_REQUIRED first and says codes of one step are checked in
 * the order written, and §8 opens with "every claim a rule looks at must be disclosed". So all the
 * claims a rule looks at (status always; nat if nat_max_age is present; vax if min_doses is present;
 * abroad14 / risk14 if deny_abroad14 / deny_risk14 is true; every key in require) are checked for
 * presence first, then the value checks run in §8 order.
 * Decision (require): any uint key may be required, known or not; it is satisfied by a verified
 * disclosure of that key whatever its value.
 * Decision (nat age): sampled_at must be ≥ now − nat_max_age; the skew does not apply (it is for
 * token validity, §5 step 7).
 */
import type { ResultCode } from '../../sdk/pg1/resultCodes.js';
import type { CborValue } from '../../sdk/cbor/deterministicEncoder.js';
import type { Policy, Rule } from './lists.js';
import { asArray, asUint } from './values.js';

function rule(allow: bigint[]): Rule {
  return { allow, natMaxAge: null, minDoses: null, denyAbroad14: false, denyRisk14: false, require: [], bound: false };
}

/** §8 default policy: red nowhere; yellow kept out of the listed places, allowed in taxis and transit. */
export const DEFAULT_POLICY: Policy = new Map<string, Rule>([
  ...['general', 'taxi', 'transit'].map((c): [string, Rule] => [c, rule([0n, 1n])]),
  ...[
    'school',
    'elder_care',
    'welfare',
    'mental_health',
    'detention',
    'wholesale_market',
    'farmers_market',
    'supermarket',
    'library',
    'museum',
    'gallery',
    'exhibition',
    'cinema',
    'arcade',
  ].map((c): [string, Rule] => [c, rule([0n])]),
]);

/** Step 11 for one rule over the verified disclosures (by key). null when the rule admits. */
export function applyRule(r: Rule, disclosed: ReadonlyMap<bigint, CborValue>, now: bigint, bound: boolean): ResultCode | null {
  if (r.bound && !bound) return 'BINDING_REQUIRED'; // §8: this check runs first
  const looked: bigint[] = [1n];
  if (r.natMaxAge !== null) looked.push(2n);
  if (r.minDoses !== null) looked.push(3n);
  if (r.denyAbroad14) looked.push(4n);
  if (r.denyRisk14) looked.push(5n);
  looked.push(...r.require);
  if (looked.some((k) => !disclosed.has(k))) return 'CLAIM_REQUIRED';

  // Types were checked at step 9, so these reads cannot fail.
  const status = asUint(disclosed.get(1n))!;
  if (!r.allow.includes(status)) return 'STATUS_NOT_ALLOWED';
  if (r.natMaxAge !== null) {
    const nat = asArray(disclosed.get(2n))!;
    if (asUint(nat[1]) === 1n) return 'NAT_POSITIVE';
    if (asUint(nat[0])! < now - r.natMaxAge) return 'NAT_TOO_OLD';
  }
  if (r.minDoses !== null) {
    const vax = asArray(disclosed.get(3n))!;
    if (asUint(vax[0])! < r.minDoses) return 'DOSES_REQUIRED';
  }
  if (r.denyAbroad14 && disclosed.get(4n) === true) return 'ABROAD_RECENT';
  if (r.denyRisk14 && disclosed.get(5n) === true) return 'RISK_AREA_RECENT';
  return null;
}
