/**
 * Ranks of `x` (1 = smallest) with ties given the average of the ranks they span, as R's
 * `rank(x, ties.method = "average")`, which FunnelPlotR's SHMI truncation uses (`R/od_adjustment.R`).
 * Equal values must compare equal: pass no NaN.
 *
 * @example
 * averageRanks([10, 20, 20, 5]); // [2, 3.5, 3.5, 1]
 */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => (x[a] as number) - (x[b] as number));
  const ranks = new Array<number>(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1] as number] === x[order[i] as number]) j++;
    // Positions i..j (0-based) share ranks i+1..j+1, whose mean is (i + j) / 2 + 1.
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}
