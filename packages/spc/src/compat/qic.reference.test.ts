import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { qic } from "./qic.js";
import type { QicCall, QicRow, QicValue } from "./qic.type.js";

/*
 * The qicharts2 0.8.1 reference cases of the project's shared spc-examples (R 4.2.2), copied to ./qic-cases so the
 * package's tests are self-contained. Tolerance from that README: numbers |a − e| ≤ 1e-6·max(1, |e|);
 * integers, booleans and categories exact; an expected null must be "no value". Rows are matched on
 * (facet1, facet2, x), not on position.
 */
const here = dirname(fileURLToPath(import.meta.url));
const caseDir = join(here, "qic-cases");
const files = readdirSync(caseDir).filter((f) => f.startsWith("qic_") && f.endsWith(".json"));

interface ReferenceCase extends QicCall {
  readonly id: string;
  readonly expected: { readonly points: readonly QicRow[]; readonly summary: readonly QicRow[] };
}

const NUMERIC = ["y", "cl", "lcl", "ucl", "lcl.95", "ucl.95", "y.sum", "y.mean", "y.sd", "n", "target"];
const EXACT = [
  "part",
  "xx",
  "y.length",
  "baseline",
  "include",
  "n.obs",
  "n.useful",
  "longest.run",
  "longest.run.max",
  "n.crossings",
  "n.crossings.min",
  "runs.signal",
  "sigma.signal",
];
const SUMMARY_NUMERIC = ["aLCL", "aLCL.95", "CL", "aUCL.95", "aUCL"];
const SUMMARY_EXACT = [
  "n.obs",
  "n.useful",
  "longest.run",
  "longest.run.max",
  "n.crossings",
  "n.crossings.min",
  "runs.signal",
  "sigma.signal",
];

function close(actual: QicValue | undefined, expected: QicValue, what: string): void {
  if (expected === null) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe("number");
  const e = expected as number;
  expect(Math.abs((actual as number) - e), `${what}: ${String(actual)} vs ${e}`).toBeLessThanOrEqual(
    1e-6 * Math.max(1, Math.abs(e)),
  );
}

const keyOf = (row: QicRow): string => JSON.stringify([row.facet1, row.facet2, row.x]);

describe("qic() reproduces the qicharts2 0.8.1 reference cases", () => {
  expect(files.length).toBeGreaterThanOrEqual(7);
  for (const file of files) {
    const reference = JSON.parse(readFileSync(join(caseDir, file), "utf8")) as ReferenceCase;
    it(`${reference.id}: every point matches on (facet1, facet2, x)`, () => {
      const { points } = qic(reference);
      expect(points).toHaveLength(reference.expected.points.length);
      const byKey = new Map(points.map((p) => [keyOf(p), p]));
      for (const expected of reference.expected.points) {
        const actual = byKey.get(keyOf(expected));
        expect(actual, `row ${keyOf(expected)}`).toBeDefined();
        for (const column of NUMERIC)
          close(actual![column], expected[column] ?? null, `${keyOf(expected)} ${column}`);
        for (const column of EXACT) {
          expect(actual![column] ?? null, `${keyOf(expected)} ${column}`).toEqual(expected[column] ?? null);
        }
      }
    });
    it(`${reference.id}: the summary matches per facet and part`, () => {
      const { summary } = qic(reference);
      expect(summary).toHaveLength(reference.expected.summary.length);
      reference.expected.summary.forEach((expected, i) => {
        const actual = summary[i]!;
        for (const column of ["facet1", "facet2", "part", ...SUMMARY_EXACT]) {
          expect(actual[column] ?? null, `summary ${i} ${column}`).toEqual(expected[column] ?? null);
        }
        for (const column of SUMMARY_NUMERIC)
          close(actual[column], expected[column] ?? null, `summary ${i} ${column}`);
      });
    });
  }
});
