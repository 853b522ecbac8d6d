import type { ChartType } from "../../core/chart-frame.type.js";
import { SpcError } from "../../core/spc-error.js";
import { float64Columns, freshColumns, type ColumnAllocator } from "../limits/buffers.js";
import type { SubgroupColumns } from "../limits/chart-columns.type.js";
import type { AggregateFunction, SpcObservation, SpcPeriod } from "../spc-chart.type.js";
import { parsePeriodSpec, periodBinner } from "../time/cut-period.js";
import { mixed, numberPeriodKeys, periodKeys, periodLabel, type PeriodKind } from "./period-order.js";

/** Observations grouped into subgroups (one per period), ordered, with qicharts2's aggregate columns. */
export interface SubgroupSeries {
  readonly columns: SubgroupColumns;
  /** Sort key of each subgroup's period. */
  readonly keys: Float64Array;
  /** The period each subgroup reports (numeric periods build this list on first read: see `periodAt`). */
  readonly periods: readonly SpcPeriod[];
  /** The period subgroup i reports, without building `periods`. */
  periodAt(i: number): SpcPeriod;
  readonly kind: PeriodKind;
  /** The subgroup key a period given in an option falls on (NaN when it cannot be read). */
  readonly keyOf: (period: SpcPeriod) => number;
  /** Whether denominators were given (qicharts2 `got.n`). */
  readonly hasDenominator: boolean;
}

const COUNT_CHARTS: ReadonlySet<ChartType> = new Set(["c", "p", "pp", "u", "up", "g"]);
const DENOMINATOR_CHARTS: ReadonlySet<ChartType> = new Set(["p", "pp", "u", "up"]);

/**
 * Checks the observations, groups them by period and aggregates each subgroup as qicharts2 0.8.1
 * `qic.agg` does (y.sum, y.length, y.mean, y.sd, n, and y = Σvalue/Σdenominator or `aggregate(values)`),
 * except that a subgroup without any value is missing (y = NaN) whatever the aggregate, where qicharts2
 * would plot `sum()` of nothing as 0. A value whose denominator is missing (or the reverse) is dropped,
 * like R's `complete.cases`.
 *
 * Throws `SpcError`: EMPTY_SERIES (no observation or no value), INVALID_NUMBER (NaN or ±Infinity),
 * NEGATIVE_COUNT, NEGATIVE_DENOMINATOR, MISSING_DENOMINATOR (p, p′, u, u′), NUMERATOR_EXCEEDS_DENOMINATOR
 * (p, p′), ZERO_DENOMINATOR (a positive count over 0; 0 over 0 is a missing point), NON_POSITIVE_TIME
 * (t chart), INVALID_PERIOD, INVALID_OPTION.
 *
 * @example
 * buildSubgroupSeries([{ period: 1, value: 3 }, { period: 1, value: 5 }, { period: 2, value: 4 }], "xbar", "mean")
 * // 2 subgroups: y = [4, 4], yLength = [2, 1], ySd = [1.414, NaN]
 */
