// Node-only additions (devices: gates, transit readers): storage in a directory of files.
export { FileStorage, FileKeyStore } from './storage/fileStorage.js';
export type { FileStorageOptions } from './storage/fileStorage.js';
export * from './index.js';
