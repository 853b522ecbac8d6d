import type { ChartType } from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { isChartType } from "../charts/limits/chart-limits.js";
import type { RunsMethod } from "../charts/rules/runs-signal-method.js";
import { cutPeriods, parsePeriodSpec } from "../charts/time/cut-period.js";
import { parseIsoDate } from "../charts/time/iso-date.js";
import type { QicCall, QicLine, QicValue } from "./qic.type.js";

/** How x is read: numbers and dates are ordered in time; categorical x makes a funnel plot. */
export type QicXKind = "numeric" | "date" | "datetime" | "categorical";

/** The validated input rows of one `qic()` call, before aggregation (R's data frame `d`). */
export interface QicRows {
  readonly length: number;
  readonly chart: ChartType;
  readonly xKind: QicXKind;
  /** Sort key of x per row (a number in time, or a string); null for NA (such rows are dropped). */
  readonly xKey: readonly (number | string | null)[];
  /** x as it is reported (the first row of its subgroup supplies it). */
  readonly xLabel: readonly QicValue[];
  readonly y: Float64Array;
  /** Denominators when `n` is given (`got.n`), otherwise null. */
  readonly n: Float64Array | null;
  readonly facet1: readonly QicValue[];
  readonly facet2: readonly QicValue[];
  readonly cl: Float64Array;
  readonly target: Float64Array;
  readonly notes: readonly string[];
  /** Split points (number of points before each new part) within each facet; empty for one part. */
  readonly parts: readonly number[];
  /** qicharts2 ignores `freeze` when `part` is given; Infinity when there is none. */
  readonly freeze: number;
  readonly exclude: ReadonlySet<number>;
  readonly aggFun: "mean" | "median" | "sum" | "sd";
  readonly method: RunsMethod;
  readonly multiply: number;
  readonly negativeLimits: boolean;
  readonly screenMovingRanges: boolean;
}

const COUNT_CHARTS: ReadonlySet<ChartType> = new Set(["c", "p", "pp", "u", "up", "g"]);
const DENOMINATOR_CHARTS: ReadonlySet<ChartType> = new Set(["p", "pp", "u", "up"]);
const PROPORTION_CHARTS: ReadonlySet<ChartType> = new Set(["p", "pp"]);

/**
 * Reads and checks a `qic()` call (INTERFACES.md C3) the way qicharts2 0.8.1 `qic()` prepares its data
 * frame: y defaults to x with x = 1..N; a y or n that is NA makes both NA (`complete.cases`); part labels
 * become split points from the first appearance of each label among the distinct x values; `freeze` is
 * dropped when `part` is given.
 *
 * Where qicharts2 would silently draw a wrong chart, this throws `SpcError` instead: an empty series,
 * non-finite numbers, negative counts or denominators, numerators above denominators on p charts, a
 * positive count over a zero denominator, p/u charts without denominators, or a freeze, part or exclude
 * outside the series.
 */