export function buildSubgroupSeries(
  observations: readonly SpcObservation[],
  chart: ChartType,
  aggregate: AggregateFunction,
  period?: string,
  allocate: ColumnAllocator = freshColumns,
): SubgroupSeries {
  if (!isList(observations) || observations.length === 0) {
    throw new SpcError("EMPTY_SERIES", "observations: the series is empty", "observations");
  }
  const count = observations.length;
  const [values, denominators, rawKeys] = float64Columns(count, 3, allocate) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  // Numeric periods are their own keys: they are read straight into the key column, with no list of
  // periods (a million-element JavaScript array, and its growth, for the longest series).
  const numeric = typeof observations[0]!.period === "number";
  const periods: SpcPeriod[] = [];
  const { hasDenominator, anyValue, badPeriod } = readObservations(
    observations,
    chart,
    values,
    denominators,
    numeric ? rawKeys : periods,
  );
  if (!anyValue) throw new SpcError("EMPTY_SERIES", "observations: every value is missing", "observations");
  if (DENOMINATOR_CHARTS.has(chart) && !hasDenominator) {
    throw new SpcError(
      "MISSING_DENOMINATOR",
      `denominator: a ${chart} chart needs denominators`,
      "denominator",
    );
  }
  if (badPeriod >= 0) throw mixed(observations[badPeriod]!.period, badPeriod);

  const order = numeric ? numberPeriodKeys(rawKeys) : periodKeys(periods, rawKeys);
  let keys = order.keys;
  let keyOf = order.keyOf;
  let labelled = false;
  if (period !== undefined) {
    if (order.kind !== "time") {
      throw new SpcError("INVALID_OPTION", "period: aggregation by period needs dates as periods", "period");
    }
    let min = Infinity;
    for (const k of keys) if (k < min) min = k;
    const bin = periodBinner(min, parsePeriodSpec(period));
    keys = keys.map(bin);
    const read = order.keyOf;
    keyOf = (p) => {
      const k = read(p);
      return Number.isNaN(k) ? k : bin(k);
    };
    labelled = true;
  }

  if (strictlyIncreasing(keys)) {
    // Fast path: one observation per period, already in order: each observation is a subgroup.
    const columns = hasDenominator
      ? fillSingles(values, denominators, subgroupColumns(count, allocate))
      : singleValues(values, allocate);
    const subgroupPeriods = numeric
      ? null
      : labelled
        ? Array.from(keys, (k) => periodLabel(order.kind, k))
        : periods;
    return new Series(columns, keys, subgroupPeriods, order.kind, keyOf, hasDenominator);
  }
  const groups = sortedIndex(keys);
  const starts: number[] = [];
  for (let j = 0; j < count; j++) {
    if (j === 0 || keys[groups[j]!] !== keys[groups[j - 1]!]) starts.push(j);
  }
  const m = starts.length;
  const columns = subgroupColumns(m, allocate);
  const subgroupKeys = allocate.float64(m);
  const subgroupPeriods: SpcPeriod[] = [];
  for (let g = 0; g < m; g++) {
    const from = starts[g]!;
    const to = g + 1 < m ? starts[g + 1]! : count;
    const firstIndex = groups[from]!;
    subgroupKeys[g] = keys[firstIndex]!;
    if (!numeric)
      subgroupPeriods.push(labelled ? periodLabel(order.kind, keys[firstIndex]!) : periods[firstIndex]!);
    if (to - from === 1) {
      single(values[firstIndex]!, denominators[firstIndex]!, hasDenominator, g, columns);
    } else {
      several(groups, from, to, values, denominators, hasDenominator, aggregate, g, columns);
    }
  }
  return new Series(
    columns,
    subgroupKeys,
    numeric ? null : subgroupPeriods,
    order.kind,
    keyOf,
    hasDenominator,
  );
}

/** A SubgroupSeries; numeric periods are read from the keys, and listed only when `periods` is read. */
class Series implements SubgroupSeries {
  #periods: readonly SpcPeriod[] | null;
  constructor(
    readonly columns: SubgroupColumns,
    readonly keys: Float64Array,
    periods: readonly SpcPeriod[] | null,
    readonly kind: PeriodKind,
    readonly keyOf: (period: SpcPeriod) => number,
    readonly hasDenominator: boolean,
  ) {
    this.#periods = periods;
  }

  get periods(): readonly SpcPeriod[] {
    this.#periods ??= Array.from(this.keys);
    return this.#periods;
  }

  periodAt(i: number): SpcPeriod {
    return this.#periods === null ? this.keys[i]! : this.#periods[i]!;
  }
}

/*
 * Each hot loop lives in its own small function: V8 then optimises the loop on its own, where a loop inside
 * a long function is compiled on the fly and thrown away at the first line after it that has never run.
 */

