// Chart engine: spcChart XmR (and other charts) with the rule sets, 10,000 series × 36 points and 1 series of
// 250,000 / 500,000 / 1,000,000 points. Results are written up in docs/benchmarks/spc-charts.md.
//
// Run:      pnpm --filter @vigil/spc bench charts
// Baseline: SPC_BASELINE=/path/to/old/packages/spc/src/index.ts pnpm --filter @vigil/spc bench charts
//   (e.g. `git archive 79a8bf6 packages/spc/src | tar -x -C /tmp/spc-baseline`, the engine before the
//   columnar result). The baseline then runs in this same process, on the same inputs, in alternating rounds
//   with the current engine, so the ratio holds even when the machine is busy; its charts are first checked
//   to serialise to exactly the same JSON as the current ones.
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { qic } from "../src/compat/index.js";
import { spcChart, type ChartType, type SpcChart, type SpcObservation } from "../src/index.js";

// A real gc() (without --expose-gc on the command line), so heap figures are what the results retain.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

type ChartFunction = (
  observations: readonly SpcObservation[],
  options: { chart: ChartType; rules: Rules },
) => unknown;
type Rules = readonly ("anhoej" | "sigma" | "mdc")[];

const baselinePath = process.env["SPC_BASELINE"];
const baseline: ChartFunction | undefined =
  baselinePath === undefined
    ? undefined
    : ((await import(baselinePath)) as { spcChart: ChartFunction }).spcChart;

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

/** An indicator-like series: a level, noise and a step half way, so the rules have something to find. */
function values(length: number, rng: () => number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = 50 + (i > length / 2 ? 4 : 0) + (rng() - 0.5) * 10;
  return out;
}

function observations(ys: readonly number[], rng: () => number, chart: ChartType): SpcObservation[] {
  if (chart === "p" || chart === "u") {
    return ys.map((y, i) => ({
      period: i + 1,
      value: Math.round(y),
      denominator: 200 + Math.floor(rng() * 100),
    }));
  }
  if (chart === "c") return ys.map((y, i) => ({ period: i + 1, value: Math.round(y) }));
  if (chart === "xbar")
    return ys.flatMap((y, i) => [0, 1, 2, 3, 4].map((k) => ({ period: i + 1, value: y + k - 2 })));
  return ys.map((value, i) => ({ period: i + 1, value }));
}

/** One timed call; heap is what the result retains (heap and typed-array stores) after a full collection. */
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
  /** The first call (new inputs, memory the process has not used yet), then the best round. */
  readonly firstMs: number;
  readonly bestMs: number;
  readonly heapMb: number;
  readonly ratio?: number;
}

const rows: Row[] = [];

/**
 * Times the variants of one case in alternating rounds (A, B, A, B, …), so they share the machine's
 * state; reports each one's first call, best round, speed relative to the first variant (best against
 * best), and what one result retains.
 */
function compare(
  name: string,
  points: number,
  rounds: number,
  variants: Record<string, () => unknown>,
): void {
  const entries = Object.entries(variants);
  const first = entries.map(([, run]) => time(run));
  const best = [...first];
  for (let r = 0; r < rounds; r++) {
    entries.forEach(([, run], k) => {
      best[k] = Math.min(best[k]!, time(run));
    });
  }
  entries.forEach(([variant, run], k) => {
    const ratio = k === 0 ? undefined : best[0]! / best[k]!;
    const heapMb = retained(run);
    rows.push({
      name,
      points,
      variant,
      firstMs: first[k]!,
      bestMs: best[k]!,
      heapMb,
      ...(ratio === undefined ? {} : { ratio }),
    });
  });
}

/** The variants of a case: the baseline (when given), the current engine's objects, its columns. */
function variants(
  inputs: readonly SpcObservation[][],
  chart: ChartType,
  rules: Rules,
  keep: boolean,
): Record<string, () => unknown> {
  const run = (draw: (o: SpcObservation[]) => unknown) => (): unknown => {
    if (keep) return inputs.map(draw);
    let n = 0;
    for (const o of inputs) n += draw(o) === undefined ? 0 : 1;
    return n;
  };
  const out: Record<string, () => unknown> = {};
  if (baseline !== undefined) out["baseline (before columns)"] = run((o) => baseline(o, { chart, rules }));
  out["points read"] = run((o) => {
    const c = spcChart(o, { chart, rules });
    // What every caller of the object API used to get: the points, the frame and the rule sets' lists.
    if (c.points.length + c.frame.y.length < 0) return undefined;
    for (const id in c.rules) if (c.rules[id]!.points.length < 0) return undefined;
    return c;
  });
  out["columns only"] = run((o) => {
    const c = spcChart(o, { chart, rules });
    return c.columns.signals.length < 0 ? undefined : c;
  });
  return out;
}

