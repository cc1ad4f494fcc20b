/**
 * The gateway's rules for the `status` it issues (PG1 §11.3), configurable from a JSON file. The defaults
 * are §11.3's: 2 after a detected test, else 0 with a vaccination where dn ≥ sd and dt within 270 days, a
 * test not detected sampled within 72 hours, or a recovery whose df ≤ today ≤ du, else 1.
 */
import { PassgateError } from '../errors.js';

/** The status rules; every field has §11.3's default. */
export interface StatusRules {
  /** Days after the last dose (dt) a complete vaccination (dn ≥ sd) counts: 270. */
  readonly vaccinationMaxAgeDays: number;
  /** Hours after sampling (sc) a test not detected counts: 72. */
  readonly testMaxAgeHours: number;
  /** Whether a recovery in its window (df ≤ today ≤ du) counts: true. */
  readonly recoveryCounts: boolean;
  /** The status after a detected test: 2 (red). */
  readonly statusAfterDetectedTest: 0 | 1 | 2;
  /** The status when the pass counts: 0 (green). */
  readonly statusWhenValid: 0 | 1 | 2;
  /** The status otherwise: 1 (yellow). */
  readonly statusOtherwise: 0 | 1 | 2;
}

/** §11.3's rules. */
export const DEFAULT_STATUS_RULES: StatusRules = {
  vaccinationMaxAgeDays: 270,
  testMaxAgeHours: 72,
  recoveryCounts: true,
  statusAfterDetectedTest: 2,
  statusWhenValid: 0,
  statusOtherwise: 1,
};

function status(value: unknown, name: string): 0 | 1 | 2 {
  if (value === 0 || value === 1 || value === 2) return value;
  throw new PassgateError('BAD_ARGUMENT', `status rules: ${name} must be 0, 1 or 2`);
}

function count(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new PassgateError('BAD_ARGUMENT', `status rules: ${name} must be a non-negative integer`);
}

/**
 * Status rules from parsed JSON: an object with any of {@link StatusRules}' fields (the others default).
 *
 * @param json - The parsed rules file.
 * @throws {@link PassgateError} `BAD_ARGUMENT` for another shape, an unknown field or a value out of range.
 */
export function statusRulesFromJson(json: unknown): StatusRules {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new PassgateError('BAD_ARGUMENT', 'status rules: expected a JSON object');
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_STATUS_RULES, key)) throw new PassgateError('BAD_ARGUMENT', `status rules: unknown field "${key}"`);
  }
  const d = DEFAULT_STATUS_RULES;
  if (o.recoveryCounts !== undefined && typeof o.recoveryCounts !== 'boolean') throw new PassgateError('BAD_ARGUMENT', 'status rules: recoveryCounts must be true or false');
  return {
    vaccinationMaxAgeDays: o.vaccinationMaxAgeDays === undefined ? d.vaccinationMaxAgeDays : count(o.vaccinationMaxAgeDays, 'vaccinationMaxAgeDays'),
    testMaxAgeHours: o.testMaxAgeHours === undefined ? d.testMaxAgeHours : count(o.testMaxAgeHours, 'testMaxAgeHours'),
    recoveryCounts: o.recoveryCounts === undefined ? d.recoveryCounts : (o.recoveryCounts as boolean),
    statusAfterDetectedTest: o.statusAfterDetectedTest === undefined ? d.statusAfterDetectedTest : status(o.statusAfterDetectedTest, 'statusAfterDetectedTest'),
    statusWhenValid: o.statusWhenValid === undefined ? d.statusWhenValid : status(o.statusWhenValid, 'statusWhenValid'),
    statusOtherwise: o.statusOtherwise === undefined ? d.statusOtherwise : status(o.statusOtherwise, 'statusOtherwise'),
  };
}
