/**
 * A verifier's life: open, then closed (close(): data kept) or destroyed (destroy(): data gone).
 * Asynchronous work is tracked so that close() and destroy() first refuse new work, then wait for the
 * work in flight: nothing is written after destroy() resolves.
 */
import { PassgateError } from '../errors.js';

export type LifecycleState = 'open' | 'closing' | 'closed' | 'destroying' | 'destroyed';

export class Lifecycle {
  private state: LifecycleState = 'open';
  private readonly inFlight = new Set<Promise<unknown>>();

  get current(): LifecycleState {
    return this.state;
  }

  /** Throws unless the verifier is open. */
  check(): void {
    if (this.state === 'open') return;
    if (this.state === 'destroying' || this.state === 'destroyed') throw new PassgateError('DESTROYED', 'this verifier has been destroyed');
    throw new PassgateError('CLOSED', 'this verifier has been closed');
  }

  /** Runs asynchronous work if open, and remembers it until it settles. */
  track<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.check();
    } catch (e) {
      return Promise.reject(e);
    }
    const p = work();
    this.inFlight.add(p);
    const forget = (): void => { this.inFlight.delete(p); };
    p.then(forget, forget);
    return p;
  }

  /** Moves to `closing`/`destroying` (refusing new work), then waits for the work in flight. */
  async end(to: 'closing' | 'destroying'): Promise<void> {
    this.state = to;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  finish(state: 'closed' | 'destroyed'): void {
    this.state = state;
  }
}
