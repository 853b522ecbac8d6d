import { assuranceIcon } from "../mdc/assurance-icon.js";
import {
  MDC_DEFAULT_SHIFT_LENGTH,
  MDC_DEFAULT_TREND_LENGTH,
  type MdcPointType,
  type MdcSpecialCauseCode,
} from "../mdc/mdc.type.js";
import { SIGN_NA } from "../mdc/mdc-point-flags.js";
import { mdcPointType, mdcSpecialCauseLabel } from "../mdc/mdc-point-type.js";
import { evaluateMdcXmr } from "../mdc/mdc-xmr.js";
import { SHORT_GROUP_WARNING_MESSAGE } from "../mdc/short-group-warning.js";
import { planPtdSpc, type PtdFacet, type PtdSpcArgs, type PtdSpcInput } from "./ptd-spc.input.js";

export type { PtdFacet, PtdSpcArgs, PtdSpcInput } from "./ptd-spc.input.js";

/** One row of NHSRplotthedots output. Missing values (NA, NaN) are `null`. */
export type PtdRow = Readonly<Record<string, string | number | boolean | null>>;

/** A `ptd_spc()` call: the fields of a reference case (`args`, `input`, and optionally `options`). */
export interface PtdSpcCall {
  readonly args: PtdSpcArgs;
  readonly input: PtdSpcInput;
  /** R options; only `ptd_spc.warning_threshold` (default 13) is read. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface PtdSpcResult {
  /**
   * The `ptd_spc_df`, one row per input row, sorted by facet then date: `y`, `x`, `f`, `trajectory`,
   * `rebase_group`, `short_group_warning`, `fix_y`, `mean_col`, `lpl`, `upl`, `outside_limits`,
   * `relative_to_mean`, `close_to_limits`, `special_cause_type`, `special_cause_flag`, `point_type`, `target`.
   */
  readonly points: PtdRow[];
  /** `summary()`: one row per facet × rebase group. */
  readonly summary: PtdRow[];
  /** Facet → point_type of its last point (what the variation icon shows). */
  readonly variation: Record<string, MdcPointType>;
  /** Facet → assurance type, `null` without a target or with a neutral direction. */
  readonly assurance: Record<string, string | null>;
  /** Warnings R would raise (the short-group "trial limits" warning). */
  readonly warnings: string[];
}

/**
 * NHSRplotthedots 0.2.2 `ptd_spc()` with its argument names in and its column names out (INTERFACES.md C3),
 * reproducing the package, quirks included (SPC-REFERENCE.md §2–3):
 *
 * - rows are sorted by facet (numbers numerically, strings in C-locale order, as dplyr's `arrange`) then date;
 * - limits per facet × rebase group: mean ± 2.66·AMR, MRs ≥ 3.267·AMR screened unless `screen_outliers = FALSE`,
 *   only the first `fix_after_n_points` rows of each group feeding them; rebase groups count the rebase dates seen
 *   so far in the facet, so a rebase on a facet's first date makes its groups start at 1;
 * - the four rules inside each group with priority outside > trend > 2-of-3 > shift; a point on the mean or a
 *   missing value breaks a shift; a trend point's label follows the next step when the next point is also in a
 *   trend (a tie there reads "Decreasing");
 * - a trend window with a missing value whose known steps all go one way stops R with an error, and stops this
 *   function with `SpcError` `UNDECIDABLE_TREND`;
 * - assurance from the last row of each facet; a facet left out of a per-facet target is "inconsistent";
 * - groups with fewer than 13 rows (`options["ptd_spc.warning_threshold"]`) get `short_group_warning` and the
 *   package's warning, which says "n < 12".
 *
 * @throws SpcError with the offending R argument in `argument` (see `planPtdSpc`), or `UNDECIDABLE_TREND`
 * @example
 * const out = ptdSpc({
 *   args: { value_field: "breaches", date_field: "period", improvement_direction: "decrease" },
 *   input: { columns: { period: ["2024-01-01", ...], breaches: [1376, ...] } },
 * });
 * out.points[0].mean_col; out.variation["no facet"];
 */
