/**
 * Typed listeners. A listener that throws does not stop the scanner or the other listeners: its error
 * is reported as uncaught (reportError where there is one), where the app's error handling sees it.
 */
type Listener<T> = (value: T) => void;

/** Reports an error as uncaught: the app's own error handling (window 'error') sees it. */
export function reportUncaught(error: unknown): void {
  const reportError = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (reportError) reportError(error);
  else queueMicrotask(() => {
    throw error;
  });
}

export class TypedEvents<EventMap> {
  private readonly listeners = new Map<keyof EventMap, Set<Listener<never>>>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof EventMap>(type: K, listener: Listener<EventMap[K]>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => void set.delete(listener as Listener<never>);
  }

  emit<K extends keyof EventMap>(type: K, value: EventMap[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        (listener as Listener<EventMap[K]>)(value);
      } catch (e) {
        reportUncaught(e);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
