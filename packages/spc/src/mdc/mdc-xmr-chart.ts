import type { AssuranceIcon, ImprovementDirection, VariationIcon } from "../core/chart-frame.type.js";
import { keptColumns } from "../charts/limits/buffers.js";
import { MdcSpecialCause, type MdcPointType, type MdcSpecialCauseCode } from "./mdc.type.js";
import type { MdcGroupLimits } from "./mdc-limits.js";
import { SIGN_NA, type MdcPointFlags } from "./mdc-point-flags.js";
import { mdcPointType } from "./mdc-point-type.js";
import type { MdcXmrChart, MdcXmrColumns, MdcXmrSegment } from "./mdc-xmr.js";

/*
 * The result of `mdcXmr`, held as the typed arrays the computation produced (y, three flags and the
 * special-cause code per point: 12 bytes a point) plus the limits of each group. The thirteen per-point
 * JavaScript arrays of the public shape (`cl`, `pointType`, …) are built the first time each is read and
 * then kept; they are accessors on the prototype, because accessors defined per object cost V8 more than
 * computing a small chart. `toJSON` gives exactly the fields, in the order, that the plain object had.
 */

/** What `mdcXmr` computed. */
export interface MdcXmrParts {
  readonly y: Float64Array;
  readonly flags: MdcPointFlags;
  readonly codes: Int8Array;
  readonly groupStarts: readonly number[];
  readonly limits: readonly MdcGroupLimits[];
  readonly segments: readonly MdcXmrSegment[];
  readonly direction: ImprovementDirection;
  readonly variation: VariationIcon;
  readonly assurance: AssuranceIcon;
}

const { CommonCause, ...FINDINGS } = MdcSpecialCause;
const ALL_CODES: readonly MdcSpecialCauseCode[] = [CommonCause, ...Object.values(FINDINGS)];
/** Three-valued logical (−1 NA, 0, 1) → null / false / true, by index v + 1. */
const LOGICAL: readonly (boolean | null)[] = [null, false, true];

class ColumnarMdcXmrChart implements MdcXmrChart {
  readonly segments: readonly MdcXmrSegment[];
  readonly variation: VariationIcon;
  readonly assurance: AssuranceIcon;
  readonly #parts: MdcXmrParts;
  #columns: MdcXmrColumns | undefined;
  #y: (number | null)[] | undefined;
  #cl: (number | null)[] | undefined;
  #lcl: (number | null)[] | undefined;
  #ucl: (number | null)[] | undefined;
  #lcl95: (number | null)[] | undefined;
  #ucl95: (number | null)[] | undefined;
  #segment: number[] | undefined;
  #include: boolean[] | undefined;
  #outsideLimits: (boolean | null)[] | undefined;
  #relativeToMean: (-1 | 0 | 1 | null)[] | undefined;
  #closeToLimits: (boolean | null)[] | undefined;
  #specialCause: MdcSpecialCauseCode[] | undefined;
  #pointType: MdcPointType[] | undefined;

  constructor(parts: MdcXmrParts) {
    this.segments = parts.segments;
    this.variation = parts.variation;
    this.assurance = parts.assurance;
    this.#parts = parts;
  }

  /** The chart in typed columns (the limits written out per point on first read). */
  get columns(): MdcXmrColumns {
    this.#columns ??= new MdcColumns(this.#parts);
    return this.#columns;
  }

  get y(): readonly (number | null)[] {
    this.#y ??= nullable(this.#parts.y);
    return this.#y;
  }
  get cl(): readonly (number | null)[] {
    this.#cl ??= perGroup(this.#parts, (s) => s.mean);
    return this.#cl;
  }
  get lcl(): readonly (number | null)[] {
    this.#lcl ??= perGroup(this.#parts, (s) => s.lpl);
    return this.#lcl;
  }
  get ucl(): readonly (number | null)[] {
    this.#ucl ??= perGroup(this.#parts, (s) => s.upl);
    return this.#ucl;
  }
  get lcl95(): readonly (number | null)[] {
    this.#lcl95 ??= perGroup(this.#parts, (s) => s.nearLpl);
    return this.#lcl95;
  }
  get ucl95(): readonly (number | null)[] {
    this.#ucl95 ??= perGroup(this.#parts, (s) => s.nearUpl);
    return this.#ucl95;
  }
  get segment(): readonly number[] {
    this.#segment ??= perGroup(this.#parts, (_, g) => g);
    return this.#segment;
  }
  get include(): readonly boolean[] {
    this.#include ??= new Array<boolean>(this.#parts.y.length).fill(true);
    return this.#include;
  }
  get outsideLimits(): readonly (boolean | null)[] {
    this.#outsideLimits ??= logicals(this.#parts.flags.outside);
    return this.#outsideLimits;
  }
  get relativeToMean(): readonly (-1 | 0 | 1 | null)[] {
    this.#relativeToMean ??= signs(this.#parts.flags.relativeToMean);
    return this.#relativeToMean;
  }
  get closeToLimits(): readonly (boolean | null)[] {
    this.#closeToLimits ??= logicals(this.#parts.flags.close);
    return this.#closeToLimits;
  }
  get specialCause(): readonly MdcSpecialCauseCode[] {
    this.#specialCause ??= Array.from(this.#parts.codes) as MdcSpecialCauseCode[];
    return this.#specialCause;
  }
  get pointType(): readonly MdcPointType[] {
    this.#pointType ??= pointTypes(this.#parts.codes, this.#parts.direction);
    return this.#pointType;
  }