export function readQicCall(call: QicCall): QicRows {
  const { args, input } = call;
  const columns = input.columns;
  const chart = args.chart ?? "run";
  if (!isChartType(chart))
    throw new SpcError("UNKNOWN_CHART", `chart: unknown chart type "${String(chart)}"`, "chart");
  if (typeof args.x !== "string") throw new SpcError("MISSING_ARGUMENT", "x: a column name is required", "x");
  const xColumn = column(columns, args.x, "x");
  const length = xColumn.length;
  if (length === 0) throw new SpcError("EMPTY_SERIES", "x: the input has no rows", "x");

  let xValues: readonly QicValue[] = xColumn;
  let yValues: readonly QicValue[];
  let yName = "y";
  if (args.y === undefined || args.y === null) {
    // qic(x) with no y plots x against its index.
    yValues = xColumn;
    yName = "x";
    xValues = Array.from({ length }, (_, i) => i + 1);
  } else {
    yValues = column(columns, args.y, "y");
  }
  const xKind: QicXKind =
    args.y === undefined || args.y === null ? "numeric" : (input.x_type ?? inferXKind(xValues));

  const y = numericColumn(yValues, yName, length);
  const gotN = args.n !== undefined && args.n !== null;
  const n = gotN ? numericColumn(column(columns, args.n, "n"), "n", length) : null;
  if (DENOMINATOR_CHARTS.has(chart) && n === null) {
    throw new SpcError("MISSING_DENOMINATOR", `n: a ${chart} chart needs denominators`, "n");
  }
  if (n !== null) {
    for (let i = 0; i < length; i++) {
      // complete.cases(y, n): a missing half makes the pair missing.
      if (Number.isNaN(y[i]!) || Number.isNaN(n[i]!)) {
        y[i] = Number.NaN;
        n[i] = Number.NaN;
      }
    }
  }
  checkCounts(chart, y, n, yName);

  const xKey = new Array<number | string | null>(length);
  const xLabel = new Array<QicValue>(length);
  for (let i = 0; i < length; i++) {
    const v = xValues[i] ?? null;
    xLabel[i] = v;
    xKey[i] = xKeyOf(v, xKind);
  }
  const period = args["x.period"];
  if (typeof period === "string" && (xKind === "date" || xKind === "datetime")) {
    const spec = parsePeriodSpec(period);
    const cut = cutPeriods(
      xKey.map((k) => (typeof k === "number" ? k : Number.NaN)),
      spec,
    );
    const subDay = spec.unit === "secs" || spec.unit === "mins" || spec.unit === "hours";
    for (let i = 0; i < length; i++) {
      const t = cut[i]!;
      xKey[i] = Number.isNaN(t) ? null : t;
      xLabel[i] = Number.isNaN(t) ? null : formatPeriod(t, subDay);
    }
  }
  if (xKey.every((k) => k === null)) throw new SpcError("EMPTY_SERIES", "x: every x is missing", "x");

  const [facet1, facet2] = readFacets(args.facets, columns, length);
  const parts = readParts(args.part, columns, xValues, length);
  const freeze = args.part !== undefined && args.part !== null ? Infinity : readFreeze(args.freeze);
  const exclude = new Set(readIndices(args.exclude, "exclude"));
  const aggFun = args["agg.fun"] ?? "mean";
  if (!["mean", "median", "sum", "sd"].includes(aggFun)) {
    throw new SpcError(
      "INVALID_ARGUMENT",
      `agg.fun: must be mean, median, sum or sd, got "${aggFun}"`,
      "agg.fun",
    );
  }
  const method = args.method ?? "anhoej";
  if (!["anhoej", "bestbox", "cutbox"].includes(method)) {
    throw new SpcError(
      "INVALID_ARGUMENT",
      `method: must be anhoej, bestbox or cutbox, got "${method}"`,
      "method",
    );
  }
  const multiply = args.multiply ?? 1;
  if (typeof multiply !== "number" || !Number.isFinite(multiply)) {
    throw new SpcError(
      "INVALID_ARGUMENT",
      `multiply: must be a finite number, got ${String(multiply)}`,
      "multiply",
    );
  }
  const yNeg = args["y.neg"] ?? true;
  if (typeof yNeg !== "boolean") {
    // R stops on `if (!y.neg ...)` with a non-logical y.neg; reading "FALSE" as true would draw a wrong chart.
    throw new SpcError("INVALID_ARGUMENT", `y.neg: must be TRUE or FALSE, got ${String(yNeg)}`, "y.neg");
  }
  const notesColumn = typeof args.notes === "string" ? column(columns, args.notes, "notes") : null;
  return {
    length,
    chart,
    xKind,
    xKey,
    xLabel,
    y,
    n,
    facet1,
    facet2,
    cl: lineColumn(args.cl, columns, length, "cl"),
    target: lineColumn(args.target, columns, length, "target"),
    notes: Array.from({ length }, (_, i) => {
      const v = notesColumn?.[i];
      return v === null || v === undefined ? "" : String(v);
    }),
    parts,
    freeze,
    exclude,
    aggFun,
    method,
    multiply,
    negativeLimits: yNeg,
    screenMovingRanges: call.options?.["qic.screenedmr"] === true,
  };
}

