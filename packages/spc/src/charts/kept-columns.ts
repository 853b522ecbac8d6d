import { keptColumns, type ColumnAllocator } from "./limits/buffers.js";
import type { SpcChartColumns } from "./spc-chart.type.js";

/*
 * What a chart keeps of the columns it computed. The centre line and limits of most charts (XmR, c, g, run,
 * and p or u with equal denominators) are one value per phase, and so are the phase number, the baseline
 * and include flags, and the subgroup size: five of the eleven columns of an XmR chart are constants, and
 * the rest usually are. Storing a phase's constant instead of a copy per point, and expanding it the first
 * time a column is read, keeps a million-point chart at about 10 bytes per point (y and the signal flags)
 * instead of 64, and spares the writes to fresh memory that dominate large charts. Columns that vary
 * within a phase are copied as they are.
 */

/** The working columns of a chart (valid only during the call that computed them). */
export type WorkingColumns = Omit<SpcChartColumns, "signals">;

type Column = Float64Array | Int32Array | Uint8Array;

// The compressible columns, by position: arrays indexed by these are cheaper than records keyed by name.
const N = 0;
const CL = 1;
const LCL = 2;
const UCL = 3;
const LCL95 = 4;
const UCL95 = 5;
const SEGMENT = 6;
const INCLUDE = 7;
const BASELINE = 8;
const COLUMN_COUNT = 9;

/** Bytes per entry of column `c`. */
function bytesPer(c: number): number {
  return c === SEGMENT ? 4 : c === INCLUDE || c === BASELINE ? 1 : 8;
}

function columnsOf(working: WorkingColumns): Column[] {
  const { n, cl, lcl, ucl, lcl95, ucl95, segment, include, baseline } = working;
  return [n, cl, lcl, ucl, lcl95, ucl95, segment, include, baseline];
}

function allocateLike(c: number, m: number, allocate: ColumnAllocator): Column {
  const bytes = bytesPer(c);
  return bytes === 8 ? allocate.float64(m) : bytes === 4 ? allocate.int32(m) : allocate.uint8(m);
}

/**
 * The kept columns of a chart: `y` and `signals` always as arrays, every other column as an array when it
 * varies within a phase and as one value per phase otherwise, expanded (all together, in one buffer) the
 * first time any of them is read.
 */
class KeptColumns implements SpcChartColumns {
  readonly y: Float64Array;
  readonly signals: Uint16Array;
  /** Per column: the array, or undefined while it is held as constants. */
  readonly #dense: (Column | undefined)[];
  /** Value of column c in phase p at c × phases + p, for the columns not in `#dense`. */
  #constants: readonly number[] | null;
  readonly #starts: readonly number[];

  constructor(
    y: Float64Array,
    signals: Uint16Array,
    dense: (Column | undefined)[],
    constants: readonly number[],
    starts: readonly number[],
  ) {
    this.y = y;
    this.signals = signals;
    this.#dense = dense;
    this.#constants = constants;
    this.#starts = starts;
  }

  get n(): Float64Array {
    return this.#column(N) as Float64Array;
  }
  get cl(): Float64Array {
    return this.#column(CL) as Float64Array;
  }
  get lcl(): Float64Array {
    return this.#column(LCL) as Float64Array;
  }
  get ucl(): Float64Array {
    return this.#column(UCL) as Float64Array;
  }
  get lcl95(): Float64Array {
    return this.#column(LCL95) as Float64Array;
  }
  get ucl95(): Float64Array {
    return this.#column(UCL95) as Float64Array;
  }
  get segment(): Int32Array {
    return this.#column(SEGMENT) as Int32Array;
  }
  get include(): Uint8Array {
    return this.#column(INCLUDE) as Uint8Array;
  }
  get baseline(): Uint8Array {
    return this.#column(BASELINE) as Uint8Array;
  }

