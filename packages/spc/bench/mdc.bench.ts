// Making Data Count XmR with all rules: 10,000 series × 36 points and 1 series of 250,000 / 500,000 /
// 1,000,000 points. Results are written up in docs/benchmarks/spc-mdc.md.
//
// Run:      pnpm --filter @vigil/spc bench mdc
// Baseline: SPC_BASELINE=/path/to/old/packages/spc/src/index.ts pnpm --filter @vigil/spc bench mdc
//   (see bench/charts.bench.ts): the old mdcXmr runs in this process, on the same inputs, in alternating
//   rounds, after its results are checked to serialise to exactly the same JSON as the current ones.
import { loadavg } from "node:os";
import { evaluateMdcXmr, mdcXmr } from "../src/mdc/index.js";
import { compareVariants, indicatorSeries, random, type VariantResult } from "./measure.js";

type MdcXmrFunction = (values: readonly (number | null)[]) => unknown;
const baselinePath = process.env["SPC_BASELINE"];
const baseline: MdcXmrFunction | undefined =
  baselinePath === undefined
    ? undefined
    : ((await import(baselinePath)) as { mdcXmr: MdcXmrFunction }).mdcXmr;

interface Row extends VariantResult {
  readonly name: string;
  readonly points: number;
}
const rows: Row[] = [];

/** The variants of one case in alternating rounds after a warm-up call each; best round of each. */
function compare(
  name: string,
  points: number,
  rounds: number,
  variants: Record<string, () => unknown>,
): void {
  for (const result of compareVariants(rounds, variants)) rows.push({ name, points, ...result });
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
const many = Array.from({ length: 10_000 }, () => indicatorSeries(36, rng));
checkSame(many.slice(0, 1_000));
compare("10,000 series × 36 points", 360_000, 7, variants(many));
for (const length of [250_000, 500_000, 1_000_000]) {
  const long = [indicatorSeries(length, rng)];
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