export function ptdSpc(call: PtdSpcCall): PtdSpcResult {
  const plan = planPtdSpc(call.args, call.input, call.options ?? {});
  const { n } = plan;

  const order = Array.from({ length: n }, (_, i) => i);
  const numericFacets = plan.facets.every((f) => typeof f === "number");
  order.sort((a, b) => {
    const fa = plan.facets[a] as PtdFacet;
    const fb = plan.facets[b] as PtdFacet;
    if (fa !== fb) return numericFacets ? (fa as number) - (fb as number) : compareC(String(fa), String(fb));
    return (plan.times[a] as number) - (plan.times[b] as number);
  });

  const y = new Float64Array(n);
  const rebaseGroup = new Int32Array(n);
  const groupStarts: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    y[k] = plan.values[i] as number;
    const newFacet = k === 0 || plan.facets[i] !== plan.facets[order[k - 1] as number];
    if (newFacet) cumulative = 0;
    cumulative += plan.rebase[i] as number;
    rebaseGroup[k] = cumulative;
    if (newFacet || cumulative !== rebaseGroup[k - 1]) groupStarts.push(k);
  }

  const e = evaluateMdcXmr(y, groupStarts, {
    screenOutliers: plan.screenOutliers,
    fixAfterNPoints: plan.fixAfterNPoints,
    shiftLength: MDC_DEFAULT_SHIFT_LENGTH,
    trendLength: MDC_DEFAULT_TREND_LENGTH,
    undecidableTrend: "error",
  });

  const points: PtdRow[] = [];
  const summary: PtdRow[] = [];
  const variation: Record<string, MdcPointType> = {};
  const assurance: Record<string, string | null> = {};
  let anyShort = false;
  for (let g = 0; g < groupStarts.length; g++) {
    const start = groupStarts[g] as number;
    const end = g + 1 < groupStarts.length ? (groupStarts[g + 1] as number) : n;
    const limits = e.limits[g]!;
    const mean = num(limits.mean);
    const lpl = num(limits.lpl);
    const upl = num(limits.upl);
    const short = end - start < plan.warningThreshold;
    anyShort ||= short;
    const facet = plan.facets[order[start] as number] as PtdFacet;
    let special = 0;
    let improvement = 0;
    let concern = 0;
    let lastType: MdcPointType = "common_cause";
    for (let k = start; k < end; k++) {
      const i = order[k] as number;
      const code = e.codes[k] as MdcSpecialCauseCode;
      const pointType = mdcPointType(code, plan.improvementDirection);
      const value = num(y[k] as number);
      const rtm = e.flags.relativeToMean[k] as number;
      if (code !== 0) special++;
      if (pointType === "special_cause_improvement") improvement++;
      if (pointType === "special_cause_concern") concern++;
      lastType = pointType;
      points.push({
        y: value,
        x: echoDate(plan.x[i]),
        f: facet,
        trajectory: plan.trajectory === null ? null : (plan.trajectory[i] ?? null),
        rebase_group: rebaseGroup[k] as number,
        short_group_warning: short,
        fix_y: k - start < Math.floor(plan.fixAfterNPoints) ? value : null,
        mean_col: mean,
        lpl,
        upl,
        outside_limits: logical(e.flags.outside[k] as number),
        relative_to_mean: rtm === SIGN_NA ? null : rtm,
        close_to_limits: logical(e.flags.close[k] as number),
        special_cause_type: mdcSpecialCauseLabel(code),
        special_cause_flag: code !== 0,
        point_type: pointType,
        target: plan.targetOf(facet),
      });
    }
    const row: Record<string, string | number | boolean | null> = {};
    if (plan.facetField !== null) row["f"] = facet;
    if (plan.rebaseGiven) row["rebase_group"] = rebaseGroup[start] as number;
    Object.assign(row, {
      mean_col: mean,
      lpl,
      upl,
      n: end - start,
      common_cause: end - start - special,
      special_cause_improvement: improvement,
      special_cause_concern: concern,
      variation_type: lastType,
    });
    const lastOfFacet = end === n || plan.facets[order[end] as number] !== facet;
    if (lastOfFacet) {
      variation[String(facet)] = lastType;
      // R: target > upl → ..., target < lpl → ..., TRUE → "inconsistent"; a facet without a target (NA) or without
      // limits (NaN) falls through to "inconsistent" once any target was given.
      const a = plan.targetGiven
        ? (assuranceIcon({
            target: plan.targetOf(facet) ?? NaN,
            lpl,
            upl,
            improvementDirection: plan.improvementDirection,
          }) ?? (plan.improvementDirection === "neutral" ? null : "inconsistent"))
        : null;
      assurance[String(facet)] = a;
      if (plan.targetGiven) row["assurance_type"] = a;
    } else if (plan.targetGiven) {
      row["assurance_type"] = null;
    }
    summary.push(row);
  }

  return { points, summary, variation, assurance, warnings: anyShort ? [SHORT_GROUP_WARNING_MESSAGE] : [] };
}

function num(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

function logical(v: number): boolean | null {
  return v === 1 ? true : v === 0 ? false : null;
}

/** dplyr's `arrange()` sorts strings in the C locale: by code unit, not by a language's collation. */
function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function echoDate(x: unknown): string | null {
  if (typeof x === "string") return x;
  if (x instanceof Date) return x.toISOString();
  return null;
}
