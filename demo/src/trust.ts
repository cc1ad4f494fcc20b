/**
 * Provisioning and sync of a verifier, the same on every verifier page and in the turnstile's worker.
 * The root public keys come from the dev server once ("out of band"); everything after that is the
 * SDK's job: createVerifier restores and re-verifies the stored lists, sync() fetches with ETags and
 * verifies before use. With the dev server gone, the stored lists keep the verifier working offline.
 */
import { createVerifier, type ScanLogOptions, type StorageAdapter, type SyncEntry, type Verifier } from '../../sdk/index.js';
import { API_PREFIX, type Provisioning } from './shared/demoApi.js';

export async function fetchProvisioning(): Promise<Provisioning> {
  const res = await fetch(`${API_PREFIX}/provisioning`);
  if (!res.ok) throw new Error(`provisioning: HTTP ${res.status}`);
  return (await res.json()) as Provisioning;
}

export interface OpenedVerifier {
  readonly verifier: Verifier;
  readonly provisioning: Provisioning;
  readonly firstSync: SyncEntry[];
}

export interface OpenOptions {
  /** Where the lists are kept; IndexedDB ("passgate") by default, null for memory only. */
  readonly storage?: StorageAdapter | null;
  readonly now?: () => number;
  /** Counts per hour, venue and result (the turnstile's): never a presentation, serial or name. */
  readonly scanLog?: ScanLogOptions;
}

export function syncVerifier(verifier: Verifier, p: Provisioning): Promise<SyncEntry[]> {
  return verifier.sync({ trust: p.trustUrl, revocations: p.revocationUrls });
}

export async function openVerifier(options: OpenOptions = {}): Promise<OpenedVerifier> {
  const provisioning = await fetchProvisioning();
  const verifier = await createVerifier({
    roots: provisioning.roots,
    ...(options.storage !== undefined ? { storage: options.storage } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.scanLog ? { scanLog: options.scanLog } : {}),
  });
  const firstSync = await syncVerifier(verifier, provisioning);
  return { verifier, provisioning, firstSync };
}

/** True when the report shows that something new was put in force. */
export function changed(report: readonly SyncEntry[]): boolean {
  return report.some((e) => e.outcome === 'updated');
}

/**
 * This page's part when the operator destroys the data in another tab: the SDK follows the shared
 * storage and destroys this verifier too (destroy() is one operation, however often it is called).
 * The data is gone either way; what this tab could not remove again (the other tab removed it first)
 * is said, not thrown: an uncaught STORAGE_FAILED in every other tab would only alarm the operator.
 */
export async function followDestruction(verifier: Verifier): Promise<void> {
  try {
    await verifier.destroy();
  } catch (e) {
    console.warn(`Passgate demo: this tab's verifier is destroyed; its own clean-up reported: ${e instanceof Error ? e.message : String(e)}`);
  }
}
