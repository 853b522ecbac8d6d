import type { ImprovementDirection } from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { MDC_SHORT_GROUP_THRESHOLD } from "../mdc/mdc.type.js";
import { parseDate } from "../mdc/parse-date.js";

/** `ptd_spc()` arguments, named as NHSRplotthedots 0.2.2 names them (fields of a reference case's `args`). */
export interface PtdSpcArgs {
  readonly value_field: string;
  readonly date_field: string;
  readonly facet_field?: string | null;
  /** Dates to rebase every facet at, or a facet name → dates object (`ptd_rebase()`). */
  readonly rebase?: readonly string[] | Readonly<Record<string, readonly string[]>> | null;
  readonly fix_after_n_points?: number | null;
  readonly improvement_direction?: ImprovementDirection;
  /** One target for every facet, or a facet name → target object (`ptd_target()`). */
  readonly target?: number | Readonly<Record<string, number>> | null;
  /** Name of a trajectory column (drawn only, passed through). */
  readonly trajectory?: string | null;
  readonly screen_outliers?: boolean;
}

/** The data, column-wise and row-aligned (a reference case's `input`). Missing values are `null`. */
export interface PtdSpcInput {
  readonly n_rows?: number;
  readonly x_type?: string;
  readonly columns: Readonly<Record<string, readonly unknown[]>>;
}

/** A facet value: the facet column's value, or "no facet". */
export type PtdFacet = string | number;

/** The validated call, row-aligned with the input. */
export interface PtdSpcPlan {
  readonly n: number;
  /** Values, NaN for NA. */
  readonly values: Float64Array;
  /** Dates as epoch ms (UTC). */
  readonly times: readonly number[];
  /** The date column as given, echoed as `x`. */
  readonly x: readonly unknown[];
  readonly facets: readonly PtdFacet[];
  readonly facetField: string | null;
  readonly trajectory: readonly (number | null)[] | null;
  /** 1 on rows whose date is a rebase date for their facet. */
  readonly rebase: Uint8Array;
  /** Whether a rebase was given at all (the summary then has a rebase_group column). */
  readonly rebaseGiven: boolean;
  readonly fixAfterNPoints: number;
  readonly improvementDirection: ImprovementDirection;
  /** Whether a target was given at all (the summary then has an assurance_type column). */
  readonly targetGiven: boolean;
  readonly targetOf: (facet: PtdFacet) => number | null;
  readonly screenOutliers: boolean;
  readonly warningThreshold: number;
}

/**
 * Checks a `ptd_spc()` call the way NHSRplotthedots 0.2.2 does (`R/ptd_spc_options.R`,
 * `R/ptd_validate_spc_options.R`) and turns it into a plan. Every refusal is an `SpcError` whose `argument` is the
 * R argument at fault. Beyond the package: an empty data set, NaN or infinite values, and missing dates or facets
 * are refused too, where R would carry on and produce a chart of missing values.
 *
 * @example
 * planPtdSpc({ value_field: "v", date_field: "d" }, { columns: { v: [1, 2], d: ["2024-01-01", "2024-02-01"] } });
 */