  #column(c: number): Column {
    return this.#dense[c] ?? this.#expand(c);
  }

  /** Column c at point i, without writing the column out. */
  valueAt(c: number, i: number): number {
    const dense = this.#dense[c];
    if (dense !== undefined) return dense[i]!;
    // The phase of i: the last start at or before it.
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.#constants![c * starts.length + lo]!;
  }

  /** Column c whole: the kept array, or the constants written out into `allocate` (not kept). */
  denseInto(c: number, allocate: ColumnAllocator): Column {
    const dense = this.#dense[c];
    if (dense !== undefined) return dense;
    const m = this.y.length;
    const starts = this.#starts;
    const constants = this.#constants!;
    const column = allocateLike(c, m, allocate);
    for (let p = 0; p < starts.length; p++) {
      column.fill(constants[c * starts.length + p]!, starts[p], p + 1 < starts.length ? starts[p + 1]! : m);
    }
    return column;
  }

  /** Every compressed column, written out into one new buffer; returns column `c`. */
  #expand(c: number): Column {
    const m = this.y.length;
    const starts = this.#starts;
    const phases = starts.length;
    const constants = this.#constants!;
    let bytes = 0;
    for (let k = 0; k < COLUMN_COUNT; k++)
      if (this.#dense[k] === undefined) bytes += (bytesPer(k) * m + 7) & ~7;
    const allocate = keptColumns(bytes);
    for (let k = 0; k < COLUMN_COUNT; k++) {
      if (this.#dense[k] !== undefined) continue;
      const column = allocateLike(k, m, allocate);
      for (let p = 0; p < phases; p++) {
        column.fill(constants[k * phases + p]!, starts[p], p + 1 < phases ? starts[p + 1]! : m);
      }
      this.#dense[k] = column;
    }
    this.#constants = null;
    return this.#dense[c]!;
  }
}

/**
 * Keeps a chart's working columns (which live in scratch memory) in memory of its own: `y` is copied, the
 * signal flags are a new zeroed column for the rule sets to fill, and every other column is kept as one
 * value per phase when it is constant in each phase (the same number: NaN equals NaN, −0 does not equal
 * 0), or copied. `keys` (numeric periods, which are their own keys) is copied alongside when given.
 *
 * @example
 * const { columns } = keepColumns(working, [0, 24], null); // XmR: y copied, cl/limits/n/flags as 2 constants
 * columns.cl; // a Float64Array of every point's centre line, written out on this first read
 */
export function keepColumns(
  working: WorkingColumns,
  starts: readonly number[],
  keys: Float64Array | null,
): KeptChart {
  const m = working.y.length;
  const sources = columnsOf(working);
  const phases = starts.length;
  // A plain array: a Float64Array of more than 64 bytes would be a separate off-heap allocation.
  const constants = new Array<number>(COLUMN_COUNT * phases).fill(0);
  const dense = new Array<Column | undefined>(COLUMN_COUNT).fill(undefined);
  let bytes = ((8 * m + 7) & ~7) + ((2 * m + 7) & ~7) + (keys === null ? 0 : 8 * m);
  const varying: number[] = [];
  for (let c = 0; c < COLUMN_COUNT; c++) {
    const source = sources[c]!;
    const at = c * phases;
    // The phase column is its phase's number throughout, by construction; the others are checked, each
    // element type by its own function so that every loop sees one kind of array.
    const constant =
      c === SEGMENT
        ? phaseNumbers(constants, at, phases)
        : source instanceof Float64Array
          ? float64PhaseConstants(source, starts, constants, at)
          : uint8PhaseConstants(source as Uint8Array, starts, constants, at);
    if (constant) continue;
    varying.push(c);
    bytes += (bytesPer(c) * m + 7) & ~7;
  }
  const allocate = keptColumns(bytes);
  const y = allocate.float64(m);
  y.set(working.y);
  const signals = allocate.uint16(m);
  for (const c of varying) {
    const copy = allocateLike(c, m, allocate);
    copy.set(sources[c]!);
    dense[c] = copy;
  }
  let keptKeys: Float64Array | null = null;
  if (keys !== null) {
    keptKeys = allocate.float64(m);
    keptKeys.set(keys);
  }
  return { columns: new KeptColumns(y, signals, dense, constants, starts), keys: keptKeys };
}

