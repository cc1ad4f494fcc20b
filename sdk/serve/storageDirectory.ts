/**
 * `--storage DIR` made ready before the verifier opens it, so that a bad path is refused at once with
 * the path and the reason: a part of it that is not a directory, a directory that cannot be created or
 * written, or a virtual file system (/proc, /sys, ...) where nothing can be stored — and where Node's
 * recursive mkdir never returns. Missing directories are created one level at a time (mode 0700).
 */
import { access, constants, mkdir, stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Why --storage cannot be used: the message names the path and the reason. */
export class StorageDirectoryError extends Error {
  override readonly name = 'StorageDirectoryError';
}

/** statfs f_type of the kernel's virtual file systems (linux/magic.h): no storage there. */
const VIRTUAL_FILE_SYSTEMS: Readonly<Record<number, string>> = {
  0x9fa0: 'procfs', 0x62656572: 'sysfs', 0x1cd1: 'devpts', 0x27e0eb: 'cgroup', 0x63677270: 'cgroup2',
  0x64626720: 'debugfs', 0x73636673: 'securityfs', 0x74726163: 'tracefs', 0xcafe4a11: 'bpf', 0x62656570: 'configfs',
};

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;
const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function prepareStorageDirectory(dir: string): Promise<void> {
  const fail = (reason: string): StorageDirectoryError => new StorageDirectoryError(`--storage ${dir}: ${reason}`);
  const path = resolve(dir);
  // The nearest part of the path that exists, and the directories to create below it.
  const missing: string[] = [];
  let existing = path;
  for (;;) {
    try {
      if (!(await stat(existing)).isDirectory()) throw fail(`${existing} is not a directory`);
      break;
    } catch (e) {
      if (e instanceof StorageDirectoryError) throw e;
      if (codeOf(e) !== 'ENOENT' && codeOf(e) !== 'ENOTDIR') throw fail(`cannot read ${existing} (${describe(e)})`);
      missing.unshift(existing);
      existing = dirname(existing);
    }
  }
  const kind = VIRTUAL_FILE_SYSTEMS[(await statfs(existing)).type];
  if (kind !== undefined) throw fail(`${existing} is on ${kind}, a virtual file system that stores nothing: give a directory on a disk`);
  for (const d of missing) {
    try {
      await mkdir(d, { mode: 0o700 });
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw fail(`cannot create ${d} (${describe(e)})`);
    }
  }
  try {
    await access(path, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw fail(`cannot write in it (${describe(e)})`);
  }
}
