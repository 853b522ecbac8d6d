import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { spcChart } from "./spc-chart.js";

/**
 * The README promises an analyst a chart from a CSV in five lines; this runs exactly the code printed there, so
 * the README cannot drift from the API.
 */
describe("README: from a CSV of monthly counts to a chart", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### From a CSV of monthly counts"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";

  it("is five lines, the import included", () => {
    const lines = block.trim().split("\n");
    expect(lines[0]).toBe('import { spcChart } from "@vigil/spc";');
    expect(lines.length).toBeLessThanOrEqual(5);
  });

  it("runs and prints a u chart of the CSV's rates per 1,000 bed days", () => {
    const body = block.replace(/^import .*\n/m, "");
    const js = ts.transpileModule(body, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
    const csv = "month,falls,bed_days\n2024-01,12,3000\n2024-02,9,3000\n2024-03,15,3000\n2024-04,6,3000\n";
    let printed: unknown;
    const fakeConsole = { table: (rows: unknown) => (printed = rows) };
    runInNewContext(js, { spcChart, csv, console: fakeConsole, Number });
    // u chart, equal exposure: centre = 42 falls / 12,000 bed days × 1,000 = 3.5 (Montgomery 2009, §7.3.1).
    expect(printed).toMatchObject([
      { month: "2024-01", rate: 4, cl: 3.5 },
      { month: "2024-02", rate: 3, cl: 3.5 },
      { month: "2024-03", rate: 5, cl: 3.5 },
      { month: "2024-04", rate: 2, cl: 3.5 },
    ]);
    const [first] = printed as { ucl: number }[];
    // UCL = ū + 3·√(ū/n) with ū = 0.0035 per bed day and n = 3,000, times 1,000.
    expect(first!.ucl).toBeCloseTo((0.0035 + 3 * Math.sqrt(0.0035 / 3000)) * 1000, 10);
  });
});