  toJSON(): object {
    const { y, cl, lcl, ucl, lcl95, ucl95, segment, include, outsideLimits, relativeToMean } = this;
    const { closeToLimits, specialCause, pointType, segments, variation, assurance } = this;
    return {
      y,
      cl,
      lcl,
      ucl,
      lcl95,
      ucl95,
      segment,
      include,
      outsideLimits,
      relativeToMean,
      closeToLimits,
      specialCause,
      pointType,
      segments,
      variation,
      assurance,
    };
  }
}

/** The public chart of what `mdcXmr` computed: see {@link ColumnarMdcXmrChart}. */
export function mdcXmrChart(parts: MdcXmrParts): MdcXmrChart {
  return new ColumnarMdcXmrChart(parts);
}

type LimitColumns = { readonly [K in "cl" | "lcl" | "ucl" | "lcl95" | "ucl95"]: Float64Array };

/** Typed columns of an MDC XmR chart; the per-group limits are written out per point on first read. */
class MdcColumns implements MdcXmrColumns {
  readonly y: Float64Array;
  readonly outsideLimits: Int8Array;
  readonly relativeToMean: Int8Array;
  readonly closeToLimits: Int8Array;
  readonly specialCause: Int8Array;
  readonly #parts: MdcXmrParts;
  #limits: LimitColumns | undefined;
  #segment: Int32Array | undefined;
  #include: Uint8Array | undefined;

  constructor(parts: MdcXmrParts) {
    this.#parts = parts;
    this.y = parts.y;
    this.outsideLimits = parts.flags.outside;
    this.relativeToMean = parts.flags.relativeToMean;
    this.closeToLimits = parts.flags.close;
    this.specialCause = parts.codes;
  }

  get cl(): Float64Array {
    return this.#expanded().cl;
  }
  get lcl(): Float64Array {
    return this.#expanded().lcl;
  }
  get ucl(): Float64Array {
    return this.#expanded().ucl;
  }
  get lcl95(): Float64Array {
    return this.#expanded().lcl95;
  }
  get ucl95(): Float64Array {
    return this.#expanded().ucl95;
  }
  get segment(): Int32Array {
    if (this.#segment === undefined) {
      const segment = new Int32Array(this.y.length);
      forEachGroup(this.#parts, (g, start, end) => segment.fill(g, start, end));
      this.#segment = segment;
    }
    return this.#segment;
  }
  get include(): Uint8Array {
    this.#include ??= new Uint8Array(this.y.length).fill(1);
    return this.#include;
  }

  #expanded(): LimitColumns {
    if (this.#limits === undefined) {
      const m = this.y.length;
      const allocate = keptColumns(5 * 8 * m);
      const cl = allocate.float64(m);
      const lcl = allocate.float64(m);
      const ucl = allocate.float64(m);
      const lcl95 = allocate.float64(m);
      const ucl95 = allocate.float64(m);
      forEachGroup(this.#parts, (g, start, end) => {
        const l = this.#parts.limits[g]!;
        cl.fill(l.mean, start, end);
        lcl.fill(l.lpl, start, end);
        ucl.fill(l.upl, start, end);
        lcl95.fill(l.nlpl, start, end);
        ucl95.fill(l.nupl, start, end);
      });
      this.#limits = { cl, lcl, ucl, lcl95, ucl95 };
    }
    return this.#limits;
  }
}

function forEachGroup(parts: MdcXmrParts, each: (g: number, start: number, end: number) => void): void {
  const starts = parts.groupStarts;
  for (let g = 0; g < starts.length; g++)
    each(g, starts[g]!, g + 1 < starts.length ? starts[g + 1]! : parts.y.length);
}

/** One value per point from its group's segment. */
function perGroup<T>(parts: MdcXmrParts, value: (segment: MdcXmrSegment, g: number) => T): T[] {
  const out = new Array<T>(parts.y.length);
  forEachGroup(parts, (g, start, end) => out.fill(value(parts.segments[g]!, g), start, end));
  return out;
}

/*
 * The loops below fill preallocated arrays by index, so they stay in V8's fast (unboxed where possible)
 * storage; imported constants are read into locals first.
 */

function nullable(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v === v ? v : null;
  }
  return out;
}

function logicals(flags: Int8Array): (boolean | null)[] {
  const logical = LOGICAL;
  const out = new Array<boolean | null>(flags.length);
  for (let i = 0; i < flags.length; i++) out[i] = logical[flags[i]! + 1]!;
  return out;
}

function signs(flags: Int8Array): (-1 | 0 | 1 | null)[] {
  const na = SIGN_NA;
  const out = new Array<-1 | 0 | 1 | null>(flags.length);
  for (let i = 0; i < flags.length; i++) {
    const r = flags[i]!;
    out[i] = r === na ? null : (r as -1 | 0 | 1);
  }
  return out;
}

function pointTypes(codes: Int8Array, direction: ImprovementDirection): MdcPointType[] {
  const typeOf: MdcPointType[] = [];
  for (const code of ALL_CODES) typeOf[code] = mdcPointType(code, direction);
  const out = new Array<MdcPointType>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = typeOf[codes[i]!]!;
  return out;
}
