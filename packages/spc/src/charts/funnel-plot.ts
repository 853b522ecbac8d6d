import { SpcError } from "../core/spc-error.js";
import type { PartLayout, SubgroupColumns } from "./limits/chart-columns.type.js";
import { computeChartColumns, multiplyAndClean } from "./limits/chart-limits.js";
import { laneySigmaZ } from "./limits/laney-sigma-z.js";
import { proportionSigma } from "./limits/p-chart.js";
import { rateSigma } from "./limits/u-chart.js";

/** A unit compared on a funnel plot: a ward, a hospital, a surgeon. */
export interface FunnelUnit {
  readonly id: string;
  /** Events (deaths, infections, patients escalated on time). */
  readonly numerator: number;
  /** Patients, admissions or exposure days; must be > 0. */
  readonly denominator: number;
}

/** Funnel chart types: proportions (p, Laney p′) and rates (u, Laney u′). */
export type FunnelChartType = "p" | "pp" | "u" | "up";

export interface FunnelPlotOptions {
  readonly chart: FunnelChartType;
  /** Multiplies values, centre line and limits (100 for percent, 1000 for per 1000). Default 1. */
  readonly multiply?: number;
  /** A known centre line (a national rate, in the unmultiplied scale) instead of the pooled one. */
  readonly centreLine?: number;
}

/** One unit's position, limits at its own denominator, and whether it lies outside them. */
export interface FunnelPoint {
  readonly id: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly y: number;
  readonly cl: number;
  readonly lcl: number | null;
  readonly ucl: number | null;
  readonly lcl95: number | null;
  readonly ucl95: number | null;
  /** "high" above the 3σ upper limit, "low" below the lower one, otherwise null. */
  readonly signal: "high" | "low" | null;
}

/** Funnel limits at any denominator, for drawing the funnel's curves. */
export interface FunnelLimits {
  readonly lcl: number | null;
  readonly ucl: number | null;
  readonly lcl95: number | null;
  readonly ucl95: number | null;
}

export interface FunnelPlot {
  readonly chart: FunnelChartType;
  /** Pooled Σnumerator/Σdenominator (or the given centre line), multiplied. */
  readonly cl: number;
  /** Laney's between-unit σ_z = sd(z) for p′ and u′; 1 for p and u. */
  readonly sigmaZ: number;
  /** Units in input order. */
  readonly units: readonly FunnelPoint[];
  /** The limits a unit with this denominator would have: the funnel's curves. */
  limitsAt(denominator: number): FunnelLimits;
}

/**
 * A funnel plot comparing units: each unit's proportion or rate against the pooled centre line, with
 * 3σ (and 2σ) limits that narrow as the denominator grows. With the prime charts, limits widen by
 * Laney's σ_z = sd(z), the spread of the units' z-scores, for over-dispersed data.
 *
 * This is qicharts2's `qic()` with categorical x, through the same limit code (p, p′, u, u′ with
 * `categorical: true`): a unit's limits equal those of its row in `qic(x = unit, …)`. qicharts2 sorts
 * units alphabetically and reports no runs signal (order carries no meaning); here units keep the
 * input order and there are no runs statistics at all.
 *
 * Sources: qicharts2 0.8.1 `qic.p`/`qic.pp`/`qic.u`/`qic.up`; Spiegelhalter (2005), "Funnel plots for
 * comparing institutional performance", Stat Med 24:1185–1202; Laney (2002).
 *
 * @example
 * const plot = funnelPlot(
 *   [{ id: "A", numerator: 12, denominator: 400 }, { id: "B", numerator: 30, denominator: 500 }, …],
 *   { chart: "p", multiply: 100 },
 * );
 * plot.units[1]; // { id: "B", y: 6, cl: 4.1, lcl: 1.4, ucl: 6.8, …, signal: null }
 * plot.limitsAt(1000); // the funnel at n = 1000
 */
