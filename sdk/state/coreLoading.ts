/**
 * Puts a state in force into the WebAssembly core. Within the optional stale grace (VerifierOptions.
 * staleGrace), the core is given expiries moved by the grace, and the verifier marks results stale.
 */
import type { CoreRevocationState, VerifierCore } from '../core/verifierCore.js';
import type { Uint } from '../cbor/shape.js';
import { toHex } from '../encoding/hex.js';
import type { StateInForce } from './stateInForce.js';
import type { TrustList } from '../pg1/trustList.js';

const U64_MAX = (1n << 64n) - 1n;

/** expires + grace, saturating at 2^64 - 1. */
function withGrace(expires: Uint, grace: number): bigint {
  const v = BigInt(expires) + BigInt(grace);
  return v > U64_MAX ? U64_MAX : v;
}

/** What the core is given for revocations: the state in force, or, when it was lost, an expired one. */
function coreRevocations(state: StateInForce, grace: number): CoreRevocationState | null {
  const r = state.revocations;
  if (r) {
    const expires = withGrace(r.expires, grace);
    return r.filter ? { prefixes: r.prefixes, expires, filter: { covers: r.filter.covers, shards: r.filter.shards } } : { prefixes: r.prefixes, expires };
  }
  // Revocations were in force and are lost: fail closed (TRUST_LIST_EXPIRED) rather than answer OK for revoked passes.
  return state.anchor.revocations ? { prefixes: new Uint8Array(0), expires: 0 } : null;
}

type CoreRevocations = ReturnType<typeof coreRevocations>;
const sameRevocations = (a: CoreRevocations, b: CoreRevocations): boolean =>
  a === null || b === null ? a === b : a.prefixes === b.prefixes && a.filter?.shards === b.filter?.shards && BigInt(a.expires) === BigInt(b.expires);

export class CoreLoading {
  /** iss and kid (hex) of each issuer key in force, by its index in the core's table. */
  issuerNames: readonly { iss: string; kid: string }[] = [];
  /** What the core holds: only the part that changes is loaded again. */
  private loaded: { list: TrustList; revocations: CoreRevocations } | null = null;

  constructor(private readonly core: VerifierCore, private readonly staleGrace: number) {}

  /** Loads `next` (throws OUT_OF_MEMORY when the core cannot hold it). */
  put(next: StateInForce): void {
    const t = next.trust?.list;
    if (!t) {
      this.issuerNames = [];
      return;
    }
    const revocations = coreRevocations(next, this.staleGrace);
    const last = this.loaded;
    const trustChanged = last?.list !== t;
    const revocationsChanged = last === null || !sameRevocations(last.revocations, revocations);
    if (trustChanged && revocationsChanged) this.core.load(t.issuers, withGrace(t.expires, this.staleGrace), t.sunset, revocations);
    else if (trustChanged) this.core.loadTrust(t.issuers, withGrace(t.expires, this.staleGrace), t.sunset);
    else if (revocationsChanged) this.core.loadRevocations(revocations);
    this.loaded = { list: t, revocations };
    this.issuerNames = t.issuers.map((k) => ({ iss: k.iss, kid: toHex(k.kid) }));
  }
}
