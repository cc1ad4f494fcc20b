/** The disclosure keys of PG1 §3 and the names the SDK and the command line use for them. */
export const CLAIM_NAMES = {
  1: 'status',
  2: 'nat',
  3: 'vax',
  4: 'abroad14',
  5: 'risk14',
  6: 'fever',
  7: 'region',
  8: 'id4',
  9: 'name',
  10: 'photo',
  11: 'intl',
} as const;

export type ClaimKey = keyof typeof CLAIM_NAMES;
export type ClaimName = (typeof CLAIM_NAMES)[ClaimKey];

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
