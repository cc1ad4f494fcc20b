/**
 * A pool worker's verifier: its own instance of the compiled core the page handed it, the state the
 * main verifier sent put in force after every list is verified again (as a restore from storage is),
 * and the batch path on packed inputs. Nothing else of a Verifier (storage, sync, scan log, the
 * embedded core binary, workers of its own) is in a worker's bundle.
 */
import { instantiateModule } from '../core/coreInstance.js';
import { VerifierCore } from '../core/verifierCore.js';
import { BatchGovernor } from '../core/batchGovernor.js';
import { verifyGovernedPacked } from '../core/governedBatch.js';
import { CoreLoading } from '../state/coreLoading.js';
import { stateOfSnapshot } from '../state/stateSnapshot.js';
import { wipeState, type StateInForce } from '../state/stateInForce.js';
import { DEFAULT_POLICY } from '../pg1/policy.js';
import { coreOptions, uint64 } from '../core/verifyOptions.js';
import { unpackInputs, type VerifyChunkOptions, type WorkerInit } from './protocol.js';

export class ChunkVerifier {
  private constructor(
    private readonly core: VerifierCore,
    private readonly state: StateInForce,
    private readonly skew: number,
  ) {}

  /** Batch sizes, or singles, by how many bad signatures recent chunks met (as the page's verifier does). */
  private readonly governor = new BatchGovernor();

  /** Throws when the state does not verify in full: it would give other results than the main verifier's. */
  static async open(init: WorkerInit): Promise<ChunkVerifier> {
    const core = new VerifierCore(await instantiateModule(init.module));
    try {
      const { state, problems } = stateOfSnapshot(core, init.roots, init.snapshot);
      if (problems.length > 0) throw new Error(problems.map((p) => `${p.list}: ${p.reason}`).join('; '));
      if (!state.trust) throw new Error('no trust list is in force');
      new CoreLoading(core, init.staleGrace).put(state);
      return new ChunkVerifier(core, state, init.skew);
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
      return verifyGovernedPacked(this.core, this.governor, unpackInputs(packed), core);
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
