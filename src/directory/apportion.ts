// Largest-remainder apportionment: splits a whole total in proportion to weights, summing exactly to the total.

/**
 * Shares of `total` proportional to `weights` (whole numbers that add up to `total`). With `minimum`, every
 * share gets at least that much first (when the total allows it), and the rest is split by weight.
 */
export function apportion(weights: readonly number[], total: number, minimum = 0): number[] {
  if (weights.length === 0) return [];
  const floor = total >= minimum * weights.length ? minimum : 0;
  const rest = total - floor * weights.length;
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const exact = weights.map((w) => (weightSum > 0 ? (rest * w) / weightSum : rest / weights.length));
  const shares = exact.map((x) => Math.floor(x));
  let left = rest - shares.reduce((sum, s) => sum + s, 0);
  // Ties go to the earlier index, so the result depends only on the inputs.
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares.map((s) => s + floor);
}