/** Checks facet-independent limits on freeze/part/exclude once the facet lengths are known. */
export function checkIndicesWithin(rows: QicRows, longestFacet: number): void {
  if (rows.freeze !== Infinity && rows.freeze > longestFacet) {
    throw new SpcError(
      "FREEZE_OUT_OF_RANGE",
      `freeze: ${rows.freeze} is beyond the series (${longestFacet} subgroups)`,
      "freeze",
    );
  }
  for (const p of rows.parts) {
    if (p > longestFacet) {
      throw new SpcError(
        "PART_OUT_OF_RANGE",
        `part: ${p} is beyond the series (${longestFacet} subgroups)`,
        "part",
      );
    }
  }
  for (const e of rows.exclude) {
    if (e > longestFacet) {
      throw new SpcError(
        "EXCLUDE_OUT_OF_RANGE",
        `exclude: ${e} is beyond the series (${longestFacet} subgroups)`,
        "exclude",
      );
    }
  }
}

function column(
  columns: Readonly<Record<string, readonly QicValue[]>>,
  name: string,
  argument: string,
): readonly QicValue[] {
  const values = Object.hasOwn(columns, name) ? columns[name] : undefined;
  if (values === undefined) {
    throw new SpcError("MISSING_COLUMN", `${argument}: no input column named "${name}"`, argument);
  }
  return values;
}

function numericColumn(values: readonly QicValue[], argument: string, length: number): Float64Array {
  if (values.length !== length) {
    throw new SpcError(
      "INVALID_ARGUMENT",
      `${argument}: has ${values.length} values for ${length} rows`,
      argument,
    );
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = Number.NaN;
    else if (typeof v === "boolean") out[i] = v ? 1 : 0;
    else if (typeof v === "number" && Number.isFinite(v)) out[i] = v;
    else {
      throw new SpcError(
        "INVALID_NUMBER",
        `${argument}: row ${i + 1} is ${JSON.stringify(v)}, not a finite number or null`,
        argument,
      );
    }
  }
  return out;
}

function checkCounts(chart: ChartType, y: Float64Array, n: Float64Array | null, yName: string): void {
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    const ni = n === null ? Number.NaN : n[i]!;
    if (COUNT_CHARTS.has(chart) && yi < 0) {
      throw new SpcError("NEGATIVE_COUNT", `${yName}: row ${i + 1} is a negative count (${yi})`, yName);
    }
    if (ni < 0) throw new SpcError("NEGATIVE_DENOMINATOR", `n: row ${i + 1} is negative (${ni})`, "n");
    if (ni === 0 && yi !== 0 && !Number.isNaN(yi)) {
      throw new SpcError("ZERO_DENOMINATOR", `n: row ${i + 1} is 0 while ${yName} is ${yi}`, "n");
    }
    if (PROPORTION_CHARTS.has(chart) && yi > ni) {
      throw new SpcError(
        "NUMERATOR_EXCEEDS_DENOMINATOR",
        `${yName}: row ${i + 1} has ${yi} events out of n = ${ni}`,
        yName,
      );
    }
  }
}

function inferXKind(values: readonly QicValue[]): QicXKind {
  let kind: QicXKind | null = null;
  for (const v of values) {
    if (v === null) continue;
    const k: QicXKind =
      typeof v === "number" ? "numeric" : typeof v === "string" && DATE_ONLY.test(v) ? "date" : "categorical";
    if (kind !== null && kind !== k) return "categorical";
    kind = k;
  }
  return kind ?? "numeric";
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function xKeyOf(v: QicValue, kind: QicXKind): number | string | null {
  if (v === null) return null;
  switch (kind) {
    case "numeric": {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new SpcError("INVALID_NUMBER", `x: ${JSON.stringify(v)} is not a number`, "x");
      }
      return v;
    }
    case "date":
    case "datetime": {
      const t = typeof v === "string" ? parseIsoDate(v) : Number.NaN;
      if (Number.isNaN(t))
        throw new SpcError("INVALID_DATE", `x: ${JSON.stringify(v)} is not an ISO date`, "x");
      return t;
    }
    case "categorical":
      return String(v);
  }
}

