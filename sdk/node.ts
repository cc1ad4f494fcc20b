// Node-only additions (devices: gates, transit readers): storage in a directory of files, and explain.
// Devices explain results as they come (verify(..., { explain: true })): no bundle to keep small here.
import './explain/index.js';
export { FileStorage, FileKeyStore } from './storage/fileStorage.js';
export type { FileStorageOptions } from './storage/fileStorage.js';
export * from './index.js';
