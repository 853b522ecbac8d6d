import type {
  ChartFrame,
  ChartType,
  ImprovementDirection,
  PointSignal,
  RuleSetResult,
  SegmentStatistics,
} from "../core/chart-frame.type.js";
import { SpcError } from "../core/spc-error.js";
import { columnValueAt, denseColumns, DENSE_BYTES_PER_POINT, type DenseColumns } from "./kept-columns.js";
import type { ChartColumns } from "./limits/chart-columns.type.js";
import { chartScratch, toNullableArray } from "./limits/buffers.js";
import { NO_SIGNALS } from "./rules/no-signals.js";
import { pointsOfFlags, signalsOfFlags } from "./rules/signal-flags.js";
import type {
  PointVariation,
  SpcChart,
  SpcChartColumns,
  SpcPeriod,
  SpcPhase,
  SpcPoint,
} from "./spc-chart.type.js";

/*
 * The object side of a chart, built from its typed columns only when asked for. A chart of a million points
 * used to create a million point objects, six arrays of a million boxed numbers and a signal list per point
 * for every rule set, whether the caller read them or not; now it holds its columns, and `points`, `frame`
 * and each rule set's `points` are accessors that build the old values on first read and keep them.
 * Because the accessors are on the prototype, a spread (`{ ...chart }`) or `structuredClone` copies only
 * the plain fields; JSON.stringify (through `toJSON`) gives the same text as before.
 */

/** Where the findings of one rule set are: bits of a flag column, or (a rule set without a typed path) lists. */
export type SignalSource =
  | { readonly flags: Uint16Array; readonly mask: number }
  | { readonly points: readonly (readonly PointSignal[])[] };

/** Everything a chart result is made from. */
export interface ChartParts {
  readonly chart: ChartType;
  readonly improvement: ImprovementDirection;
  readonly target: number | null;
  readonly columns: SpcChartColumns;
  /** The period of each point: the list, or (numeric periods) their keys. */
  readonly periods: readonly SpcPeriod[] | Float64Array;
  readonly phases: readonly SpcPhase[];
  readonly rules: Readonly<Record<string, RuleSetResult>>;
  /** In the order the rule sets were given: a point lists their findings in that order. */
  readonly sources: readonly SignalSource[];
  /** The ChartFrame, built once (rule sets without a typed path may already have needed it). */
  readonly frame: LazyFrame;
}

/**
 * The public chart. `chart`, `improvement`, `phases` and `rules` are plain fields; `points`, `frame`,
 * `columns` and `point` live on the prototype (an accessor defined per object, as an object literal's getter
 * is, costs V8 microseconds per chart, more than a small chart takes to compute). `toJSON` gives exactly the
 * fields, in the order, that a chart was serialised with before it had columns.
 */
class ColumnarChart implements SpcChart {
  readonly chart: ChartType;
  readonly improvement: ImprovementDirection;
  readonly phases: readonly SpcPhase[];
  readonly rules: Readonly<Record<string, RuleSetResult>>;
  readonly #parts: ChartParts;
  #signalsAt: ((i: number) => readonly PointSignal[]) | undefined;
  #points: SpcPoint[] | undefined;

  constructor(parts: ChartParts) {
    this.chart = parts.chart;
    this.improvement = parts.improvement;
    this.phases = parts.phases;
    this.rules = parts.rules;
    this.#parts = parts;
  }

  get columns(): SpcChartColumns {
    return this.#parts.columns;
  }

