/**
 * A floor for the versions a store may come back with, kept outside the store: a platform keystore's
 * entry, a TPM's monotonic counter, a secure element. The sealed state and its anchor live in one
 * directory (or database); whoever can replace both with an older copy rolls the gate back, and no
 * check on that medium can tell. A floor kept elsewhere can.
 */
import type { Uint } from '../cbor/shape.js';

/** The highest versions a commit put in force, by kind of list (null: none of that kind yet). */
export interface VersionFloors {
  /** The trust list's version. */
  readonly trust: Uint | null;
  /** The revocation state's version (the last list, filter or delta applied). */
  readonly revocations: Uint | null;
}

/**
 * Where the verifier keeps its version floor apart from its storage (VerifierOptions.versionFloor).
 * Every commit writes it after the store; a restore refuses a stored state below it (a problem entry,
 * not in force) and accepts no list below it afterwards.
 */
export interface VersionFloorStore {
  /** A short name for messages ("tpm-counter", "keystore"). */
  readonly kind: string;
  /** The floors last written, or undefined when none were. */
  read(): Promise<VersionFloors | undefined>;
  /**
   * Records the versions of a commit. Never lower than before (a monotonic counter may refuse to go
   * down): the verifier only raises them. A throw makes the update's storage fail (STORAGE_FAILED).
   *
   * @param floors - The versions now in force.
   */
  write(floors: VersionFloors): Promise<void>;
  /** Optional: forgets the floors (destroy(): the programme is over). */
  destroy?(): Promise<void>;
}

/** True for an object with the methods of a VersionFloorStore. */
export function isVersionFloorStore(v: unknown): v is VersionFloorStore {
  const f = v as Partial<VersionFloorStore> | null;
  return typeof f === 'object' && f !== null && typeof f.read === 'function' && typeof f.write === 'function'
    && (f.destroy === undefined || typeof f.destroy === 'function');
}
