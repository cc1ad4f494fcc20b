// A worker pool that always answers (issue 11 items 2 and 3): workers that die mid-batch, exit, throw,
// go silent, answer with errors or cannot restore the lists, and a pool closed with batches in flight.
// Every verifyBatch settles with exactly verifyBatchLocal's results, later batches too, and nothing
// rejects unhandled. A Node process with workers exits by itself after close().
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createVerifier, defaultSpawn, nodePoolWorker, type PoolWorker, type SpawnWorker, type Verifier, type WorkerReply, type WorkerRequest } from '../../sdk/index.js';
import { buildRevocationList, revokedPrefix, toQrText } from '../../sdk/issuer/index.js';
import { DAY, NOW, bindingNow, device, presentAll, root, root2, token, trustList } from '../support/issuerFixtures.js';

const FAULTY_WORKER = new URL('../support/faultyWorker.mjs', import.meta.url);
const EXIT_CHILD = fileURLToPath(new URL('../support/poolExitChild.mjs', import.meta.url));

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
beforeAll(() => { process.on('unhandledRejection', onUnhandled); });
afterAll(() => { process.off('unhandledRejection', onUnhandled); });

const verifiers: Verifier[] = [];
afterEach(async () => {
  for (const v of verifiers.splice(0)) await v.destroy();
  expect(unhandled).toEqual([]);
});

const revokedToken = token();
const inputs = Array.from({ length: 700 }, (_, i) => {
  if (i === 5) return presentAll(revokedToken);
  const t = token({ ...(i % 3 === 0 ? { cnf: device.publicKey } : {}), ...(i % 7 === 0 ? { exp: NOW - DAY } : {}) });
  const p = presentAll(t, i % 3 === 0 ? bindingNow() : undefined);
  if (i % 11 === 0) p[p.length - 1]! ^= 1; // a bad signature
  return i % 2 === 0 ? toQrText(p) : p;
});

let single: Verifier;
let expected: ReturnType<Verifier['verifyBatchLocal']>;
beforeAll(async () => {
  single = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW });
  await single.applyTrustList(trustList());
  expected = single.verifyBatchLocal(inputs, { venue: 'general' });
  expect(new Set(expected.map((r) => r.result)).size).toBeGreaterThan(2);
});

async function pooled(spawn: SpawnWorker, count = 2, stallMs?: number): Promise<Verifier> {
  const v = await createVerifier({ roots: [root.publicKey], storage: null, now: () => NOW, workers: { count, spawn, ...(stallMs === undefined ? {} : { stallMs }) } });
  verifiers.push(v);
  await v.applyTrustList(trustList());
  return v;
}

