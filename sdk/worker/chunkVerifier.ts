/**
 * A pool worker's verifier: its own instance of the compiled core the page handed it, the state the
 * main verifier sent put in force after every list is verified again (as a restore from storage is),
 * and the batch path on packed inputs. Nothing else of a Verifier (storage, sync, scan log, the
 * embedded core binary, workers of its own) is in a worker's bundle.
 */
import { instantiateModule } from '../core/coreInstance.js';
import { VerifierCore } from '../core/verifierCore.js';
import { BatchVerification } from '../batchVerification.js';
import { CoreLoading } from '../state/coreLoading.js';
import { stateOfSnapshot } from '../state/stateSnapshot.js';
import { wipeState, type StateInForce } from '../state/stateInForce.js';
import { DEFAULT_POLICY } from '../policy.js';
import { coreOptions, uint64 } from '../verifyOptions.js';
import { unpackInputs, type VerifyChunkOptions, type WorkerInit } from './protocol.js';

export class ChunkVerifier {
  private constructor(
    private readonly core: VerifierCore,
    private readonly state: StateInForce,
    private readonly batches: BatchVerification,
    private readonly skew: number,
  ) {}

  /** Throws when the state does not verify in full: it would give other results than the main verifier's. */
  static async open(init: WorkerInit): Promise<ChunkVerifier> {
    const core = new VerifierCore(await instantiateModule(init.module));
    try {
      const { state, problems } = stateOfSnapshot(core, init.roots, init.snapshot);
      if (problems.length > 0) throw new Error(problems.map((p) => `${p.list}: ${p.reason}`).join('; '));
      if (!state.trust) throw new Error('no trust list is in force');
      const loading = new CoreLoading(core, init.staleGrace);
      loading.put(state);
      return new ChunkVerifier(core, state, new BatchVerification(core, () => loading.issuerNames), init.skew);
    } catch (e) {
      core.wipe();
      throw e;
    }
  }

  /** The core's outputs for a packed chunk, packed in one transferable buffer; the inputs are zeroised. */
  verifyPacked(packed: ArrayBuffer, options: VerifyChunkOptions): ArrayBuffer {
    const policy = this.state.trust?.list.policy ?? DEFAULT_POLICY;
    const core = coreOptions(options, policy, uint64(options.now, 'now'), this.skew);
    try {
      return this.batches.packed(unpackInputs(packed), core);
    } finally {
      new Uint8Array(packed).fill(0);
    }
  }

  /** Zeroises the core's memory and the copies of the lists. */
  destroy(): void {
    this.core.wipe();
    wipeState(this.state);
  }
}
