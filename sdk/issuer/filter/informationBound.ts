/**
 * The information-theoretic bound of a revocation filter: naming R revoked keys among N costs at
 * least log2 C(N, R) bits. Issuers (and the benchmark) weigh a filter's bytes against it.
 */

/** ln Γ(x + 1) - (x ln x - x + ln(2πx) / 2): Stirling's series, for x >= 10 (error below 1e-15). */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x2 * x2 * x) - 1 / (1680 * x2 * x2 * x2 * x);
}

/**
 * log2 C(n, k) for integers 0 <= k <= n (n up to 2^53), to about 12 significant digits.
 *
 * @param n - Items in all.
 * @param k - Items chosen.
 * @throws RangeError unless 0 <= k <= n are safe integers.
 */
export function log2Binomial(n: number, k: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(k) || k < 0 || k > n) throw new RangeError(`C(${n}, ${k}) is not a binomial coefficient`);
  const small = Math.min(k, n - k);
  if (small === 0) return 0;
  if (small < 10) {
    // Few factors: sum them exactly as written.
    let ln = 0;
    for (let i = 0; i < small; i++) ln += Math.log((n - i) / (i + 1));
    return ln / Math.LN2;
  }
  const rest = n - small;
  // n ln n - k ln k - (n-k) ln(n-k), rearranged so that nothing large cancels.
  const main = small * Math.log(n / small) - rest * Math.log1p(-small / n);
  const ln = main + 0.5 * Math.log(n / (2 * Math.PI * small * rest)) + stirlingTail(n) - stirlingTail(small) - stirlingTail(rest);
  return ln / Math.LN2;
}

/**
 * The least bytes any structure naming `revoked` keys among `universe` can take: log2 C(N, R) / 8.
 *
 * @param universe - N, the keys the filter answers for.
 * @param revoked - R, the revoked ones among them.
 * @throws RangeError unless 0 <= revoked <= universe are safe integers.
 */
export function filterBoundBytes(universe: number, revoked: number): number {
  return log2Binomial(universe, revoked) / 8;
}