/**
 * Reads values and denominators, checking each observation, and the periods: numeric ones into `periods`
 * as a key column (`badPeriod` is the first that is not a finite number, reported after the values are
 * checked, as periodKeys would), any others into a list.
 */
function readObservations(
  observations: readonly SpcObservation[],
  chart: ChartType,
  values: Float64Array,
  denominators: Float64Array,
  periods: SpcPeriod[] | Float64Array,
): { hasDenominator: boolean; anyValue: boolean; badPeriod: number } {
  let hasDenominator = false;
  let anyValue = false;
  let badPeriod = -1;
  const rules = observationRules(chart);
  const keys = periods instanceof Float64Array ? periods : null;
  const list = periods instanceof Float64Array ? null : periods;
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i]!;
    const p = o.period;
    if (keys === null) list!.push(p);
    else if (typeof p === "number" && p - p === 0) keys[i] = p;
    else if (badPeriod < 0) badPeriod = i;
    const v = readNumber(o.value, i, "value");
    const d = o.denominator === undefined ? Number.NaN : readNumber(o.denominator, i, "denominator");
    if (o.denominator !== undefined && !hasDenominator) {
      // Denominators are written from the first one on: a series without any never touches the column.
      denominators.fill(Number.NaN, 0, i);
      hasDenominator = true;
    }
    checkObservation(rules, chart, v, d, o.denominator !== undefined && o.denominator !== null, i);
    values[i] = v;
    if (hasDenominator) denominators[i] = d;
    if (v === v) anyValue = true;
  }
  return { hasDenominator, anyValue, badPeriod };
}

function strictlyIncreasing(keys: Float64Array): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i]! > keys[i - 1]!)) return false;
  return true;
}

function fillSingles(values: Float64Array, denominators: Float64Array, out: Columns): Columns {
  for (let i = 0; i < values.length; i++) single(values[i]!, denominators[i]!, true, i, out);
  return out;
}

/**
 * Subgroups of one value each, without denominators: what `single` writes, without copying. y, Σy and the
 * mean are the values themselves (NaN when missing), the sd and n are missing, so those columns are shared:
 * a long series then fills two columns instead of six (nothing writes to subgroup columns).
 */
function singleValues(values: Float64Array, allocate: ColumnAllocator): Columns {
  const yLength = allocate.float64(values.length);
  for (let i = 0; i < values.length; i++) yLength[i] = values[i] === values[i] ? 1 : 0;
  const missing = allocate.float64(values.length).fill(Number.NaN);
  return { y: values, ySum: values, yLength, yMean: values, ySd: missing, n: missing };
}

function readNumber(v: number | null | undefined, i: number, field: string): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new SpcError(
      "INVALID_NUMBER",
      `observations[${i}].${field}: ${String(v)} is not a finite number (use null for a missing value)`,
      field,
    );
  }
  return v;
}

interface ObservationRules {
  readonly counts: boolean;
  readonly needsDenominator: boolean;
  readonly proportion: boolean;
  readonly times: boolean;
}

function observationRules(chart: ChartType): ObservationRules {
  return {
    counts: COUNT_CHARTS.has(chart),
    needsDenominator: DENOMINATOR_CHARTS.has(chart),
    proportion: chart === "p" || chart === "pp",
    times: chart === "t",
  };
}

