// Making Data Count XmR with all rules: 10,000 series × 36 points and 1 series of 250,000 / 500,000 /
// 1,000,000 points. Results are written up in docs/benchmarks/spc-mdc.md.
//
// Run:      pnpm --filter @vigil/spc bench mdc
// Baseline: SPC_BASELINE=/path/to/old/packages/spc/src/index.ts pnpm --filter @vigil/spc bench mdc
//   (see bench/charts.bench.ts): the old mdcXmr runs in this process, on the same inputs, in alternating
//   rounds, after its results are checked to serialise to exactly the same JSON as the current ones.
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { evaluateMdcXmr, mdcXmr } from "../src/mdc/index.js";

// A real gc() (without --expose-gc on the command line), so the heap figures are what the results retain.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

type MdcXmrFunction = (values: readonly (number | null)[]) => unknown;
const baselinePath = process.env["SPC_BASELINE"];
const baseline: MdcXmrFunction | undefined =
  baselinePath === undefined
    ? undefined
    : ((await import(baselinePath)) as { mdcXmr: MdcXmrFunction }).mdcXmr;

/** Deterministic pseudo-random numbers (mulberry32), so every run charts the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Monthly-indicator-like values: a level, noise, and a step half way so the rules have something to find. */
function series(length: number, rng: () => number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = 50 + (i > length / 2 ? 4 : 0) + (rng() - 0.5) * 10;
  return out;
}

/** One timed call, in the steady state the previous calls left (no collection forced before it). */
function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  const kept = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (kept === undefined) throw new Error("benchmark produced nothing");
  return ms;
}

/**
 * What one call's result retains: heap plus typed-array backing stores (counted in arrayBuffers) with the
 * result referenced, less the same after dropping it, each after a full collection; so memory the call
 * freed or left behind (an earlier result, scratch) does not count. Measured on a call of its own: forcing
 * a collection before every timed round would also shrink the young generation, and time the collector
 * growing it back rather than the code.
 */
function retained(run: () => unknown): number {
  const used = (): number => {
    gc();
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const box: { result?: unknown } = { result: run() };
  const holding = used();
  if (box.result === undefined) throw new Error("benchmark produced nothing");
  delete box.result;
  return (holding - used()) / 2 ** 20;
}

interface Row {
  readonly name: string;
  readonly points: number;
  readonly variant: string;
  readonly bestMs: number;
  readonly heapMb: number;
  readonly ratio?: number;
}
const rows: Row[] = [];

/** The variants of one case in alternating rounds after a warm-up call each; best round of each. */
function compare(
  name: string,
  points: number,
  rounds: number,
  variants: Record<string, () => unknown>,
): void {
  const entries = Object.entries(variants);
  const best = entries.map(([, run]) => time(run));
  for (let r = 0; r < rounds; r++) {
    entries.forEach(([, run], k) => {
      best[k] = Math.min(best[k]!, time(run));
    });
  }
  entries.forEach(([variant, run], k) => {
    const ratio = k === 0 ? undefined : best[0]! / best[k]!;
    rows.push({
      name,
      points,
      variant,
      bestMs: best[k]!,
      heapMb: retained(run),
      ...(ratio === undefined ? {} : { ratio }),
    });
  });
}

const engine = {
  screenOutliers: true,
  fixAfterNPoints: Infinity,
  shiftLength: 7,
  trendLength: 7,
  undecidableTrend: "no-trend",
} as const;

/** Baseline (when given), mdcXmr with every per-point array read, mdcXmr's columns, the typed core. */
function variants(inputs: readonly number[][]): Record<string, () => unknown> {
  const typed = inputs.map((s) => Float64Array.from(s));
  const out: Record<string, () => unknown> = {};
  if (baseline !== undefined) out["baseline (before columns)"] = () => inputs.map((s) => baseline(s));
  out["arrays read"] = () =>
    inputs.map((s) => {
      const c = mdcXmr(s);
      return c.y.length +
        c.cl.length +
        c.lcl.length +
        c.ucl.length +
        c.pointType.length +
        c.specialCause.length <
        0
        ? undefined
        : c;
    });
  out["columns only"] = () => inputs.map((s) => mdcXmr(s).columns);
  out["evaluateMdcXmr (typed core)"] = () => typed.map((s) => evaluateMdcXmr(s, [0], engine));
  return out;
}

function checkSame(inputs: readonly number[][]): void {
  if (baseline === undefined) return;
  for (const s of inputs) {
    if (JSON.stringify(baseline(s)) !== JSON.stringify(mdcXmr(s)))
      throw new Error("baseline and current differ");
  }
}

const loadBefore = loadavg();
const rng = random(20240131);
const many = Array.from({ length: 10_000 }, () => series(36, rng));
checkSame(many.slice(0, 1_000));
compare("10,000 series × 36 points", 360_000, 7, variants(many));
for (const length of [250_000, 500_000, 1_000_000]) {
  const long = [series(length, rng)];
  checkSame(long);
  compare(`1 series × ${length.toLocaleString("en")} points`, length, 4, variants(long));
}

const load = (l: number[]): string => l.map((v) => v.toFixed(2)).join(" ");
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`load average (1, 5, 15 min): ${load(loadBefore)} before, ${load(loadavg())} after`);
console.log(`baseline: ${baselinePath ?? "none (set SPC_BASELINE)"}`);
console.log("| case | variant | points | best ms | points/s | × first variant | retained MiB |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const rate = (r.points / r.bestMs) * 1000;
  console.log(
    `| ${r.name} | ${r.variant} | ${r.points.toLocaleString("en")} | ${r.bestMs.toFixed(1)} | ${(rate / 1e6).toFixed(2)} M | ${r.ratio === undefined ? "" : `${r.ratio.toFixed(1)}×`} | ${r.heapMb.toFixed(1)} |`,
  );
}
