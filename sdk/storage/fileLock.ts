/**
 * One writer at a time across processes: a lock file created with O_EXCL holding the owner's pid.
 * A lock whose owner is no longer alive (killed mid-update) is taken over. Taking over is itself
 * serialised by a second O_EXCL file, so that two waiters cannot both remove the dead owner's lock
 * and then one of them the other's fresh one; that file is held for microseconds, and only if its
 * holder is killed in that window does it linger (it is then removed after BREAK_STALE_MS).
 */
import { link, lstat, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from './storageKey.js';
import { PassgateError } from '../errors.js';
import { readOwnFile } from './ownFile.js';

const EMPTY_LOCK_GRACE_MS = 2_000;
const BREAK_STALE_MS = 5_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The lock's content; a lock that is a link (or not a file of ours) is refused, never followed. */
async function readIfThere(path: string): Promise<string | undefined> {
  const bytes = await readOwnFile(path);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await lstat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Creates `path` holding our pid, atomically: the pid is written to a temporary file first, which is
 * then hard-linked to `path` (link fails when `path` exists), so a lock is never seen empty.
 */
async function create(path: string): Promise<boolean> {
  const random = Array.from(randomBytes(6), (b) => b.toString(16).padStart(2, '0')).join('');
  const tmp = join(dirname(path), `.${basename(path).replace(/^\./, '')}.${process.pid}.${random}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(String(process.pid));
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Whether the lock holding `content` belongs to nobody alive. */
async function isStale(path: string, content: string): Promise<boolean> {
  const pid = Number.parseInt(content, 10);
  if (Number.isSafeInteger(pid) && pid > 0) return pid !== process.pid && !processAlive(pid);
  return (await ageMs(path)) > EMPTY_LOCK_GRACE_MS; // an owner killed between creating and writing it
}

/** Removes the lock if it still holds `content` (the dead owner's), under the break file. */
async function takeOver(path: string, content: string): Promise<void> {
  const breaker = `${path}.break`;
  if (!(await create(breaker))) {
    if ((await ageMs(breaker)) > BREAK_STALE_MS) await rm(breaker, { force: true });
    return;
  }
  try {
    if ((await readIfThere(path)) === content) await rm(path, { force: true });
  } finally {
    await rm(breaker, { force: true });
  }
}

/** Removes the lock at `path` if its owner is gone (a writer killed while holding it). */
export async function clearStaleLock(path: string): Promise<void> {
  const content = await readIfThere(path);
  if (content !== undefined && (await isStale(path, content))) await takeOver(path, content);
}

/** Takes the lock at `path` (waiting up to timeoutMs), runs task, releases it. */
export async function withFileLock<T>(path: string, timeoutMs: number, task: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  while (!(await create(path))) {
    const content = await readIfThere(path);
    if (content !== undefined && (await isStale(path, content))) {
      await takeOver(path, content);
      continue;
    }
    if (Date.now() > deadline) throw new PassgateError('STORAGE_FAILED', `the store is locked by another process (${path}) for more than ${timeoutMs} ms`);
    await sleep(wait);
    wait = Math.min(20, wait * 2);
  }
  try {
    return await task();
  } finally {
    await rm(path, { force: true });
  }
}
