/**
 * A FileStorage on a disk that fills up on demand: while `full`, every write fails as a full disk fails
 * (an errno error, ENOSPC), taking the lock included (the lock file cannot be written either).
 */
import type { StorageAdapter, StoredRecord } from '../../sdk/index.js';

export function noSpace(syscall = 'write'): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { code: 'ENOSPC', errno: -28, syscall });
}

export class FullDiskStorage implements StorageAdapter {
  readonly kind = 'full-disk';
  full = false;
  constructor(private readonly inner: StorageAdapter) {}
  read: StorageAdapter['read'] = (name) => this.inner.read(name);
  async write(records: readonly StoredRecord[]): Promise<void> {
    if (this.full) throw noSpace();
    await this.inner.write(records);
  }
  exclusive: StorageAdapter['exclusive'] = (task) => (this.full ? Promise.reject(noSpace('open')) : this.inner.exclusive(task));
  destroy: StorageAdapter['destroy'] = () => this.inner.destroy();
  defaultKeyStore = (): ReturnType<NonNullable<StorageAdapter['defaultKeyStore']>> => this.inner.defaultKeyStore!();
}
