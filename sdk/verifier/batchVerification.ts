/**
 * verifyBatch's machinery: the calling thread's share (batches under their governor, or singles under
 * a flood of bad signatures), and large bursts spread over the worker pool with the calling thread
 * taking a share too. Results are exactly verify()'s, in input order.
 */
import type { BatchInput, CoreVerifyOptions, VerifierCore } from '../core/verifierCore.js';
import { BatchGovernor } from '../core/batchGovernor.js';
import { verifyGoverned, verifyGovernedPacked } from '../core/governedBatch.js';
import { verificationOf, type Verification } from './verificationResult.js';
import type { WorkerPool } from '../worker/workerPool.js';
import type { VerifyOptions } from '../core/verifyOptions.js';
import { presentationOf, type PoolInput } from '../worker/batchEntries.js';

/** Below this many presentations, a batch is verified in the calling thread alone. */
const POOL_MIN_BATCH = 256;

type IssuerNames = readonly { iss: string; kid: string }[];

export class BatchVerification {
  /** Batch sizes, or singles, by how many bad signatures recent batches met. */
  private readonly governor = new BatchGovernor();

  constructor(private readonly core: VerifierCore, private readonly issuerNames: () => IssuerNames) {}

  /** The core's outputs for items already in bytes, packed in one transferable buffer (pool workers). */
  packed(items: readonly BatchInput[], options: CoreVerifyOptions): ArrayBuffer {
    return verifyGovernedPacked(this.core, this.governor, items, options);
  }

  /** The calling thread's verification of a share. */
  local(inputs: readonly PoolInput[], options: CoreVerifyOptions): Verification[] {
    const items = inputs.map((x): BatchInput => {
      const p = presentationOf(x);
      const read = typeof x === 'object' && 'read' in x ? { read: x.read } : {};
      return typeof p === 'string' ? { text: p, ...read } : { bytes: p, isText: false, ...read };
    });
    const names = this.issuerNames();
    // Each result is made while its outputs are still views into the core's memory: no packed copy.
    const results: Verification[] = [];
    verifyGoverned(this.core, this.governor, items, options, { add: (out) => { results.push(verificationOf(out, names)); } });
    return results;
  }

  /** Whether a burst of `count` goes to the pool. */
  usesPool(pool: WorkerPool | null, count: number): pool is WorkerPool {
    return pool !== null && count >= POOL_MIN_BATCH;
  }

  /**
   * Spreads a burst over the pool's workers and the calling thread (with N cores, N - 1 workers and this
   * thread use them all). `coreOptions` gives the calling thread's options for its shares.
   */
  pooled(pool: WorkerPool, inputs: readonly PoolInput[], options: VerifyOptions & { now: number }, coreOptions: () => CoreVerifyOptions): Promise<Verification[]> {
    const shared = {
      now: options.now,
      ...(options.venue === undefined ? {} : { venue: options.venue }),
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(options.skew === undefined ? {} : { skew: options.skew }),
    };
    return pool.verify(inputs, shared, (share) => this.local(share, coreOptions()), (out) => verificationOf(out, this.issuerNames()));
  }
}
