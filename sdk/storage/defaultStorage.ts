import type { StorageAdapter } from './storageAdapter.js';
import { IndexedDbStorage } from './indexedDbStorage.js';
import { MemoryStorage } from './memoryStorage.js';

/** IndexedDB where the platform has it (browsers, workers), memory elsewhere (Node: pass a FileStorage). */
export function defaultStorage(): StorageAdapter {
  return typeof indexedDB !== 'undefined' ? new IndexedDbStorage() : new MemoryStorage();
}
