// Making Data Count XmR with all rules: 10,000 series × 36 points and 1 series × 1,000,000 points.
// Run: pnpm --filter @vigil/spc bench mdc   (results are written up in docs/benchmarks/spc-mdc.md)
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { evaluateMdcXmr, mdcXmr } from "../src/mdc/index.js";

// A real gc() (without --expose-gc on the command line), so the heap figures are what the results retain.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

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

interface Result {
  readonly name: string;
  readonly points: number;
  readonly ms: number;
  readonly heapMb: number;
}

function measure(name: string, points: number, run: () => unknown): Result {
  gc();
  const before = process.memoryUsage();
  const start = process.hrtime.bigint();
  const kept = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  gc();
  const after = process.memoryUsage();
  // Heap plus typed-array backing stores (counted in arrayBuffers), retained by the results after a full GC.
  const heapMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20;
  // Keep the result alive until after the heap reading, so it counts.
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
  return fastest as Result;
}

const rng = random(20240131);
const many = Array.from({ length: 10_000 }, () => series(36, rng));
const manyTyped = many.map((s) => Float64Array.from(s));
const long = series(1_000_000, rng);
const longTyped = Float64Array.from(long);
const tenthTyped = longTyped.slice(0, 100_000);
const engine = {
  screenOutliers: true,
  fixAfterNPoints: Infinity,
  shiftLength: 7,
  trendLength: 7,
  undecidableTrend: "no-trend",
} as const;

const results = [
  best("mdcXmr, 10,000 series × 36 points", 360_000, 10, () => many.map((s) => mdcXmr(s))),
  best("mdcXmr, 1 series × 1,000,000 points", 1_000_000, 10, () => mdcXmr(long)),
  best("evaluateMdcXmr (typed core), 10,000 × 36", 360_000, 10, () =>
    manyTyped.map((s) => evaluateMdcXmr(s, [0], engine)),
  ),
  best("evaluateMdcXmr (typed core), 1 × 100,000", 100_000, 10, () =>
    evaluateMdcXmr(tenthTyped, [0], engine),
  ),
  best("evaluateMdcXmr (typed core), 1 × 1,000,000", 1_000_000, 10, () =>
    evaluateMdcXmr(longTyped, [0], engine),
  ),
];

console.log("| case | points | best of 10 (ms) | points/s | retained by the results (MiB) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const rate = (r.points / r.ms) * 1000;
  console.log(
    `| ${r.name} | ${r.points.toLocaleString("en-GB")} | ${r.ms.toFixed(1)} | ${(rate / 1e6).toFixed(2)} M | ${r.heapMb.toFixed(1)} |`,
  );
}
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}`);
