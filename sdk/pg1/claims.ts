/** The disclosure keys of PG1 §3 and the names the SDK and the command line use for them. */
export const CLAIM_NAMES = {
  /** Code colour, uint: 0 green, 1 yellow, 2 red. */
  1: 'status',
  /** Latest nucleic-acid test: [sampled_at (Unix seconds), result (0 negative, 1 positive)]. */
  2: 'nat',
  /** Vaccination: [doses, last_dose_at (Unix seconds)]. */
  3: 'vax',
  /** Bool: stayed abroad within the last 14 days. */
  4: 'abroad14',
  /** Bool: stayed in a medium- or high-risk area within the last 14 days. */
  5: 'risk14',
  /** Bool: reported fever. */
  6: 'fever',
  /** Area of residence: a six-digit GB/T 2260 code. */
  7: 'region',
  /** The last 1 to 4 characters of the identity document, for a manual check. */
  8: 'id4',
  /** The masked name, e.g. "张*三". */
  9: 'name',
  /** SHA-256 of the enrolled photo (32 bytes, hex in results), for gates that match a face. */
  10: 'photo',
  /** Bool: the international version of the code. */
  11: 'intl',
} as const;

/** A disclosure key of PG1 §3 (1 to 11). */
export type ClaimKey = keyof typeof CLAIM_NAMES;
/** A claim's name as results and policies spell it (`'status'`, `'nat'`, ...). */
export type ClaimName = (typeof CLAIM_NAMES)[ClaimKey];

/** The inverse of {@link CLAIM_NAMES}: the §3 key of each claim name. */
export const CLAIM_KEYS: Readonly<Record<ClaimName, ClaimKey>> = {
  status: 1,
  nat: 2,
  vax: 3,
  abroad14: 4,
  risk14: 5,
  fever: 6,
  region: 7,
  id4: 8,
  name: 9,
  photo: 10,
  intl: 11,
};

/** Code colour (claim `status`). */
export type Status = 0 | 1 | 2;

/**
 * JSON-shaped claim values, as §9 writes them: byte strings as lowercase hex, maps as objects with
 * string keys. Integers beyond 2^53 stay exact as bigint (the command line prints their digits).
 */
export type ClaimValue = number | bigint | boolean | string | null | ClaimValue[] | { [key: string]: ClaimValue };

/** Verified disclosures by name (unknown keys by their number as a string). */
export type Claims = { [name: string]: ClaimValue };

export function claimName(key: number): string {
  return (CLAIM_NAMES as Record<number, string>)[key] ?? String(key);
}
