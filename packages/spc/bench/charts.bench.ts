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
import { qic } from "../src/compat/index.js";
import { spcChart, type ChartType, type SpcChart, type SpcObservation } from "../src/index.js";
import { compareVariants, indicatorSeries, random, type VariantResult } from "./measure.js";

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

interface Row extends VariantResult {
  readonly name: string;
  readonly points: number;
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
  for (const result of compareVariants(rounds, variants)) rows.push({ name, points, ...result });
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
const many = Array.from({ length: 10_000 }, () => indicatorSeries(36, rng));
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
  const obs = [observations(indicatorSeries(length, rng), rng, "i")];
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
