// Node-only additions (devices: gates, transit readers): storage in a directory of files.
export { FileStorage } from './storage/fileStorage.js';
export * from './index.js';
