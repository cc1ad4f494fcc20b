import { CLAIM_NAMES, type ClaimName } from './claims.js';
import { PassgateError } from '../errors.js';

/** A venue category's rule (PG1 §8). */
export interface Rule {
  /** Statuses admitted (0 green, 1 yellow, 2 red). */
  readonly allow: readonly number[];
  /** Seconds: a negative nucleic-acid test sampled at or after now - natMaxAge is required. */
  readonly natMaxAge?: number | bigint;
  /** At least this many vaccine doses. */
  readonly minDoses?: number | bigint;
  /** Refuse a holder who stayed abroad within 14 days (ABROAD_RECENT). */
  readonly denyAbroad14?: boolean;
  /** Refuse a holder who stayed in a medium- or high-risk area within 14 days (RISK_AREA_RECENT). */
  readonly denyRisk14?: boolean;
  /** Further claim keys that must be disclosed. */
  readonly require?: readonly (number | bigint)[];
  /**
   * Admit only presentations bound to their holder (PG1 §10.3: a phone's binding, a card pass read from
   * its card, or a document check); else BINDING_REQUIRED, checked first.
   */
  readonly bound?: boolean;
}

/** Venue category => rule. */
export type Policy = Readonly<Record<string, Rule>>;

const GREEN_OR_YELLOW: Rule = { allow: [0, 1] };
const GREEN_ONLY: Rule = { allow: [0] };

/**
 * The default policy of PG1 §8 (from a provincial notice on code management): red nowhere; yellow kept
 * out of the listed sensitive places but admitted to general venues, taxis and public transit.
 */
export const DEFAULT_POLICY: Policy = Object.freeze({
  general: GREEN_OR_YELLOW,
  taxi: GREEN_OR_YELLOW,
  transit: GREEN_OR_YELLOW,
  school: GREEN_ONLY,
  elder_care: GREEN_ONLY,
  welfare: GREEN_ONLY,
  mental_health: GREEN_ONLY,
  detention: GREEN_ONLY,
  wholesale_market: GREEN_ONLY,
  farmers_market: GREEN_ONLY,
  supermarket: GREEN_ONLY,
  library: GREEN_ONLY,
  museum: GREEN_ONLY,
  gallery: GREEN_ONLY,
  exhibition: GREEN_ONLY,
  cinema: GREEN_ONLY,
  arcade: GREEN_ONLY,
});

/**
 * The rule for a venue category.
 *
 * @param policy - A policy: {@link DEFAULT_POLICY} or a trust list's.
 * @param venue - A venue category the policy names.
 * @throws {@link PassgateError} `UNKNOWN_VENUE` for a category the policy does not name (a usage error, §8).
 */
export function ruleFor(policy: Policy, venue: string): Rule {
  if (!Object.prototype.hasOwnProperty.call(policy, venue)) {
    throw new PassgateError('UNKNOWN_VENUE', `venue category "${venue}" is not named by the policy in force`);
  }
  return policy[venue]!;
}

/**
 * The claim keys a venue's rule looks at: exactly what a wallet must disclose there, and nothing more
 * (status always; nat, vax, abroad14, risk14 when the rule checks them; then `require`).
 *
 * @param rule - A venue's rule (from {@link ruleFor}).
 */
export function requiredClaimKeys(rule: Rule): number[] {
  const keys = new Set<number>([1]);
  if (rule.natMaxAge !== undefined) keys.add(2);
  if (rule.minDoses !== undefined) keys.add(3);
  if (rule.denyAbroad14 === true) keys.add(4);
  if (rule.denyRisk14 === true) keys.add(5);
  for (const k of rule.require ?? []) keys.add(Number(k));
  return [...keys];
}

/**
 * The same as names (§3), unknown keys by their number.
 *
 * @param rule - A venue's rule (from {@link ruleFor}).
 */
export function requiredClaimNames(rule: Rule): (ClaimName | string)[] {
  return requiredClaimKeys(rule).map((k) => (CLAIM_NAMES as Record<number, ClaimName>)[k] ?? String(k));
}
