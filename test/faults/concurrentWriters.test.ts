// Issue 11, defect 4: verifiers sharing a directory (in one process, or in several) never lose an
// acknowledged update, never corrupt the store, and leave no temporary file even when killed mid-write.
import { describe, expect, it } from 'vitest';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createVerifier, type Verifier } from '../../sdk/index.js';
import { FileStorage } from '../../sdk/node.js';
import { toHex } from '../../sdk/encoding/hex.js';
import { NOW, issuerKey, root, trustList } from '../support/issuerFixtures.js';
import { tempDirs } from '../support/tempDirs.js';

const tempDir = tempDirs();
const WRITER = fileURLToPath(new URL('../support/trustListWriter.mjs', import.meta.url));
const make = (dir: string): Promise<Verifier> => createVerifier({ roots: [root.publicKey], storage: new FileStorage(dir), now: () => NOW });
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);
const temporaryFiles = (dir: string): string[] => files(dir).filter((n) => n.endsWith('.tmp'));

interface Report { ready?: number; acked?: number; refused?: number; reason?: string; done?: boolean }

function writer(dir: string, first: number, step: number, count: number, onReport: (r: Report) => void): ChildProcess {
  const child = fork(WRITER, [dir, toHex(root.secretKey), toHex(issuerKey.publicKey), String(first), String(step), String(count)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child.on('message', (m) => onReport(m as Report));
  return child;
}

const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve();
  else child.once('exit', () => resolve());
});

describe('two verifiers in one process on one directory', () => {
  it('200 updates, interleaved: every acknowledged update is there at restart, and both follow', async () => {
    const dir = tempDir();
    const [a, b] = await Promise.all([make(dir), make(dir)]);
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).applyTrustList(trustList({ version: i + 1 }))));
    const acked = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i + 1] : []));
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ reason: 'ROLLBACK' });
    expect(acked.length).toBeGreaterThan(0);
    const highest = Math.max(...acked);
    await a.reload();
    await b.reload();
    expect([a.trustList?.version, b.trustList?.version]).toEqual([highest, highest]);
    const restarted = await make(dir);
    expect(restarted.restoreProblems).toEqual([]);
    expect(restarted.trustList?.version).toBe(highest);
    expect(temporaryFiles(dir)).toEqual([]);
  });
});

describe('two processes on one directory', () => {
  it('200 updates between them: every acknowledged version is at or below what a restart finds', async () => {
    const dir = tempDir();
    await (await make(dir)).applyTrustList(trustList({ version: 1 })); // the store exists before both start
    const acked: number[] = [];
    const refusals = new Set<string>();
    const onReport = (r: Report): void => {
      if (r.acked !== undefined) acked.push(r.acked);
      if (r.reason !== undefined) refusals.add(r.reason);
    };
    const children = [writer(dir, 2, 2, 100, onReport), writer(dir, 3, 2, 100, onReport)];
    await Promise.all(children.map(exited));
    expect(children.map((c) => c.exitCode)).toEqual([0, 0]);
    expect([...refusals].filter((r) => r !== 'ROLLBACK')).toEqual([]);
    const restarted = await make(dir);
    expect(restarted.restoreProblems).toEqual([]);
    expect(restarted.trustList?.version).toBe(Math.max(...acked));
    expect(acked.length).toBeGreaterThan(50);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it('a writer killed at random moments, 20 times: the store opens whole, no version lost, no temp file left', async () => {
    const dir = tempDir();
    let lastAcked = 0;
    for (let round = 0; round < 20; round++) {
      const first = lastAcked + 1;
      let ready!: () => void; // after the first acknowledged update
      const started = new Promise<void>((resolve) => { ready = resolve; });
      const child = writer(dir, first, 1, 0, (r) => {
        if (r.acked !== undefined) {
          lastAcked = Math.max(lastAcked, r.acked);
          ready(); // killed only once it writes
        }
      });
      await started;
      await new Promise((resolve) => setTimeout(resolve, 5 + ((round * 37) % 60)));
      child.kill('SIGKILL');
      await exited(child);
      const v = await make(dir);
      expect(v.restoreProblems).toEqual([]);
      expect(v.trustList?.version ?? 0).toBeGreaterThanOrEqual(lastAcked);
      lastAcked = Number(v.trustList?.version ?? 0);
      expect(temporaryFiles(dir)).toEqual([]);
      expect(files(dir)).not.toContain('.lock');
      await v.close();
    }
    expect(lastAcked).toBeGreaterThan(20);
  }, 120_000);
});
