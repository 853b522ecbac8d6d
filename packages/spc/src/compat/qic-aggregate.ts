import type { SubgroupColumns } from "../charts/limits/chart-columns.type.js";
import type { QicRows } from "./qic-input.js";
import type { QicValue } from "./qic.type.js";

/** The subgroups of one facet combination, in x order: a slice [from, to) of the aggregated columns. */
export interface QicFacet {
  readonly facet1: QicValue;
  readonly facet2: QicValue;
  /** Level ranks of facet1 and facet2, for summary.qic's ordering. */
  readonly rank1: number;
  readonly rank2: number;
  readonly from: number;
  readonly to: number;
}

/** qicharts2's aggregated data frame: one entry per facet × x, facets in R's split order. */
export interface QicSubgroups {
  readonly columns: SubgroupColumns;
  readonly facets: readonly QicFacet[];
  readonly x: readonly QicValue[];
  readonly cl: Float64Array;
  readonly target: Float64Array;
  readonly notes: readonly (string | null)[];
}

/**
 * Aggregates rows per facet1 × facet2 × x exactly as qicharts2 0.8.1 `qic.agg` does:
 * y.sum = sum(y, na.rm = length(y) > 1) (so one missing y stays missing, two give 0); y.length = #non-NA;
 * y.mean; y.sd (n − 1); n = sum(n, na.rm = TRUE) with denominators, NA without; y = Σy/Σn with
 * denominators, otherwise agg.fun(y, na.rm = TRUE) (so `sum` of nothing is 0, as in R); cl, target and x
 * from the first row of the subgroup; notes joined with " | ".
 *
 * Ordering follows R's `split()`: x sorted within each facet (numbers and dates in time, text by
 * collation), facet combinations with facet1 varying fastest. Text is ordered with the ICU "en-US"
 * collation that R uses in an English UTF-8 locale; factor level orders set in R are not known here.
 */
export function aggregateQicRows(rows: QicRows): QicSubgroups {
  const groups = new Map<string, number[]>();
  const f1Levels = levels(rows.facet1);
  const f2Levels = levels(rows.facet2);
  const keyOf = (i: number): string =>
    `${f2Levels.rank.get(levelKey(rows.facet2[i] ?? null))}\u0000${f1Levels.rank.get(levelKey(rows.facet1[i] ?? null))}\u0000${String(rows.xKey[i])}`;
  for (let i = 0; i < rows.length; i++) {
    if (rows.xKey[i] === null || rows.facet1[i] === null || rows.facet2[i] === null) continue;
    const key = keyOf(i);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [i]);
    else list.push(i);
  }
  const ordered = [...groups.values()].sort((a, b) => compareRows(rows, f1Levels, f2Levels, a[0]!, b[0]!));
  const m = ordered.length;
  const columns = {
    y: new Float64Array(m),
    ySum: new Float64Array(m),
    yLength: new Float64Array(m),
    yMean: new Float64Array(m),
    ySd: new Float64Array(m),
    n: new Float64Array(m),
  };
  const x = new Array<QicValue>(m);
  const cl = new Float64Array(m);
  const target = new Float64Array(m);
  const notes = new Array<string | null>(m);
  const facets: QicFacet[] = [];
  for (let g = 0; g < m; g++) {
    const members = ordered[g]!;
    const first = members[0]!;
    aggregateGroup(rows, members, g, columns);
    x[g] = rows.xLabel[first] ?? null;
    cl[g] = rows.cl[first]!;
    target[g] = rows.target[first]!;
    notes[g] = joinNotes(members.map((i) => rows.notes[i]!));
    const f1 = rows.facet1[first] ?? null;
    const f2 = rows.facet2[first] ?? null;
    const last = facets[facets.length - 1];
    if (last === undefined || last.facet1 !== f1 || last.facet2 !== f2) {
      facets.push({
        facet1: f1,
        facet2: f2,
        rank1: f1Levels.rank.get(levelKey(f1))!,
        rank2: f2Levels.rank.get(levelKey(f2))!,
        from: g,
        to: g + 1,
      });
    } else {
      facets[facets.length - 1] = { ...last, to: g + 1 };
    }
  }
  return { columns, facets, x, cl, target, notes };
}

function aggregateGroup(
  rows: QicRows,
  members: readonly number[],
  g: number,
  out: {
    y: Float64Array;
    ySum: Float64Array;
    yLength: Float64Array;
    yMean: Float64Array;
    ySd: Float64Array;
    n: Float64Array;
  },
): void {
  const values: number[] = [];
  let nSum = 0;
  for (const i of members) {
    const v = rows.y[i]!;
    if (!Number.isNaN(v)) values.push(v);
    if (rows.n !== null && !Number.isNaN(rows.n[i]!)) nSum += rows.n[i]!;
  }
  const sum = values.reduce((a, b) => a + b, 0);
  const count = values.length;
  const mean = count === 0 ? Number.NaN : sum / count;
  const sd = sampleSd(values, mean);
  out.ySum[g] = members.length === 1 && count === 0 ? Number.NaN : sum;
  out.yLength[g] = count;
  out.yMean[g] = mean;
  out.ySd[g] = sd;
  out.n[g] = rows.n === null ? Number.NaN : nSum;
  if (rows.n !== null) {
    out.y[g] = sum / nSum;
    return;
  }
  switch (rows.aggFun) {
    case "mean":
      out.y[g] = mean;
      break;
    case "median":
      out.y[g] = median(values);
      break;
    case "sum":
      out.y[g] = sum;
      break;
    case "sd":
      out.y[g] = sd;
      break;
  }
}

function sampleSd(values: readonly number[], mean: number): number {
  if (values.length < 2) return Number.NaN;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return Math.sqrt(ss / (values.length - 1));
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** paste(unique(notes), collapse = "|") then qicharts2's `fixnotes`: empty pieces dropped, " | " between. */
function joinNotes(notes: readonly string[]): string | null {
  const joined = [...new Set(notes)]
    .join("|")
    .replace(/\|{2,}/g, "|")
    .replace(/^\||\|$/g, "")
    .replace(/\|/g, " | ");
  return joined === "" ? null : joined;
}

const collator = new Intl.Collator("en-US");

interface Levels {
  readonly rank: ReadonlyMap<string, number>;
}

function levelKey(v: QicValue): string {
  return typeof v === "number" ? `n:${v}` : `s:${String(v)}`;
}

/** Factor levels of a facet column: numbers numerically, otherwise text by collation. */
function levels(values: readonly QicValue[]): Levels {
  const distinct = new Map<string, QicValue>();
  for (const v of values) if (v !== null) distinct.set(levelKey(v), v);
  const list = [...distinct.values()];
  const numeric = list.every((v) => typeof v === "number");
  list.sort((a, b) => (numeric ? (a as number) - (b as number) : collator.compare(String(a), String(b))));
  return { rank: new Map(list.map((v, i) => [levelKey(v), i])) };
}

function compareRows(rows: QicRows, f1: Levels, f2: Levels, a: number, b: number): number {
  const byF2 =
    f2.rank.get(levelKey(rows.facet2[a] ?? null))! - f2.rank.get(levelKey(rows.facet2[b] ?? null))!;
  if (byF2 !== 0) return byF2;
  const byF1 =
    f1.rank.get(levelKey(rows.facet1[a] ?? null))! - f1.rank.get(levelKey(rows.facet1[b] ?? null))!;
  if (byF1 !== 0) return byF1;
  const xa = rows.xKey[a]!;
  const xb = rows.xKey[b]!;
  if (typeof xa === "number" && typeof xb === "number") return xa - xb;
  return collator.compare(String(xa), String(xb));
}
