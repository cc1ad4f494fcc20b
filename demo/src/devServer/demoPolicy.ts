/**
 * The venue policy the demo trust list carries (PG1 §8: a trust list's policy replaces the default).
 * It keeps every default category as it is and adds two stricter ones, so that the demo can show the
 * test-age, dose, risk-area and `require` checks, which the default policy never triggers.
 */
import { DEFAULT_POLICY } from '../../../sdk/index.js';
import type { PolicyInput, PolicyRuleInput } from '../../../sdk/issuer/index.js';

const HOUR = 3600;

export const EXTRA_CATEGORIES: Readonly<Record<string, PolicyRuleInput>> = {
  // Large events: green, a negative test within 48 h, two doses, no stay in a risk area.
  concert: { allow: [0], natMaxAge: 48 * HOUR, minDoses: 2, denyRisk14: true },
  // Airports: green, a test within 72 h, no risk area, and the id4 claim for a manual identity check.
  airport: { allow: [0], natMaxAge: 72 * HOUR, denyRisk14: true, require: [8] },
};

/**
 * The policy, with `bound: true` (PG1 §10.3) on the categories the operator console asked for: there a
 * pass must be bound to its holder (a phone's binding, a card tapped, or a printed pass with its
 * identity document), else BINDING_REQUIRED.
 */
export function demoPolicy(boundCategories: readonly string[] = []): PolicyInput {
  const out: Record<string, PolicyRuleInput> = {};
  for (const [category, rule] of Object.entries(DEFAULT_POLICY)) {
    out[category] = {
      allow: [...rule.allow],
      ...(rule.natMaxAge !== undefined ? { natMaxAge: rule.natMaxAge } : {}),
      ...(rule.minDoses !== undefined ? { minDoses: rule.minDoses } : {}),
      ...(rule.denyAbroad14 !== undefined ? { denyAbroad14: rule.denyAbroad14 } : {}),
      ...(rule.denyRisk14 !== undefined ? { denyRisk14: rule.denyRisk14 } : {}),
      ...(rule.require !== undefined ? { require: rule.require.map(Number) } : {}),
    };
  }
  const all: Record<string, PolicyRuleInput> = { ...out, ...EXTRA_CATEGORIES };
  for (const category of boundCategories) {
    const rule = all[category];
    if (rule !== undefined) all[category] = { ...rule, bound: true };
  }
  return all;
}