/** Resolves once the pool's workers hold the lists in force (a batch before that runs on this thread). */
async function workersReady(v: Verifier, count: number): Promise<void> {
  const pool = (v as unknown as { pool: { readyWorkers: number } }).pool;
  for (let i = 0; i < 500 && pool.readyWorkers < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(pool.readyWorkers).toBe(count);
}

function poolOf(v: Verifier): { problems: string[]; readyWorkers: number } {
  return (v as unknown as { pool: { problems: string[]; readyWorkers: number } }).pool;
}

/** A real worker whose requests pass through `edit` (which may change, drop or act on them). */
function intercepted(edit: (m: WorkerRequest, inner: PoolWorker) => WorkerRequest | null, opts: { lost?: boolean } = {}): SpawnWorker {
  return async () => {
    const inner = await defaultSpawn();
    const w: PoolWorker = {
      postMessage: (m, transfer) => { const next = edit(m, inner); if (next) inner.postMessage(next, transfer); },
      onReply: (l: (r: WorkerReply) => void) => inner.onReply(l),
      hold: (b) => inner.hold?.(b),
      terminate: () => inner.terminate(),
    };
    if (opts.lost !== false) w.onLost = (l) => inner.onLost?.(l);
    return w;
  };
}

const faulty = (fault: 'exit' | 'throw', at: number): SpawnWorker => async () =>
  nodePoolWorker(new Worker(FAULTY_WORKER, { workerData: { fault, at } }));

describe('a pool that always answers', () => {
  it('redoes the chunks of a worker terminated mid-batch, replaces it, and answers later batches', async () => {
    let kills = 1;
    const v = await pooled(intercepted((m, inner) => {
      if (m.type === 'verify' && kills > 0) { kills--; void inner.terminate(); }
      return m;
    }));
    await workersReady(v, 2);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
    expect(poolOf(v).problems.join()).toMatch(/worker exited/);
    await workersReady(v, 2); // the replacement
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
  });

  it('survives a worker that calls process.exit, and one that throws, mid-batch', async () => {
    let spawned = 0;
    const spawn: SpawnWorker = () => (spawned++ === 0 ? faulty('exit', 1)() : spawned === 2 ? faulty('throw', 2)() : defaultSpawn());
    const v = await pooled(spawn);
    await workersReady(v, 2);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
    expect(poolOf(v).problems.join()).toMatch(/exited \(code 3\)|fault injected/);
  });

  it('redoes a chunk a worker answers with an error (here: chunks for lists it does not hold)', async () => {
    const v = await pooled(intercepted((m) => (m.type === 'verify' ? { ...m, generation: m.generation + 100 } : m)));
    await workersReady(v, 2);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
  });

  it('takes a silent worker as lost after the stall time (a spawner without onLost)', async () => {
    let silent = true;
    const v = await pooled(intercepted((m) => {
      if (m.type === 'verify' && silent) return null; // swallowed: no reply will ever come
      return m;
    }, { lost: false }), 1, 300);
    await workersReady(v, 1);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
    expect(poolOf(v).problems).toEqual(['no reply for 300 ms']);
    silent = false;
    await workersReady(v, 1);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
  });

  it('hands no chunk to a worker that cannot restore the lists; it is reported, not thrown', async () => {
    // The second init (the one with the trust list) reaches one worker unreadable, the other with the
    // trust list's signature broken (the worker verifies the state again and must not use what is left).
    const listed = trustList();
    let inits = 0;
    const v = await pooled(intercepted((m) => {
      if (m.type !== 'init' || inits++ < 2 || inits > 4) return m;
      if (inits === 3) return { ...m, snapshot: { ...m.snapshot, record: new Uint8Array([1, 2, 3]) } };
      const record = m.snapshot.record.slice();
      const at = Buffer.from(record).indexOf(Buffer.from(listed));
      expect(at).toBeGreaterThan(0);
      record[at + listed.length - 1]! ^= 1;
      return { ...m, snapshot: { ...m.snapshot, record } };
    }));
    for (let i = 0; i < 500 && poolOf(v).problems.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(poolOf(v).problems).toHaveLength(2);
    for (const p of poolOf(v).problems) expect(p).toMatch(/^could not restore the lists: /);
    expect(poolOf(v).readyWorkers).toBe(0);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected);
  });

  it('keeps answering right after a root rotation that a worker replaying the lists cannot follow (issue 11 item 2)', async () => {
    const v = await pooled(defaultSpawn);
    await workersReady(v, 2);
    // A revocation list signed by the root in force, then a trust list that rotates to root2.
    await v.applyRevocations(buildRevocationList({ rootSecret: root.secretKey, version: 1, issuedAt: NOW, expires: NOW + DAY, revoked: [revokedPrefix(revokedToken.cti)] }));
    await v.applyTrustList(trustList({ version: 2, roots: [root2.publicKey] }));
    const after = await v.verifyBatch(inputs, { venue: 'general' });
    expect(after[5]?.result).toBe('TOKEN_REVOKED');
    expect(after).toEqual(v.verifyBatchLocal(inputs, { venue: 'general' }));
  });

  it('settles every batch in flight when the pool is closed: the calling thread finishes their chunks', async () => {
    const v = await pooled(defaultSpawn);
    await workersReady(v, 2);
    const batches = [v.verifyBatch(inputs, { venue: 'general' }), v.verifyBatch(inputs, { venue: 'general' })];
    const pool = (v as unknown as { pool: { close(): Promise<void> } }).pool;
    await pool.close();
    for (const b of await Promise.all(batches)) expect(b).toEqual(expected);
    expect(await v.verifyBatch(inputs, { venue: 'general' })).toEqual(expected); // a closed pool: this thread alone
    await pool.close(); // twice is harmless
  });

  it('close() lets the batches in flight finish, then stops the workers; later calls are refused', async () => {
    const v = await pooled(defaultSpawn);
    await workersReady(v, 2);
    const batches = [v.verifyBatch(inputs, { venue: 'general' }), v.verifyBatch(inputs, { venue: 'general' })];
    await v.close();
    for (const b of await Promise.all(batches)) expect(b).toEqual(expected);
    await expect(v.verifyBatch(inputs)).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('a Node process whose verifier has workers exits by itself after close()', () => {
    const r = spawnSync(process.execPath, [EXIT_CHILD], { encoding: 'utf8', timeout: 30_000 });
    expect(r.signal, 'killed at the timeout: the process did not exit').toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ OK: 540, MALFORMED: 60 });
  });
});
