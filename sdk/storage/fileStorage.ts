import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import { watch as watchDirectory, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { KeyStore, RecordName, StorageAdapter, StorageChange, StoredRecord } from './storageAdapter.js';
import { clearStaleLock, withFileLock } from './fileLock.js';
import { Mutex } from './mutex.js';
import { isTemporaryFile, sweepTemporaryFiles, writeFileAtomically } from './atomicFile.js';
import { importStorageKey, randomBytes } from './storageKey.js';
import { PassgateError } from '../errors.js';
import { overwriteAndRemove, readOwnFile } from './ownFile.js';

const RECORD_FILE: Readonly<Record<RecordName, string>> = { state: 'state.pgs', anchor: 'anchor.pgs', log: 'log.pgs' };
const LOCK_FILE = '.lock';
const KEY_FILE = 'storage.key';
/** Files of Passgate 0.1 (plaintext), removed by destroy() too. */
const LEGACY_FILES = ['trust.json', 'scan-log.json'];

/**
 * The storage key in a file of its own (mode 0600): 32 random bytes, imported as a non-extractable
 * CryptoKey. Put it on another medium than the data where the device has one (options.keyFile), or
 * keep the key in the platform's keystore with your own KeyStore.
 */
export class FileKeyStore implements KeyStore {
  /** `'key-file'`. */
  readonly kind = 'key-file';
  /**
   * A key store in one file; nothing is read or written until the verifier asks.
   *
   * @param path - The key file; its directory is created (mode 0700) with the key.
   */
  constructor(
    /** The key file. */
    readonly path: string,
  ) {}

  async load(): Promise<CryptoKey | undefined> {
    const raw = await readOwnFile(this.path);
    if (raw === undefined) return undefined;
    if (raw.length !== 32) throw new PassgateError('STORAGE_FAILED', `the key file ${this.path} is not a 32-byte key`);
    return importStorageKey(new Uint8Array(raw));
  }

  async create(): Promise<CryptoKey> {
    const raw = randomBytes(32);
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomically(dir, basename(this.path), raw);
    return importStorageKey(raw);
  }

  async destroy(): Promise<void> {
    await overwriteAndRemove(this.path);
  }
}

/** Options of {@link FileStorage}. */
export interface FileStorageOptions {
  /** Where the storage key is kept (default: `storage.key` in the directory). */
  readonly keyFile?: string;
  /** How long an update waits for another process's update on the same directory (default 30 s). */
  readonly lockTimeoutMs?: number;
}

/** Processes' verifiers on one directory also share one in-process queue (cheaper than the lock file). */
const directoryMutexes = new Map<string, Mutex>();

/**
 * A directory of files on a device (gate, transit reader), created with mode 0700. Records are
 * replaced atomically; one writer at a time across processes (a lock file); temporary files of
 * writers that were killed are removed at open; destroy() removes every file Passgate wrote there,
 * and the directory when nothing else is in it.
 */
export class FileStorage implements StorageAdapter {
  /** `'files'`. */
  readonly kind = 'files';
  /** The directory, resolved to an absolute path. */
  readonly dir: string;
  private readonly keyFile: string;
  private readonly lockTimeoutMs: number;
  private readonly mutex: Mutex;
  private destroyed = false;
  private swept: Promise<void> | undefined;

  /**
   * A store in a directory; nothing is touched until the verifier first reads or writes.
   *
   * @param dir - The directory (created with mode 0700 on the first write). One directory per verifier
   *   configuration: verifiers sharing it share their lists.
   * @param options - Where the key file is, and how long to wait for another process's lock.
   * @throws {@link PassgateError} `BAD_ARGUMENT` for an empty or missing path.
   */
  constructor(dir: string, options: FileStorageOptions = {}) {
    if (typeof dir !== 'string' || dir.length === 0) throw new PassgateError('BAD_ARGUMENT', 'FileStorage needs a directory path');
    this.dir = resolve(dir);
    this.keyFile = resolve(options.keyFile ?? join(this.dir, KEY_FILE));
    this.lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
    let mutex = directoryMutexes.get(this.dir);
    if (!mutex) directoryMutexes.set(this.dir, (mutex = new Mutex()));
    this.mutex = mutex;
  }

  /** Sweeps what killed writers left behind (temporary files, a lock), once. */
  private sweep(): Promise<void> {
    this.swept ??= (async () => {
      await sweepTemporaryFiles(this.dir);
      await clearStaleLock(join(this.dir, LOCK_FILE));
    })();
    return this.swept;
  }

  private async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.sweep();
  }

  private live(): void {
    if (this.destroyed) throw new PassgateError('DESTROYED', `the store in ${this.dir} has been destroyed`);
  }

  async read(name: RecordName): Promise<Uint8Array | undefined> {
    await this.sweep();
    return readOwnFile(join(this.dir, RECORD_FILE[name]));
  }

  async write(records: readonly StoredRecord[]): Promise<void> {
    this.live();
    await this.open();
    for (const r of records) {
      this.live();
      await writeFileAtomically(this.dir, RECORD_FILE[r.name], r.bytes);
    }
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.live();
      await this.open();
      return withFileLock(join(this.dir, LOCK_FILE), this.lockTimeoutMs, task);
    });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.watcher?.close();
    const names = [...Object.values(RECORD_FILE), ...LEGACY_FILES];
    for (const n of names) await overwriteAndRemove(join(this.dir, n));
    await sweepTemporaryFiles(this.dir, true);
    let rest: string[] = [];
    try {
      rest = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    for (const n of rest) if (n === LOCK_FILE || n === `${LOCK_FILE}.break` || isTemporaryFile(n)) await rm(join(this.dir, n), { force: true });
    // The directory goes too when it holds nothing else (it was made for this store).
    try {
      await rmdir(this.dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
    }
  }

  private watcher: FSWatcher | undefined;

  watch(listener: (change: StorageChange) => void): () => void {
    let watcher: FSWatcher;
    try {
      watcher = watchDirectory(this.dir, { persistent: false }, (_event, file) => {
        if (this.destroyed) return;
        if (file === RECORD_FILE.anchor) listener('saved');
        else if (file === KEY_FILE || file === null) void this.keyGone().then((gone) => { if (gone) listener('destroyed'); });
      });
    } catch {
      return () => undefined; // no directory yet: updates are also picked up before each write
    }
    watcher.on('error', () => watcher.close());
    this.watcher = watcher;
    return () => watcher.close();
  }

  private async keyGone(): Promise<boolean> {
    try {
      return (await readOwnFile(this.keyFile)) === undefined && (await this.read('anchor')) === undefined;
    } catch {
      return false; // a key or anchor that cannot be read is not a destruction: the next update reports it
    }
  }

  defaultKeyStore(): KeyStore {
    return new FileKeyStore(this.keyFile);
  }
}
