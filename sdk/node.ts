/**
 * Everything of `passgate`, plus what only Node has: {@link FileStorage} (a directory of sealed files) and
 * explain, loaded (devices explain results as they come, verify(..., { explain: true }); no bundle to keep
 * small here). Exists only under the package's `node` condition.
 *
 * @module passgate/node
 */
import './explain/index.js';
export { FileStorage, FileKeyStore } from './storage/fileStorage.js';
export type { FileStorageOptions } from './storage/fileStorage.js';
export * from './index.js';