/** With a baseline, every benchmark input must give the same JSON from both engines. */
function checkSame(inputs: readonly SpcObservation[][], chart: ChartType, rules: Rules): void {
  if (baseline === undefined) return;
  for (const o of inputs) {
    const a = JSON.stringify(baseline(o, { chart, rules }));
    const b = JSON.stringify(spcChart(o, { chart, rules }) satisfies SpcChart);
    if (a !== b) throw new Error(`baseline and current differ on a ${chart} chart`);
  }
}

/** How fast this machine is at the two things large charts do most: tight loops and touching new memory. */
function calibration(): void {
  const reused = new Float64Array(1_000_000);
  const loop = (): Float64Array => {
    for (let i = 0; i < reused.length; i++) reused[i] = Math.sqrt(i);
    return reused;
  };
  compare("calibration: 1M Math.sqrt into a reused Float64Array", 1_000_000, 5, { loop });
  const fresh = (): Float64Array => {
    const a = new Float64Array(10_000_000);
    for (let i = 0; i < a.length; i += 512) a[i] = 1;
    return a;
  };
  compare("calibration: first write to a fresh 80 MB Float64Array", 10_000_000, 2, { fresh });
}

const loadBefore = loadavg();
const rng = random(20240131);
const many = Array.from({ length: 10_000 }, () => values(36, rng));
const manyObservations = many.map((ys) => observations(ys, rng, "i"));
const ALL: Rules = ["anhoej", "sigma", "mdc"];
const MDC: Rules = ["mdc"];

calibration();
checkSame(manyObservations.slice(0, 500), "i", ALL);
compare("spcChart XmR, mdc, 10,000 × 36, streamed", 360_000, 7, variants(manyObservations, "i", MDC, false));
compare(
  "spcChart XmR, anhoej+sigma+mdc, 10,000 × 36, streamed",
  360_000,
  7,
  variants(manyObservations, "i", ALL, false),
);
compare(
  "spcChart XmR, anhoej+sigma+mdc, 10,000 × 36, all kept",
  360_000,
  3,
  variants(manyObservations, "i", ALL, true),
);
for (const chart of ["run", "c", "p", "u", "xbar"] as const) {
  const inputs = many.map((ys) => observations(ys, rng, chart));
  checkSame(inputs.slice(0, 200), chart, ALL);
  compare(
    `spcChart ${chart}, anhoej+sigma+mdc, 10,000 × 36, streamed`,
    360_000,
    3,
    variants(inputs, chart, ALL, false),
  );
}
const qicInputs = many.slice(0, 2_000).map((ys) => ({
  args: { x: "x", y: "y", chart: "i" as const },
  options: { "qic.screenedmr": true },
  input: { x_type: "numeric" as const, columns: { x: ys.map((_, i) => i + 1), y: ys } },
}));
compare("qic() compat XmR (points + summary rows), 2,000 × 36", 72_000, 3, {
  qic: () => {
    let n = 0;
    for (const c of qicInputs) n += qic(c).points.length;
    return n;
  },
});

for (const length of [250_000, 500_000, 1_000_000]) {
  const obs = [observations(values(length, rng), rng, "i")];
  const label = length.toLocaleString("en");
  checkSame(obs, "i", ALL);
  compare(`spcChart XmR, mdc, 1 × ${label}`, length, 3, variants(obs, "i", MDC, true));
  compare(`spcChart XmR, anhoej+sigma+mdc, 1 × ${label}`, length, 3, variants(obs, "i", ALL, true));
}

const loadAfter = loadavg();
const load = (l: number[]): string => l.map((v) => v.toFixed(2)).join(" ");
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`load average (1, 5, 15 min): ${load(loadBefore)} before, ${load(loadAfter)} after`);
console.log(`baseline: ${baselinePath ?? "none (set SPC_BASELINE)"}`);
console.log(
  "| case | variant | points | first call ms | best ms | points / s (best) | × first variant | heap retained MB |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const rate = r.points / (r.bestMs / 1000);
  const rateText = rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M` : `${(rate / 1e3).toFixed(0)} k`;
  console.log(
    `| ${r.name} | ${r.variant} | ${r.points.toLocaleString("en")} | ${r.firstMs.toFixed(1)} | ${r.bestMs.toFixed(1)} | ${rateText} | ${r.ratio === undefined ? "" : `${r.ratio.toFixed(1)}×`} | ${r.heapMb.toFixed(1)} |`,
  );
}
