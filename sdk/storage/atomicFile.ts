/**
 * Files replaced atomically: written to a temporary file, fsynced, renamed over the old one, and the
 * directory fsynced. Temporary names carry the writer's pid and a random part, so writers in one
 * process or in several never share one; those left by a killed writer are swept at the next open.
 */
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from './storageKey.js';
import { processAlive } from './fileLock.js';

const TEMP = /^\.(.+)\.(\d+)\.([0-9a-f]+)\.tmp$/;

/** This process's writes under way (their temporary files are not stale). */
const writing = new Set<string>();

function tempName(name: string): string {
  const random = Array.from(randomBytes(8), (b) => b.toString(16).padStart(2, '0')).join('');
  return `.${name}.${process.pid}.${random}.tmp`;
}

async function syncDirectory(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

export async function writeFileAtomically(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dir, tempName(name));
  writing.add(tmp);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(dir, name));
    await syncDirectory(dir);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    writing.delete(tmp);
  }
}

/** Removes the temporary files of writers that are gone (or, with all, every temporary file not ours). */
export async function sweepTemporaryFiles(dir: string, all = false): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  let removed = 0;
  for (const n of names) {
    const m = TEMP.exec(n);
    if (!m) continue;
    const path = join(dir, n);
    const pid = Number(m[2]);
    if (writing.has(path) || (!all && pid !== process.pid && processAlive(pid))) continue;
    await rm(path, { force: true });
    removed++;
  }
  return removed;
}

/** Whether a name is one of our temporary files. */
export const isTemporaryFile = (name: string): boolean => TEMP.test(name);