/** What keepColumns keeps: the columns, and a copy of the period keys when asked for (numeric periods). */
export interface KeptChart {
  readonly columns: SpcChartColumns;
  readonly keys: Float64Array | null;
}

/*
 * Each of the functions below writes the value of its column in each phase to `into[at + p]`, or returns
 * false when some phase holds two different values (the column is then kept whole).
 */

function phaseNumbers(into: number[], at: number, phases: number): boolean {
  for (let p = 0; p < phases; p++) into[at + p] = p;
  return true;
}

function float64PhaseConstants(
  column: Float64Array,
  starts: readonly number[],
  into: number[],
  at: number,
): boolean {
  const m = column.length;
  for (let p = 0; p < starts.length; p++) {
    const from = starts[p]!;
    const to = p + 1 < starts.length ? starts[p + 1]! : m;
    if (from >= to) continue;
    const first = column[from]!;
    if (first !== first) {
      for (let i = from + 1; i < to; i++) if (column[i] === column[i]) return false;
    } else {
      // 0 and −0 are equal to ===, but not the same number: 1/x tells them apart (Infinity, −Infinity).
      const sign = 1 / first;
      for (let i = from + 1; i < to; i++) {
        const v = column[i]!;
        if (v !== first || (v === 0 && 1 / v !== sign)) return false;
      }
    }
    into[at + p] = first;
  }
  return true;
}

function uint8PhaseConstants(
  column: Uint8Array,
  starts: readonly number[],
  into: number[],
  at: number,
): boolean {
  const m = column.length;
  for (let p = 0; p < starts.length; p++) {
    const from = starts[p]!;
    const to = p + 1 < starts.length ? starts[p + 1]! : m;
    if (from >= to) continue;
    const first = column[from]!;
    for (let i = from + 1; i < to; i++) if (column[i] !== first) return false;
    into[at + p] = first;
  }
  return true;
}

/** A chart's columns, every one as an array, for reading all points at once. */
export type DenseColumns = Omit<SpcChartColumns, "signals">;

/** Bytes per point that {@link denseColumns} may take from its allocator. */
export const DENSE_BYTES_PER_POINT = 7 * 8 + 4 + 2 + 24;

/**
 * The columns of a chart, each as an array: kept arrays as they are, columns kept as one value per phase
 * written out into `allocate`, which can be scratch memory: building the points or the frame of a chart
 * needs every value once, not a second copy kept with the chart.
 */
export function denseColumns(columns: SpcChartColumns, allocate: ColumnAllocator): DenseColumns {
  if (!(columns instanceof KeptColumns)) return columns;
  const at = (c: number): Column => columns.denseInto(c, allocate);
  return {
    y: columns.y,
    n: at(N) as Float64Array,
    cl: at(CL) as Float64Array,
    lcl: at(LCL) as Float64Array,
    ucl: at(UCL) as Float64Array,
    lcl95: at(LCL95) as Float64Array,
    ucl95: at(UCL95) as Float64Array,
    segment: at(SEGMENT) as Int32Array,
    include: at(INCLUDE) as Uint8Array,
    baseline: at(BASELINE) as Uint8Array,
  };
}

/** Column `name` of a chart at point i, without writing a column kept as constants out. */
export function columnValueAt(columns: SpcChartColumns, name: keyof DenseColumns, i: number): number {
  if (name === "y" || !(columns instanceof KeptColumns)) return columns[name][i]!;
  return columns.valueAt(COLUMN_OF[name], i);
}

const COLUMN_OF: Readonly<Record<Exclude<keyof DenseColumns, "y">, number>> = {
  n: N,
  cl: CL,
  lcl: LCL,
  ucl: UCL,
  lcl95: LCL95,
  ucl95: UCL95,
  segment: SEGMENT,
  include: INCLUDE,
  baseline: BASELINE,
};