export function planPtdSpc(
  args: PtdSpcArgs,
  input: PtdSpcInput,
  options: Readonly<Record<string, unknown>> = {},
): PtdSpcPlan {
  if (typeof args !== "object" || args === null)
    throw new SpcError("INVALID_ARGS", "args must be an object", "args");
  const columns = input?.columns;
  if (typeof columns !== "object" || columns === null) {
    throw new SpcError(
      "INVALID_INPUT",
      "input.columns must be an object of row-aligned columns",
      "input.columns",
    );
  }
  const valueColumn = column(columns, args.value_field, "value_field");
  const dateColumn = column(columns, args.date_field, "date_field");
  const n = valueColumn.length;
  for (const [name, col] of Object.entries(columns)) {
    if (!Array.isArray(col) || col.length !== n) {
      throw new SpcError(
        "COLUMN_LENGTH_MISMATCH",
        `input.columns.${name} has ${Array.isArray(col) ? col.length : "no"} rows but ${args.value_field} has ${n}`,
        "input.columns",
      );
    }
  }
  if (n === 0) throw new SpcError("EMPTY", "the data has no rows: ptd_spc needs at least one", "value_field");

  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = valueColumn[i];
    if (v === null || v === undefined) values[i] = NaN;
    else if (typeof v === "number" && Number.isFinite(v)) values[i] = v;
    else {
      throw new SpcError(
        "INVALID_VALUE",
        `value_field '${args.value_field}' row ${i + 1} is ${show(v)}: values must be ` +
          "finite numbers, or null for NA",
        "value_field",
      );
    }
  }
  const times = dateColumn.map((d, i) => parseDate(d, "date_field", i));

  const facetField = args.facet_field ?? null;
  let facets: PtdFacet[];
  if (facetField === null) {
    facets = new Array<PtdFacet>(n).fill("no facet");
  } else {
    facets = column(columns, facetField, "facet_field").map((f, i) => {
      if (typeof f === "string" || (typeof f === "number" && Number.isFinite(f))) return f;
      throw new SpcError(
        "INVALID_FACET",
        `facet_field '${facetField}' row ${i + 1} is ${show(f)}: facets must be strings or numbers`,
        "facet_field",
      );
    });
  }
  const facetNames = new Set(facets.map(String));

  // R: "duplicate rows found in '<date_field>'" (one row per date within a facet).
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const key = `${String(facets[i])}\u0000${times[i] as number}`;
    if (seen.has(key)) {
      throw new SpcError(
        "DUPLICATE_DATE",
        `duplicate rows found in '${args.date_field}': ${String(dateColumn[i])}` +
          (facetField === null ? "" : ` in facet ${String(facets[i])}`),
        "date_field",
      );
    }
    seen.add(key);
  }

  let trajectory: (number | null)[] | null = null;
  if (args.trajectory !== undefined && args.trajectory !== null) {
    trajectory = column(columns, args.trajectory, "trajectory").map((t, i) => {
      if (t === null || t === undefined) return null;
      if (typeof t === "number" && Number.isFinite(t)) return t;
      throw new SpcError(
        "INVALID_TRAJECTORY",
        `trajectory '${String(args.trajectory)}' row ${i + 1} is ${show(t)}: expected a number`,
        "trajectory",
      );
    });
  }

  const { rebase, rebaseGiven } = rebaseFlags(args.rebase, facetField, facets, facetNames, times);
  const fixAfterNPoints = fixAfter(args.fix_after_n_points);

  const improvementDirection = args.improvement_direction ?? "increase";
  if (!["increase", "decrease", "neutral"].includes(improvementDirection)) {
    throw new SpcError(
      "INVALID_IMPROVEMENT_DIRECTION",
      `improvement_direction should be one of "increase", "neutral", "decrease" (got ${JSON.stringify(improvementDirection)})`,
      "improvement_direction",
    );
  }
  const { targetGiven, targetOf } = targets(args.target, facetField, facetNames);

  const screenOutliers = args.screen_outliers ?? true;
  if (typeof screenOutliers !== "boolean") {
    throw new SpcError(
      "INVALID_SCREEN_OUTLIERS",
      "screen_outliers must either `TRUE` or `FALSE`.",
      "screen_outliers",
    );
  }
  const threshold = options["ptd_spc.warning_threshold"] ?? MDC_SHORT_GROUP_THRESHOLD;
  if (typeof threshold !== "number" || Number.isNaN(threshold)) {
    throw new SpcError(
      "INVALID_OPTION",
      `options ptd_spc.warning_threshold must be a number (got ${show(threshold)})`,
      "ptd_spc.warning_threshold",
    );
  }

  return {
    n,
    values,
    times,
    x: dateColumn,
    facets,
    facetField,
    trajectory,
    rebase,
    rebaseGiven,
    fixAfterNPoints,
    improvementDirection,
    targetGiven,
    targetOf,
    screenOutliers,
    warningThreshold: threshold,
  };
}

function column(
  columns: Readonly<Record<string, readonly unknown[]>>,
  name: unknown,
  argument: string,
): readonly unknown[] {
  if (typeof name !== "string") {
    throw new SpcError(
      "INVALID_ARGUMENT",
      `${argument} argument must be a 'character' of length 1.`,
      argument,
    );
  }
  const col = Object.hasOwn(columns, name) ? columns[name] : undefined;
  if (!Array.isArray(col)) {
    throw new SpcError(
      "UNKNOWN_COLUMN",
      `${argument}: '${name}' must be a valid column name in the data frame.`,
      argument,
    );
  }
  return col;
}

