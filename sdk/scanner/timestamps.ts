/**
 * One clock for the page and its workers: milliseconds since the Unix epoch at sub-millisecond
 * resolution. performance.now() alone starts afresh in every worker; adding each context's timeOrigin
 * puts a frame's arrival (worker) and its decision (page) on the same axis.
 */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
