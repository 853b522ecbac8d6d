import { SpcError } from "../../core/spc-error.js";
import type { PartCalculation } from "./chart-columns.type.js";
import { individualsLimits } from "./i-chart.js";

/** The power transformation that makes exponential times roughly normal (Nelson 1994). */
export const T_CHART_POWER = 3.6;

/**
 * t chart (time between rare events): an I chart of y′ = y^(1/3.6), screening included, with the centre
 * line and limits transformed back by ^3.6; a lower limit that is negative or undefined in the
 * transformed scale becomes 0 (the 95% lower line is left undefined instead, as in qicharts2).
 *
 * Times must be > 0: qicharts2 stops with "Time between events must be greater than zero", and so does
 * this (`SpcError` code `NON_POSITIVE_TIME`).
 *
 * Source: qicharts2 0.8.1 `qic.t`; Nelson (1994), "A control chart for parts-per-million nonconforming
 * items", JQT 26(3); Montgomery, 6th ed., §7.3.5. A fixed `cl` is used as given in the transformed scale,
 * as qicharts2 does (the idiomatic API transforms it first).
 *
 * @example
 * // y = 8, 27, 64 → y′ = 8^(1/3.6) … ; cl = mean(y′)^3.6; ucl = (cl′ + 3·AMR′/1.128)^3.6
 */
export const tChartLimits: PartCalculation = (data, layout, from, to, out, options) => {
  let min = Infinity;
  for (let i = from; i < to; i++) {
    const v = data.y[i]!;
    if (v < min) min = v;
  }
  if (min <= 0) {
    throw new SpcError(
      "NON_POSITIVE_TIME",
      `t chart: times between events must be greater than zero, got ${min}`,
      "y",
    );
  }
  const transformed = new Float64Array(to);
  for (let i = from; i < to; i++) transformed[i] = Math.pow(data.y[i]!, 1 / T_CHART_POWER);
  individualsLimits(transformed, layout, from, to, out, options.screenMovingRanges);
  for (let i = from; i < to; i++) {
    out.y[i] = Math.pow(transformed[i]!, T_CHART_POWER);
    out.n[i] = data.n[i]!;
    out.cl[i] = Math.pow(out.cl[i]!, T_CHART_POWER);
    out.ucl[i] = Math.pow(out.ucl[i]!, T_CHART_POWER);
    out.ucl95[i] = Math.pow(out.ucl95[i]!, T_CHART_POWER);
    out.lcl95[i] = Math.pow(out.lcl95[i]!, T_CHART_POWER);
    const lcl = Math.pow(out.lcl[i]!, T_CHART_POWER);
    out.lcl[i] = lcl < 0 || Number.isNaN(lcl) ? 0 : lcl;
  }
};
