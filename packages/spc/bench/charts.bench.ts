// Chart engine: XmR (and other charts) with all rules for 10,000 series × 36 points and 1 series × 1,000,000.
// Run: pnpm --filter @vigil/spc bench charts   (results are written up in docs/benchmarks/spc-charts.md)
// For heap figures that exclude garbage, run with NODE_OPTIONS=--expose-gc.
import {
  anhoejRuleSet,
  computeChartColumns,
  makingDataCountRules,
  multiplyAndClean,
  sigmaRuleSet,
  spcChart,
  toFrame,
  type ChartType,
  type SpcObservation,
  type SubgroupColumns,
} from "../src/index.js";
import { loadavg } from "node:os";
import { qic } from "../src/compat/index.js";

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

interface Result {
  readonly name: string;
  readonly points: number;
  readonly ms: number;
  readonly heapMb: number;
}

function measure(name: string, points: number, run: () => unknown): Result {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const kept = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  if (kept === undefined) throw new Error("benchmark produced nothing");
  return { name, points, ms, heapMb };
}

function best(name: string, points: number, rounds: number, run: () => unknown): Result {
  run(); // warm-up: let the JIT compile the hot loops before timing
  let fastest: Result | undefined;
  for (let r = 0; r < rounds; r++) {
    const result = measure(name, points, run);
    if (fastest === undefined || result.ms < fastest.ms) fastest = result;
  }
  return fastest!;
}

const ALL_RULES = ["anhoej", "sigma", "mdc"] as const;
const mdc = makingDataCountRules();

/** The engine without point objects: limits, the ChartFrame and the three rule sets. */
function engineXmr(ys: Float64Array): unknown {
  const m = ys.length;
  const nan = new Float64Array(m).fill(Number.NaN);
  const data: SubgroupColumns = {
    y: ys,
    ySum: ys,
    yLength: new Float64Array(m).fill(1),
    yMean: ys,
    ySd: nan,
    n: nan,
  };
  const layout = { base: new Uint8Array(m).fill(1), fixedCl: nan };
  const columns = computeChartColumns("i", data, layout, [0], {
    screenMovingRanges: true,
    categorical: false,
  });
  multiplyAndClean(columns, 1);
  const frame = toFrame(columns, new Array<number>(m).fill(0), new Array<boolean>(m).fill(true));
  return [anhoejRuleSet.evaluate(frame), sigmaRuleSet.evaluate(frame), mdc.evaluate(frame)];
}

/** How fast this machine is at the two things large charts do most: tight loops and touching new memory. */
function calibration(): Result[] {
  const reused = new Float64Array(1_000_000);
  const loop = best("calibration: 1M Math.sqrt into a reused Float64Array", 1_000_000, 5, () => {
    for (let i = 0; i < reused.length; i++) reused[i] = Math.sqrt(i);
    return reused;
  });
  const fresh = measure("calibration: first write to a fresh 80 MB Float64Array", 10_000_000, () => {
    const a = new Float64Array(10_000_000);
    for (let i = 0; i < a.length; i += 512) a[i] = 1;
    return a;
  });
  return [loop, fresh];
}

const loadBefore = loadavg()[0]!;
const rng = random(20240131);
const many = Array.from({ length: 10_000 }, () => values(36, rng));
const manyObservations = many.map((ys) => observations(ys, rng, "i"));
const manyTyped = many.map((ys) => Float64Array.from(ys));
const results: Result[] = calibration();

/** Draws every chart but keeps none: steady-state throughput, as when each chart is serialised and dropped. */
function streamed(
  inputs: readonly SpcObservation[][],
  chart: ChartType,
  rules: readonly ("anhoej" | "sigma" | "mdc")[],
) {
  return () => {
    let points = 0;
    for (const o of inputs) points += spcChart(o, { chart, rules }).points.length;
    return points;
  };
}

results.push(
  best("spcChart XmR, anhoej+sigma+mdc, 10,000 × 36, all results kept", 360_000, 5, () =>
    manyObservations.map((o) => spcChart(o, { chart: "i", rules: ALL_RULES })),
  ),
);
results.push(
  best(
    "spcChart XmR, anhoej+sigma+mdc, 10,000 × 36, streamed",
    360_000,
    7,
    streamed(manyObservations, "i", ALL_RULES),
  ),
);
results.push(
  best(
    "spcChart XmR, anhoej+sigma, 10,000 × 36, streamed",
    360_000,
    7,
    streamed(manyObservations, "i", ["anhoej", "sigma"]),
  ),
);
results.push(
  best("engine XmR + 3 rule sets (no point objects), 10,000 × 36, streamed", 360_000, 7, () => {
    let n = 0;
    for (const ys of manyTyped) n += (engineXmr(ys) as unknown[]).length;
    return n;
  }),
);
for (const chart of ["run", "c", "p", "u", "xbar"] as const) {
  const inputs = many.map((ys) => observations(ys, rng, chart));
  results.push(
    best(
      `spcChart ${chart}, anhoej+sigma+mdc, 10,000 × 36, streamed`,
      360_000,
      3,
      streamed(inputs, chart, ALL_RULES),
    ),
  );
}
const qicInputs = many.slice(0, 2_000).map((ys) => ({
  args: { x: "x", y: "y", chart: "i" as const },
  options: { "qic.screenedmr": true },
  input: { x_type: "numeric" as const, columns: { x: ys.map((_, i) => i + 1), y: ys } },
}));
results.push(
  best("qic() compat XmR (points + summary rows), 2,000 × 36, streamed", 72_000, 3, () => {
    let n = 0;
    for (const c of qicInputs) n += qic(c).points.length;
    return n;
  }),
);

for (const length of [250_000, 500_000, 1_000_000]) {
  const ys = values(length, rng);
  const obs = observations(ys, rng, "i");
  const typed = Float64Array.from(ys);
  const label = length.toLocaleString("en");
  results.push(
    best(`spcChart XmR, anhoej+sigma+mdc, 1 × ${label}`, length, 3, () =>
      spcChart(obs, { chart: "i", rules: ALL_RULES }),
    ),
  );
  results.push(best(`engine XmR + 3 rule sets, 1 × ${label}`, length, 3, () => engineXmr(typed)));
}

console.log(
  `Node ${process.version}, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after`,
);
console.log("| case | points | best time (ms) | points / s | heap retained (MB) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const rate = Math.round(r.points / (r.ms / 1000));
  console.log(
    `| ${r.name} | ${r.points.toLocaleString("en")} | ${r.ms.toFixed(1)} | ${rate.toLocaleString("en")} | ${r.heapMb.toFixed(1)} |`,
  );
}
