/** A worker thread of a streaming filter build (Node worker_threads): runs the tasks it is sent, in order. */
import { parentPort } from 'node:worker_threads';
import { FilterTaskRunner, transferables, type FilterTask } from './filterTasks.js';

const runner = new FilterTaskRunner();
parentPort!.on('message', (task: FilterTask) => {
  const result = runner.run(task);
  parentPort!.postMessage(result, transferables(result));
});
