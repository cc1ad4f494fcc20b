/** A storage adapter that keeps a copy of every byte written through it: what reached the medium. */
import type { StorageAdapter, StoredRecord } from '../../sdk/index.js';

export class RecordingStorage implements StorageAdapter {
  readonly kind = 'recording';
  readonly written: Uint8Array[] = [];
  constructor(private readonly inner: StorageAdapter) {}
  read: StorageAdapter['read'] = (name) => this.inner.read(name);
  async write(records: readonly StoredRecord[]): Promise<void> {
    for (const r of records) this.written.push(r.bytes.slice());
    await this.inner.write(records);
  }
  exclusive: StorageAdapter['exclusive'] = (task) => this.inner.exclusive(task);
  destroy: StorageAdapter['destroy'] = () => this.inner.destroy();
  defaultKeyStore = (): ReturnType<NonNullable<StorageAdapter['defaultKeyStore']>> => this.inner.defaultKeyStore!();
}

export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(Buffer.from(needle));
}