  get points(): readonly SpcPoint[] {
    if (this.#points === undefined) {
      this.#signalsAt ??= signalReader(this.#parts.sources);
      const signalsAt = this.#signalsAt;
      this.#points = withDenseColumns(this.#parts.columns, (columns) =>
        buildPoints(pointColumns(this.#parts, columns), signalsAt),
      );
    }
    return this.#points;
  }

  get frame(): ChartFrame {
    return this.#parts.frame.get();
  }

  point(index: number): SpcPoint {
    const length = this.#parts.columns.y.length;
    if (!(Number.isInteger(index) && index >= 0 && index < length)) {
      throw new SpcError(
        "INDEX_OUT_OF_RANGE",
        `index: ${index} is not a point (0 to ${length - 1})`,
        "index",
      );
    }
    return this.#points === undefined ? this.#build(index) : this.#points[index]!;
  }

  toJSON(): object {
    const { chart, improvement, points, phases, frame, rules } = this;
    return { chart, improvement, points, phases, frame, rules };
  }

  #build(i: number): SpcPoint {
    this.#signalsAt ??= signalReader(this.#parts.sources);
    // Point i alone: its values as one-element columns, its period first.
    const one = {
      ...pointColumns(this.#parts, singlePoint(this.#parts.columns, i)),
      periods: [this.#parts.periods[i]!],
    };
    return buildPoint(one, this.#signalsAt(i), 0);
  }
}

/** The public chart of its parts: see {@link ColumnarChart}. */
export function chartResult(parts: ChartParts): SpcChart {
  return new ColumnarChart(parts);
}

/** A rule set's result whose per-point lists are decoded from its bits on first read. */
class FlagRuleResult implements RuleSetResult {
  readonly segments: readonly SegmentStatistics[];
  readonly #flags: Uint16Array;
  readonly #mask: number;
  #points: (readonly PointSignal[])[] | undefined;
  constructor(flags: Uint16Array, mask: number, segments: readonly SegmentStatistics[]) {
    this.#flags = flags;
    this.#mask = mask;
    this.segments = segments;
  }

  get points(): readonly (readonly PointSignal[])[] {
    this.#points ??= pointsOfFlags(this.#flags, this.#mask);
    return this.#points;
  }

  toJSON(): RuleSetResult {
    return { points: this.points, segments: this.segments };
  }
}

/** A rule set's result read from its bits (`mask`) of the flag column. */
export function flagRuleResult(
  flags: Uint16Array,
  mask: number,
  segments: readonly SegmentStatistics[],
): RuleSetResult {
  return new FlagRuleResult(flags, mask, segments);
}

/** The ChartFrame of a chart's columns, built on first use and kept (rule sets and `frame` share it). */
export class LazyFrame {
  #frame: ChartFrame | undefined;
  constructor(private readonly columns: SpcChartColumns) {}

  get(): ChartFrame {
    this.#frame ??= withDenseColumns(this.columns, frameOfColumns);
    return this.#frame;
  }
}

/**
 * `build` on the chart's columns, all as arrays: the ones kept as one value per phase are written out into
 * scratch memory for the call (the points or the frame built from them are what is kept).
 */
function withDenseColumns<T>(columns: SpcChartColumns, build: (dense: DenseColumns) => T): T {
  const scratch = chartScratch(DENSE_BYTES_PER_POINT * columns.y.length + 128);
  try {
    return build(denseColumns(columns, scratch.allocate));
  } finally {
    scratch.release();
  }
}

/** Point i's values as one-element columns (so one point is built without writing any column out). */
function singlePoint(columns: SpcChartColumns, i: number): DenseColumns {
  const one = (name: keyof DenseColumns): number => columnValueAt(columns, name, i);
  return {
    y: Float64Array.of(one("y")),
    n: Float64Array.of(one("n")),
    cl: Float64Array.of(one("cl")),
    lcl: Float64Array.of(one("lcl")),
    ucl: Float64Array.of(one("ucl")),
    lcl95: Float64Array.of(one("lcl95")),
    ucl95: Float64Array.of(one("ucl95")),
    segment: Int32Array.of(one("segment")),
    include: Uint8Array.of(one("include")),
    baseline: Uint8Array.of(one("baseline")),
  };
}

/** The ChartFrame of typed columns: null for NaN (and any non-finite value), booleans for `include`. */
export function frameOfColumns(columns: DenseColumns): ChartFrame {
  const n = columns.y.length;
  const segment = new Array<number>(n).fill(0);
  const include = new Array<boolean>(n).fill(true);
  for (let i = 0; i < n; i++) {
    segment[i] = columns.segment[i]!;
    if (columns.include[i] !== 1) include[i] = false;
  }
  return toFrame(columns, segment, include);
}

/** Typed columns (NaN = missing) to the ChartFrame contract (null = missing). */
export function toFrame(
  columns: ChartColumns,
  segment: readonly number[],
  include: readonly boolean[],
): ChartFrame {
  return {
    y: toNullableArray(columns.y),
    cl: toNullableArray(columns.cl),
    lcl: toNullableArray(columns.lcl),
    ucl: toNullableArray(columns.ucl),
    lcl95: toNullableArray(columns.lcl95),
    ucl95: toNullableArray(columns.ucl95),
    segment,
    include,
  };
}

/** What a point object is read from, each column looked up once rather than once per point. */
interface PointColumns {
  readonly y: Float64Array;
  readonly cl: Float64Array;
  readonly lcl: Float64Array;
  readonly ucl: Float64Array;
  readonly lcl95: Float64Array;
  readonly ucl95: Float64Array;
  readonly n: Float64Array;
  readonly segment: Int32Array;
  readonly baseline: Uint8Array;
  readonly include: Uint8Array;
  readonly periods: readonly SpcPeriod[] | Float64Array;
  readonly target: number | null;
  readonly improvement: ImprovementDirection;
}

function pointColumns(parts: ChartParts, columns: DenseColumns): PointColumns {
  const { y, cl, lcl, ucl, lcl95, ucl95, n, segment, baseline, include } = columns;
  const { periods, target, improvement } = parts;
  return { y, cl, lcl, ucl, lcl95, ucl95, n, segment, baseline, include, periods, target, improvement };
}

function buildPoints(c: PointColumns, signalsAt: (i: number) => readonly PointSignal[]): SpcPoint[] {
  const points = new Array<SpcPoint>(c.y.length);
  for (let i = 0; i < points.length; i++) points[i] = buildPoint(c, signalsAt(i), i);
  return points;
}

function buildPoint(c: PointColumns, signals: readonly PointSignal[], i: number): SpcPoint {
  return {
    period: c.periods[i]!,
    y: finite(c.y[i]!),
    cl: finite(c.cl[i]!),
    lcl: finite(c.lcl[i]!),
    ucl: finite(c.ucl[i]!),
    lcl95: finite(c.lcl95[i]!),
    ucl95: finite(c.ucl95[i]!),
    n: finite(c.n[i]!),
    phase: c.segment[i]!,
    baseline: c.baseline[i] === 1,
    include: c.include[i] === 1,
    target: c.target,
    signals,
    variation: signals.length === 0 ? "common_cause" : variationOf(signals[0]!, c.improvement),
  };
}

/**
 * The findings of point i across the rule sets, in their order. When every rule set wrote bits into one
 * column (the usual case) a point's list depends only on its word, so each distinct word is decoded once.
 */
function signalReader(sources: readonly SignalSource[]): (i: number) => readonly PointSignal[] {
  const first = sources[0];
  if (first === undefined) return () => NO_SIGNALS;
  if ("flags" in first && sources.every((s) => "flags" in s && s.flags === first.flags)) {
    const masks = sources.map((s) => ("flags" in s ? s.mask : 0));
    let union = 0;
    for (const m of masks) union |= m;
    const flags = first.flags;
    const known = new Map<number, readonly PointSignal[]>();
    return (i) => {
      const word = flags[i]! & union;
      if (word === 0) return NO_SIGNALS;
      let list = known.get(word);
      if (list === undefined) {
        list = concatenate(masks.map((m) => signalsOfFlags(word & m)));
        known.set(word, list);
      }
      return list;
    };
  }
  return (i) =>
    concatenate(sources.map((s) => ("flags" in s ? signalsOfFlags(s.flags[i]! & s.mask) : s.points[i])));
}

/** Lists joined in order; a single non-empty list is returned as it is (shared, not copied). */
function concatenate(lists: readonly (readonly PointSignal[] | undefined)[]): readonly PointSignal[] {
  let found: readonly PointSignal[] = NO_SIGNALS;
  for (const list of lists) {
    if (list === undefined || list.length === 0) continue;
    found = found.length === 0 ? list : [...found, ...list];
  }
  return found;
}

function variationOf(signal: PointSignal, improvement: ImprovementDirection): PointVariation {
  if (improvement === "neutral") return "neutral";
  return (signal.side === "high") === (improvement === "increase") ? "improvement" : "concern";
}

function finite(v: number): number | null {
  return v - v === 0 ? v : null;
}