export function funnelPlot(units: readonly FunnelUnit[], options: FunnelPlotOptions): FunnelPlot {
  const chart = options.chart;
  if (!["p", "pp", "u", "up"].includes(chart)) {
    throw new SpcError(
      "UNKNOWN_CHART",
      `chart: a funnel plot is p, pp, u or up, got "${String(chart)}"`,
      "chart",
    );
  }
  const multiply = options.multiply ?? 1;
  if (!(Number.isFinite(multiply) && multiply > 0)) {
    throw new SpcError("INVALID_OPTION", `multiply: must be a positive number, got ${multiply}`, "multiply");
  }
  if (!isList(units) || units.length === 0)
    throw new SpcError("EMPTY_SERIES", "units: no units to compare", "units");
  const proportion = chart === "p" || chart === "pp";
  const m = units.length;
  const data: SubgroupColumns = {
    y: new Float64Array(m),
    ySum: new Float64Array(m),
    yLength: new Float64Array(m).fill(1),
    yMean: new Float64Array(m),
    ySd: new Float64Array(m).fill(Number.NaN),
    n: new Float64Array(m),
  };
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.id)) throw new SpcError("DUPLICATE_UNIT", `units[${i}].id: "${u.id}" appears twice`, "id");
    seen.add(u.id);
    const y = u.numerator;
    const n = u.denominator;
    if (!Number.isFinite(y) || !Number.isFinite(n)) {
      throw new SpcError(
        "INVALID_NUMBER",
        `units[${i}]: numerator and denominator must be finite numbers`,
        "numerator",
      );
    }
    if (y < 0) throw new SpcError("NEGATIVE_COUNT", `units[${i}].numerator: ${y} is negative`, "numerator");
    if (!(n > 0))
      throw new SpcError("ZERO_DENOMINATOR", `units[${i}].denominator: must be > 0, got ${n}`, "denominator");
    if (proportion && y > n) {
      throw new SpcError(
        "NUMERATOR_EXCEEDS_DENOMINATOR",
        `units[${i}].numerator: ${y} out of ${n}`,
        "numerator",
      );
    }
    data.y[i] = y / n;
    data.ySum[i] = y;
    data.yMean[i] = y;
    data.n[i] = n;
  });
  let fixed = Number.NaN;
  if (options.centreLine !== undefined) {
    if (!Number.isFinite(options.centreLine)) {
      throw new SpcError("INVALID_OPTION", "centreLine: must be a finite number", "centreLine");
    }
    fixed = options.centreLine;
  }
  const layout: PartLayout = { base: new Uint8Array(m).fill(1), fixedCl: new Float64Array(m).fill(fixed) };
  const limitOptions = { screenMovingRanges: false, categorical: true };
  const columns = computeChartColumns(chart, data, layout, [0], limitOptions);
  const cl = columns.cl[0]!;
  const sigmaOf = (n: number): number => (proportion ? proportionSigma(cl, n) : rateSigma(cl, n));
  const sigmaZ =
    chart === "pp" || chart === "up"
      ? laneySigmaZ(data, layout, 0, m, columns, (i) => sigmaOf(data.n[i]!), limitOptions)
      : 1;
  multiplyAndClean(columns, multiply);

  const points: FunnelPoint[] = units.map((u, i) => {
    const y = columns.y[i]!;
    const ucl = nullable(columns.ucl[i]!);
    const lcl = nullable(columns.lcl[i]!);
    return {
      id: u.id,
      numerator: u.numerator,
      denominator: u.denominator,
      y,
      cl: columns.cl[i]!,
      lcl,
      ucl,
      lcl95: nullable(columns.lcl95[i]!),
      ucl95: nullable(columns.ucl95[i]!),
      signal: ucl !== null && y > ucl ? "high" : lcl !== null && y < lcl ? "low" : null,
    };
  });
  return {
    chart,
    cl: cl * multiply,
    sigmaZ,
    units: points,
    limitsAt(denominator: number): FunnelLimits {
      const s = sigmaOf(denominator) * sigmaZ;
      const bound = (k: number): number | null => {
        let v = cl + k * s;
        if (v < 0 && v !== -Infinity) v = 0;
        if (proportion && v > 1 && v !== Infinity) v = 1;
        return nullable(v * multiply);
      };
      return { lcl: bound(-3), ucl: bound(3), lcl95: bound(-2), ucl95: bound(2) };
    },
  };
}

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Array.isArray without narrowing a readonly array to any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
