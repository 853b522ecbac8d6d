import type { ChartFrame, TypedChartFrame } from "../../core/chart-frame.type.js";

/**
 * A ChartFrame in typed columns, so a rule set has one algorithm (on the typed frame) whichever form it is
 * given: `null` (or a missing entry) becomes NaN, `include` true becomes 1. Every column is as long as `y`.
 *
 * @example
 * typedFrameOf(chart.frame).y; // Float64Array with NaN where chart.frame.y has null
 */
export function typedFrameOf(frame: ChartFrame): TypedChartFrame {
  const n = frame.y.length;
  const segment = new Int32Array(n);
  const include = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    segment[i] = frame.segment[i] ?? 0;
    include[i] = frame.include[i] === true ? 1 : 0;
  }
  return {
    y: numbers(frame.y, n),
    cl: numbers(frame.cl, n),
    lcl: numbers(frame.lcl, n),
    ucl: numbers(frame.ucl, n),
    lcl95: numbers(frame.lcl95, n),
    ucl95: numbers(frame.ucl95, n),
    segment,
    include,
  };
}

function numbers(values: readonly (number | null)[], n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i] ?? Number.NaN;
  return out;
}