function formatPeriod(ms: number, withTime: boolean): string {
  const iso = new Date(ms).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
}

/** all.vars() of a one- or two-sided formula: "~ a", "a ~ b", "~ a + b". */
function readFacets(
  formula: string | null | undefined,
  columns: Readonly<Record<string, readonly QicValue[]>>,
  length: number,
): [readonly QicValue[], readonly QicValue[]] {
  const ones = new Array<QicValue>(length).fill(1);
  if (formula === undefined || formula === null || formula.trim() === "") return [ones, ones];
  const names = formula
    .split(/[~+*:|]/)
    .map((s) => s.trim().replace(/^`|`$/g, ""))
    .filter((s) => s.length > 0 && s !== ".");
  if (names.length > 2) {
    throw new SpcError("INVALID_ARGUMENT", `facets: at most two variables, got "${formula}"`, "facets");
  }
  const f1 = names[0] === undefined ? ones : column(columns, names[0], "facets");
  const f2 = names[1] === undefined ? ones : column(columns, names[1], "facets");
  return [f1, f2];
}

function readParts(
  part: QicCall["args"]["part"],
  columns: Readonly<Record<string, readonly QicValue[]>>,
  x: readonly QicValue[],
  length: number,
): number[] {
  if (part === undefined || part === null) return [];
  if (typeof part === "object" && !Array.isArray(part) && "column" in part) {
    // qicharts2: part <- part[!duplicated(x)]; match(unique(part), part)[-1] - 1
    const labels = column(columns, (part as { column: string }).column, "part");
    if (labels.length !== length) {
      throw new SpcError("INVALID_ARGUMENT", `part: has ${labels.length} labels for ${length} rows`, "part");
    }
    const seenX = new Set<string>();
    const perX: QicValue[] = [];
    for (let i = 0; i < length; i++) {
      const key = JSON.stringify(x[i] ?? null);
      if (seenX.has(key)) continue;
      seenX.add(key);
      perX.push(labels[i] ?? null);
    }
    const firstAt = new Map<string, number>();
    perX.forEach((label, i) => {
      const key = JSON.stringify(label);
      if (!firstAt.has(key)) firstAt.set(key, i);
    });
    return [...firstAt.values()].slice(1);
  }
  return readIndices(part as number | readonly number[], "part", 0);
}

function readIndices(
  value: number | readonly number[] | null | undefined,
  argument: string,
  min = 1,
): number[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === "number" ? [value] : value;
  if (!Array.isArray(list)) throw new SpcError("INVALID_ARGUMENT", `${argument}: must be integers`, argument);
  return list.map((v: unknown) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      throw new SpcError(
        "INVALID_ARGUMENT",
        `${argument}: ${JSON.stringify(v)} is not an integer ≥ ${min}`,
        argument,
      );
    }
    return v;
  });
}

function readFreeze(freeze: number | null | undefined): number {
  if (freeze === undefined || freeze === null) return Infinity;
  if (typeof freeze !== "number" || !Number.isInteger(freeze) || freeze < 1) {
    throw new SpcError(
      "FREEZE_OUT_OF_RANGE",
      `freeze: must be an integer ≥ 1, got ${JSON.stringify(freeze)}`,
      "freeze",
    );
  }
  return freeze;
}

function lineColumn(
  value: QicLine | undefined,
  columns: Readonly<Record<string, readonly QicValue[]>>,
  length: number,
  argument: string,
): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  if (value === undefined || value === null) return out;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new SpcError("INVALID_NUMBER", `${argument}: must be finite`, argument);
    return out.fill(value);
  }
  const values = typeof value === "string" ? column(columns, value, argument) : value;
  if (values.length === 1)
    return numericColumn(
      Array.from({ length }, () => values[0] ?? null),
      argument,
      length,
    );
  return numericColumn(values, argument, length);
}
