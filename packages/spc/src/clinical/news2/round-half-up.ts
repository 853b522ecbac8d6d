/**
 * Rounds a non-negative reading half-up **on its decimal representation** to 0 or 1 decimal places and
 * returns it in units of the last kept digit (integers for 0 places, tenths for 1), the platform policy of
 * INDICATORS.md §1.4.
 *
 * Why not `Math.round(x * 10) / 10`: binary doubles make `38.05 * 10` land on either side of 380.5, so the
 * same charted reading would score differently by accident (§1.4 compares JavaScript and Python).
 * The comparison below is exact without building a string: IEEE division is correctly rounded, so
 * `(2n + 1) / 20` is the double nearest the decimal tie n.5 tenths; the shortest decimal that reads back
 * as `x` is at or above that tie exactly when `x` is, because rounding decimal to double is monotonic.
 *
 * @example
 * roundHalfUpUnits(35.05, 1); // 351  (35.1 °C)
 * roundHalfUpUnits(35.04, 1); // 350  (35.0 °C)
 * roundHalfUpUnits(20.5, 0);  // 21
 */
export function roundHalfUpUnits(x: number, decimals: 0 | 1): number {
  if (decimals === 0) {
    const n = Math.floor(x);
    // n + 0.5 is exact for every reading in range, so this comparison is the decimal comparison.
    return x >= n + 0.5 ? n + 1 : n;
  }
  // floor(x * 10) may be off by one next to an integer; the tie test below is taken between n and n + 1
  // and gives the right answer in both cases (see the proof in the TSDoc).
  const n = Math.floor(x * 10);
  return x >= (2 * n + 1) / 20 ? n + 1 : n;
}

/**
 * {@link roundHalfUpUnits} returned in the reading's own unit: what the paper chart would show.
 *
 * @example
 * roundHalfUp(36.05, 1); // 36.1
 */
export function roundHalfUp(x: number, decimals: 0 | 1): number {
  const units = roundHalfUpUnits(x, decimals);
  return decimals === 0 ? units : units / 10;
}
