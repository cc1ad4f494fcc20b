// Child process for the crash test: saves two large states alternately through FileStorage, forever,
// until it is killed with SIGKILL at an arbitrary moment.
import { FileStorage } from '../../dist/sdk/storage/fileStorage.js';

const dir = process.argv[2];
const store = new FileStorage(dir);
const big = (fill) => new Uint8Array(4 * 1024 * 1024).fill(fill);
const states = [
  { trustLists: [new Uint8Array([1, 1, 1])], revocationLists: [big(0xaa)], etags: { which: 'A' } },
  { trustLists: [new Uint8Array([2, 2, 2])], revocationLists: [big(0xbb)], etags: { which: 'B' } },
];
process.send?.('ready');
for (let i = 0; ; i++) await store.save(states[i % 2]);
