/**
 * Opening the files of a store without following links: every open is O_NOFOLLOW (a symbolic link is
 * ELOOP, never its target) and O_NONBLOCK (a FIFO put there cannot hang it), and what is opened must be
 * a regular file owned by this process's user with one name. Anything else is refused with
 * STORAGE_FAILED naming it: whoever can write the directory must not steer a read, or destroy()'s
 * overwrite with zeros, to another file.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, rm, type FileHandle } from 'node:fs/promises';
import { PassgateError } from '../errors.js';

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/**
 * Why `st` is not a file of ours, or null when it is. Overwriting also wants it to have one name (a
 * hard link made to another file must not be zeroed); reading does not (the lock is a second name of
 * its writer's temporary file for a moment).
 */
function foreign(st: Stats, overwriting = false): string | null {
  if (st.isSymbolicLink()) return 'a symbolic link (not followed)';
  if (!st.isFile()) return 'not a regular file';
  if (overwriting && st.nlink > 1) return `a regular file with ${st.nlink} names (a hard link to another file?)`;
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `owned by user ${st.uid}, not by this process's (${uid})`;
  return null;
}

function refused(path: string, why: string): PassgateError {
  return new PassgateError('STORAGE_FAILED', `${path} is ${why}: refused`);
}

/** Opens `path` with `flags` plus O_NOFOLLOW | O_NONBLOCK and checks it; undefined when it does not exist. */
async function openOwn(path: string, flags: number, overwriting = false): Promise<FileHandle | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined;
    if (code(e) === 'ELOOP') throw refused(path, 'a symbolic link (not followed)');
    throw e;
  }
  const why = foreign(await handle.stat(), overwriting);
  if (why) {
    await handle.close();
    throw refused(path, why);
  }
  return handle;
}

/** The bytes of a file of ours, or undefined when there is none; a link or any other kind of file throws. */
export async function readOwnFile(path: string): Promise<Uint8Array | undefined> {
  const handle = await openOwn(path, constants.O_RDONLY);
  if (!handle) return undefined;
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/**
 * Overwrites a file of ours with zeros and fsyncs it before it is unlinked (meaningful on magnetic media
 * only). A link, or a file that is not ours, is unlinked without a byte written through it.
 */
export async function overwriteAndRemove(path: string): Promise<void> {
  let st: Stats;
  try {
    st = await lstat(path);
  } catch (e) {
    if (code(e) === 'ENOENT') return;
    throw e;
  }
  if (foreign(st, true) === null) {
    let handle: FileHandle | undefined;
    try {
      handle = await openOwn(path, constants.O_RDWR, true);
    } catch (e) {
      // Swapped for something else since the lstat: remove the name, write nothing.
      if (!(e instanceof PassgateError)) throw e;
    }
    if (handle) {
      try {
        const { size } = await handle.stat();
        await handle.write(new Uint8Array(size), 0, size, 0);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  }
  if (st.isDirectory()) return; // never ours: left for the operator
  await rm(path, { force: true });
}
