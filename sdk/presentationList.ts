/**
 * verifyBatch's inputs, checked and copied when the call is made: every item a string or a Uint8Array
 * (as verify() takes them), in an array of the caller's that later changes cannot reach. Checked item by
 * item as they are copied, so an array-like or a sparse array with a huge `length` fails at its first
 * bad item and never sizes anything.
 */
import { PassgateError } from './errors.js';

const described = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x);

/** A copy of `inputs`; BAD_ARGUMENT naming the first item (or the container) that is not a presentation. */
export function presentationList(inputs: unknown): (string | Uint8Array)[] {
  if (!Array.isArray(inputs)) {
    throw new PassgateError('BAD_ARGUMENT', `verifyBatch takes an array of presentations (strings or Uint8Arrays), not ${described(inputs)}`);
  }
  const copy: (string | Uint8Array)[] = [];
  const n = inputs.length;
  for (let i = 0; i < n; i++) {
    const x: unknown = inputs[i];
    if (typeof x !== 'string' && !(x instanceof Uint8Array)) {
      throw new PassgateError('BAD_ARGUMENT', `inputs[${i}] is ${described(x)}: a presentation is a string or a Uint8Array`);
    }
    copy.push(x);
  }
  return copy;
}
