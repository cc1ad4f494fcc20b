/**
 * The threads of a streaming filter build: worker_threads in Node (one task at a time each, the
 * rest queued), or the calling thread itself when one thread is asked for. Either way a task is a
 * FilterTask and comes back as its FilterTaskResult.
 */
import { FilterTaskRunner, type FilterTask, type FilterTaskResult } from './filterTasks.js';
import { RevocationFilterError } from './revocationFilterError.js';

export interface FilterThreads {
  readonly size: number;
  /** Runs a task on the next free thread; `transfer` lists buffers handed over with it. */
  run(task: FilterTask, transfer?: ArrayBuffer[]): Promise<FilterTaskResult>;
  /** Runs the same task on every thread (to give each the stage-1 tables). */
  broadcast(task: FilterTask): Promise<void>;
  close(): Promise<void>;
}

function inThread(): FilterThreads {
  const runner = new FilterTaskRunner();
  return {
    size: 1,
    run: async (task) => runner.run(task),
    broadcast: async (task) => { runner.run(task); },
    close: async () => {},
  };
}

interface Job {
  readonly task: FilterTask;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (r: FilterTaskResult) => void;
  readonly reject: (e: Error) => void;
}

async function workerThreads(count: number): Promise<FilterThreads> {
  const { Worker } = await import('node:worker_threads');
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  // Next to this module once built; from the TypeScript sources (the SDK's own tests), the build in dist/.
  let url = new URL('./filterWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) url = new URL('../../../dist/sdk/issuer/filter/filterWorker.js', import.meta.url);
  const queue: Job[] = [];
  const idle: InstanceType<typeof Worker>[] = [];
  const current = new Map<InstanceType<typeof Worker>, Job>();
  let failure: Error | null = null;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.pop()!;
      const job = queue.shift()!;
      current.set(w, job);
      w.postMessage(job.task, job.transfer);
    }
  };
  const fail = (e: Error): void => {
    failure ??= new RevocationFilterError('WORKER_FAILED', `a build thread failed: ${e.message}`);
    for (const job of [...current.values(), ...queue.splice(0)]) job.reject(failure);
    current.clear();
  };
  const workers = Array.from({ length: count }, () => {
    const w = new Worker(url);
    w.on('message', (result: FilterTaskResult) => {
      const job = current.get(w);
      current.delete(w);
      idle.push(w);
      job?.resolve(result);
      dispatch();
    });
    w.on('error', fail);
    w.on('exit', (code) => { if (code !== 0) fail(new Error(`exit code ${code}`)); });
    idle.push(w);
    return w;
  });

  const run = (task: FilterTask, transfer: ArrayBuffer[] = []): Promise<FilterTaskResult> =>
    new Promise((resolve, reject) => {
      if (failure !== null) return reject(failure);
      queue.push({ task, transfer, resolve, reject });
      dispatch();
    });
  return {
    size: count,
    run,
    // Every worker is idle between passes, so each takes one copy (the tables' entries are shared memory).
    broadcast: async (task) => {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              if (failure !== null) return reject(failure);
              idle.splice(idle.indexOf(w), 1);
              current.set(w, { task, transfer: [], resolve: () => resolve(), reject });
              w.postMessage(task);
            }),
        ),
      );
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** `threads` build threads: workers when more than one (Node only), else this thread. */
export async function startFilterThreads(threads: number): Promise<FilterThreads> {
  return threads <= 1 ? inThread() : workerThreads(threads);
}
