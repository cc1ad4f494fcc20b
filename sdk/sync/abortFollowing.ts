/** One abort controller that follows others' signals: a sync ends when its caller or its verifier ends it. */

/** Aborts `controller` when any of `signals` aborts (at once if one has); returns the unsubscribe. */
export function abortFollowing(controller: AbortController, ...signals: (AbortSignal | undefined)[]): () => void {
  const followed = signals.filter((s): s is AbortSignal => s !== undefined);
  const subscriptions = followed.map((s) => {
    const abort = (): void => controller.abort(s.reason);
    if (s.aborted) abort();
    else s.addEventListener('abort', abort, { once: true });
    return () => s.removeEventListener('abort', abort);
  });
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}