function fixAfter(value: unknown): number {
  if (value === undefined || value === null) return Infinity;
  if (typeof value !== "number" || Number.isNaN(value) || value < 12) {
    throw new SpcError(
      "INVALID_FIX_AFTER_N_POINTS",
      `fix_after_n_points must be a single numeric that is greater than or equal to 12 (got ${JSON.stringify(value)}).`,
      "fix_after_n_points",
    );
  }
  return value;
}

/** R `ptd_add_rebase_column`: 1 where the row's date is a rebase date (for its facet, with per-facet dates). */
function rebaseFlags(
  rebase: PtdSpcArgs["rebase"],
  facetField: string | null,
  facets: readonly PtdFacet[],
  facetNames: ReadonlySet<string>,
  times: readonly number[],
): { rebase: Uint8Array; rebaseGiven: boolean } {
  const flags = new Uint8Array(times.length);
  if (rebase === undefined || rebase === null) return { rebase: flags, rebaseGiven: false };
  if (Array.isArray(rebase)) {
    const dates = new Set(rebase.map((d: unknown, i) => parseDate(d, "rebase", i)));
    times.forEach((t, i) => (flags[i] = dates.has(t) ? 1 : 0));
    return { rebase: flags, rebaseGiven: true };
  }
  if (typeof rebase !== "object") {
    throw new SpcError(
      "INVALID_REBASE",
      "rebase argument must be a date vector, or a named list of date vectors.",
      "rebase",
    );
  }
  if (facetField === null) {
    throw new SpcError("INVALID_REBASE", "rebase must be a date vector if facet_field is not set", "rebase");
  }
  const perFacet = new Map<string, Set<number>>();
  for (const [name, dates] of Object.entries(rebase as Readonly<Record<string, readonly string[]>>)) {
    if (!facetNames.has(name)) {
      throw new SpcError(
        "UNKNOWN_FACET",
        `options provided to rebase are not in the facet_field column ('${name}' is not a value of '${facetField}').`,
        "rebase",
      );
    }
    if (!Array.isArray(dates)) {
      throw new SpcError("INVALID_REBASE", `rebase['${name}'] must be an array of dates`, "rebase");
    }
    perFacet.set(name, new Set(dates.map((d: unknown, i) => parseDate(d, `rebase['${name}']`, i))));
  }
  times.forEach((t, i) => (flags[i] = perFacet.get(String(facets[i]))?.has(t) === true ? 1 : 0));
  return { rebase: flags, rebaseGiven: true };
}

/** R `ptd_add_target_column`: one target for all, or a per-facet lookup (facets left out get NA). */
function targets(
  target: PtdSpcArgs["target"],
  facetField: string | null,
  facetNames: ReadonlySet<string>,
): { targetGiven: boolean; targetOf: (facet: PtdFacet) => number | null } {
  if (target === undefined || target === null) return { targetGiven: false, targetOf: () => null };
  if (typeof target === "number") {
    if (!Number.isFinite(target)) {
      throw new SpcError(
        "INVALID_TARGET",
        `target must be a finite number (got ${String(target)})`,
        "target",
      );
    }
    return { targetGiven: true, targetOf: () => target };
  }
  if (typeof target !== "object" || Array.isArray(target)) {
    throw new SpcError(
      "INVALID_TARGET",
      "target argument must be a single numeric, or a named list of numerics.",
      "target",
    );
  }
  if (facetField === null) {
    throw new SpcError(
      "INVALID_TARGET",
      "target must be a single numeric if facet_field is not set",
      "target",
    );
  }
  const lookup = new Map<string, number>();
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new SpcError(
        "INVALID_TARGET",
        `target['${name}'] is ${JSON.stringify(value)}: target argument must be a single numeric, or a named list of numerics.`,
        "target",
      );
    }
    if (!facetNames.has(name)) {
      throw new SpcError(
        "UNKNOWN_FACET",
        `options provided to target are not in the facet_field column ('${name}' is not a value of '${facetField}').`,
        "target",
      );
    }
    lookup.set(name, value);
  }
  return { targetGiven: true, targetOf: (facet) => lookup.get(String(facet)) ?? null };
}

/** A value for an error message: JSON where possible (so strings show their quotes), else its type. */
function show(v: unknown): string {
  return JSON.stringify(v) ?? typeof v;
}
