import { mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanLogEntry, StorageAdapter, StoredTrust } from './storageAdapter.js';
import { parseLog, parseTrust, serialiseTrust } from './storedFormat.js';

const TRUST_FILE = 'trust.json';
const LOG_FILE = 'scan-log.json';

/** Writes a file so that readers see the old or the new content, never a mix: temp file, fsync, rename. */
async function writeAtomically(dir: string, name: string, text: string): Promise<void> {
  const tmp = join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, name));
  // Make the rename itself durable.
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * A directory of files on a device (gate, transit reader), created with mode 0700; destroy() overwrites
 * and removes the files, and the directory when nothing else is in it.
 */
export class FileStorage implements StorageAdapter {
  readonly kind = 'files';
  constructor(readonly dir: string) {}

  private async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  async load(): Promise<StoredTrust | undefined> {
    const text = await readIfExists(join(this.dir, TRUST_FILE));
    return text === undefined ? undefined : parseTrust(text);
  }

  async save(state: StoredTrust): Promise<void> {
    await this.ensureDir();
    await writeAtomically(this.dir, TRUST_FILE, serialiseTrust(state));
  }

  async loadLog(): Promise<ScanLogEntry[]> {
    const text = await readIfExists(join(this.dir, LOG_FILE));
    return text === undefined ? [] : parseLog(text);
  }

  async saveLog(entries: readonly ScanLogEntry[]): Promise<void> {
    await this.ensureDir();
    await writeAtomically(this.dir, LOG_FILE, JSON.stringify(entries));
  }

  async destroy(): Promise<void> {
    // Overwrite before unlinking: a later reader of the raw blocks finds zeros, not lists or logs.
    for (const name of [TRUST_FILE, LOG_FILE]) {
      const path = join(this.dir, name);
      try {
        const { size } = await stat(path);
        const h = await open(path, 'r+');
        try {
          await h.write(new Uint8Array(size), 0, size, 0);
          await h.sync();
        } finally {
          await h.close();
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    for (const name of [TRUST_FILE, LOG_FILE]) await rm(join(this.dir, name), { force: true });
    // The directory goes too when it holds nothing else (it was made for this store).
    try {
      await rmdir(this.dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
    }
  }
}