function checkObservation(
  rules: ObservationRules,
  chart: ChartType,
  v: number,
  d: number,
  denominatorGiven: boolean,
  i: number,
): void {
  if (rules.counts && v < 0) {
    throw new SpcError(
      "NEGATIVE_COUNT",
      `observations[${i}].value: a ${chart} chart counts, got ${v}`,
      "value",
    );
  }
  if (rules.times && v <= 0) {
    throw new SpcError(
      "NON_POSITIVE_TIME",
      `observations[${i}].value: times between events must be > 0, got ${v}`,
      "value",
    );
  }
  if (d < 0)
    throw new SpcError(
      "NEGATIVE_DENOMINATOR",
      `observations[${i}].denominator: ${d} is negative`,
      "denominator",
    );
  if (rules.needsDenominator && v === v && !denominatorGiven) {
    throw new SpcError(
      "MISSING_DENOMINATOR",
      `observations[${i}].denominator: missing for value ${v}`,
      "denominator",
    );
  }
  if (d === 0 && v > 0) {
    throw new SpcError(
      "ZERO_DENOMINATOR",
      `observations[${i}].denominator: 0 with value ${v}`,
      "denominator",
    );
  }
  if (rules.proportion && v > d) {
    throw new SpcError(
      "NUMERATOR_EXCEEDS_DENOMINATOR",
      `observations[${i}].value: ${v} events out of a denominator of ${d}`,
      "value",
    );
  }
}

function subgroupColumns(m: number, allocate: ColumnAllocator): Columns {
  const [y, ySum, yLength, yMean, ySd, n] = float64Columns(m, 6, allocate) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { y, ySum, yLength, yMean, ySd, n };
}

/** Observation indices by key, ties in input order; keys already in order (the usual case) need no sort. */
function sortedIndex(keys: Float64Array): number[] {
  const index: number[] = [];
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    index.push(i);
    if (i > 0 && !(keys[i]! >= keys[i - 1]!)) ordered = false;
  }
  if (!ordered) index.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return index;
}

type Columns = { [K in keyof SubgroupColumns]: Float64Array };

function single(v: number, d: number, hasDenominator: boolean, g: number, out: Columns): void {
  const complete = !Number.isNaN(v) && (!hasDenominator || !Number.isNaN(d));
  out.ySum[g] = complete ? v : Number.NaN;
  out.yLength[g] = complete ? 1 : 0;
  out.yMean[g] = complete ? v : Number.NaN;
  out.ySd[g] = Number.NaN;
  out.n[g] = hasDenominator && complete ? d : Number.NaN;
  out.y[g] = !complete ? Number.NaN : hasDenominator ? v / d : v;
}

function several(
  groups: readonly number[],
  from: number,
  to: number,
  values: Float64Array,
  denominators: Float64Array,
  hasDenominator: boolean,
  aggregate: AggregateFunction,
  g: number,
  out: Columns,
): void {
  const kept: number[] = [];
  let nSum = 0;
  for (let j = from; j < to; j++) {
    const i = groups[j]!;
    const v = values[i]!;
    const d = denominators[i]!;
    if (Number.isNaN(v) || (hasDenominator && Number.isNaN(d))) continue;
    kept.push(v);
    nSum += hasDenominator ? d : 0;
  }
  const k = kept.length;
  let sum = 0;
  for (const v of kept) sum += v;
  const mean = k === 0 ? Number.NaN : sum / k;
  let ss = 0;
  for (const v of kept) ss += (v - mean) * (v - mean);
  const sd = k < 2 ? Number.NaN : Math.sqrt(ss / (k - 1));
  out.ySum[g] = k === 0 ? Number.NaN : sum;
  out.yLength[g] = k;
  out.yMean[g] = mean;
  out.ySd[g] = sd;
  out.n[g] = hasDenominator && k > 0 ? nSum : Number.NaN;
  if (k === 0) out.y[g] = Number.NaN;
  else if (hasDenominator) out.y[g] = sum / nSum;
  else if (aggregate === "mean") out.y[g] = mean;
  else if (aggregate === "sum") out.y[g] = sum;
  else if (aggregate === "sd") out.y[g] = sd;
  else {
    kept.sort((a, b) => a - b);
    const mid = k >> 1;
    out.y[g] = k % 2 === 1 ? kept[mid]! : (kept[mid - 1]! + kept[mid]!) / 2;
  }
}

/** Array.isArray without narrowing a readonly array to any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}
