/** What sync() needs of a verifier: the validators and digests in force, and how to apply a list. */
import type { SyncTarget } from '../sync/index.js';
import type { Updater } from '../state/updater.js';
import type { VerifierCore } from '../core/verifierCore.js';
import { listDigest } from '../state/listAcceptance.js';

export function syncTargetOf(updater: Updater, core: VerifierCore): SyncTarget {
  return {
    etag: (url) => updater.state.sources[url]?.etag ?? undefined,
    inForce: (list) => {
      const { trust, revocations, anchor } = updater.state;
      if (list === 'trust') return Promise.resolve(trust && anchor.trust ? { version: trust.list.version, sha256: anchor.trust.digest } : null);
      return Promise.resolve(revocations && anchor.revocations ? { version: revocations.version, sha256: anchor.revocations.digest } : null);
    },
    apply: async (list, bytes, etag) => {
      const next = await updater.apply(list, bytes, etag ? { url: etag.url, etag: etag.value } : undefined);
      return { version: list === 'trust' ? next.trust!.list.version : next.revocations!.version };
    },
    noteSource: (url, etag, bytes) => updater.noteSource(url, etag, bytes),
    sha256: (bytes) => listDigest(core, bytes),
  };
}
