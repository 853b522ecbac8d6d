import { describe, expect, it } from "vitest";
import { SpcError } from "../core/spc-error.js";
import { funnelPlot } from "./funnel-plot.js";
import { spcChart } from "./spc-chart.js";
import type { SpcChartOptions, SpcObservation } from "./spc-chart.type.js";

const series = (values: readonly (number | null)[]): SpcObservation[] =>
  values.map((value, i) => ({ period: i + 1, value }));

function expectSpcError(run: () => unknown, code: string, argument: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SpcError);
  expect(caught).toMatchObject({ code, argument });
  expect((caught as Error).message).toContain(argument);
}

describe("spcChart refuses bad input with a coded SpcError naming the argument", () => {
  const cases: [string, () => unknown, string, string][] = [
    ["an empty series", () => spcChart([], { chart: "i" }), "EMPTY_SERIES", "observations"],
    [
      "a series of missing values",
      () => spcChart(series([null, null]), { chart: "i" }),
      "EMPTY_SERIES",
      "observations",
    ],
    ["NaN", () => spcChart(series([1, Number.NaN]), { chart: "i" }), "INVALID_NUMBER", "value"],
    ["Infinity", () => spcChart(series([1, Infinity]), { chart: "i" }), "INVALID_NUMBER", "value"],
    ["a negative count", () => spcChart(series([3, -1]), { chart: "c" }), "NEGATIVE_COUNT", "value"],
    [
      "a negative denominator",
      () => spcChart([{ period: 1, value: 1, denominator: -5 }], { chart: "u" }),
      "NEGATIVE_DENOMINATOR",
      "denominator",
    ],
    [
      "more events than patients",
      () => spcChart([{ period: 1, value: 11, denominator: 10 }], { chart: "p" }),
      "NUMERATOR_EXCEEDS_DENOMINATOR",
      "value",
    ],
    [
      "events over a zero denominator",
      () => spcChart([{ period: 1, value: 2, denominator: 0 }], { chart: "u" }),
      "ZERO_DENOMINATOR",
      "denominator",
    ],
    [
      "a p chart without denominators",
      () => spcChart(series([1, 2]), { chart: "p" }),
      "MISSING_DENOMINATOR",
      "denominator",
    ],
    [
      "a value without its denominator",
      () =>
        spcChart(
          [
            { period: 1, value: 1, denominator: 10 },
            { period: 2, value: 1 },
          ],
          { chart: "pp" },
        ),
      "MISSING_DENOMINATOR",
      "denominator",
    ],
    [
      "a time of zero on a t chart",
      () => spcChart(series([4, 0]), { chart: "t" }),
      "NON_POSITIVE_TIME",
      "value",
    ],
    [
      "a freeze beyond the series",
      () => spcChart(series([1, 2, 3]), { chart: "i", freeze: 9 }),
      "FREEZE_OUT_OF_RANGE",
      "freeze",
    ],
    [
      "a freeze before the series",
      () => spcChart(series([1, 2, 3]), { chart: "i", freeze: 0 }),
      "FREEZE_OUT_OF_RANGE",
      "freeze",
    ],
    [
      "a phase beyond the series",
      () => spcChart(series([1, 2, 3]), { chart: "i", phases: [7] }),
      "PHASE_OUT_OF_RANGE",
      "phases",
    ],
    [
      "excluding an unknown period",
      () => spcChart(series([1, 2, 3]), { chart: "i", exclude: [2.5] }),
      "UNKNOWN_PERIOD",
      "exclude",
    ],
    [
      "freeze with baselinePoints",
      () => spcChart(series([1, 2, 3]), { chart: "i", freeze: 2, baselinePoints: 2 }),
      "INVALID_OPTION",
      "freeze",
    ],
    [
      "a fractional baselinePoints",
      () => spcChart(series([1, 2, 3]), { chart: "i", baselinePoints: 1.5 }),
      "INVALID_OPTION",
      "baselinePoints",
    ],
    [
      "an unknown chart",
      () => spcChart(series([1, 2]), { chart: "x" } as unknown as SpcChartOptions),
      "UNKNOWN_CHART",
      "chart",
    ],
    [
      "an unknown rule set",
      () =>
        spcChart(series([1, 2]), { chart: "i", rules: ["western-electric"] } as unknown as SpcChartOptions),
      "UNKNOWN_RULE_SET",
      "rules",
    ],
    [
      "a zero multiplier",
      () => spcChart(series([1, 2]), { chart: "i", multiply: 0 }),
      "INVALID_OPTION",
      "multiply",
    ],
    [
      'a text screenMovingRanges ("false" would read as true)',
      () =>
        spcChart(series([1, 2]), {
          chart: "i",
          screenMovingRanges: "false",
        } as unknown as SpcChartOptions),
      "INVALID_OPTION",
      "screenMovingRanges",
    ],
    [
      "a text negativeLimits",
      () => spcChart(series([1, 2]), { chart: "i", negativeLimits: "false" } as unknown as SpcChartOptions),
      "INVALID_OPTION",
      "negativeLimits",
    ],
    [
      "events over a zero denominator on a p chart (a zero denominator, not too many events)",
      () =>
        spcChart(
          [
            { period: 1, value: 1, denominator: 0 },
            { period: 2, value: 1, denominator: 3 },
          ],
          { chart: "pp" },
        ),
      "ZERO_DENOMINATOR",
      "denominator",
    ],
    [
      "an unknown runs method (it would be read as the cut-box)",
      () => spcChart(series([1, 2]), { chart: "i", runsMethod: "best" } as unknown as SpcChartOptions),
      "INVALID_OPTION",
      "runsMethod",
    ],
    [
      "phases that are not an array",
      () => spcChart(series([1, 2, 3]), { chart: "i", phases: 2 } as unknown as SpcChartOptions),
      "INVALID_OPTION",
      "phases",
    ],
    [
      "exclude that is not an array",
      () => spcChart(series([1, 2, 3]), { chart: "i", exclude: 2 } as unknown as SpcChartOptions),
      "INVALID_OPTION",
      "exclude",
    ],
    [
      "a NaN centre line",
      () => spcChart(series([1, 2]), { chart: "i", centreLine: Number.NaN }),
      "INVALID_OPTION",
      "centreLine",
    ],
    [
      "mixed period kinds",
      () =>
        spcChart(
          [
            { period: 1, value: 1 },
            { period: "2024-01-01", value: 2 },
          ],
          { chart: "i" },
        ),
      "INVALID_PERIOD",
      "period",
    ],
    [
      "period aggregation of numbers",
      () => spcChart(series([1, 2]), { chart: "i", period: "month" }),
      "INVALID_OPTION",
      "period",
    ],
    [
      "an unknown period unit",
      () => spcChart([{ period: "2024-01-01", value: 1 }], { chart: "i", period: "fortnight" }),
      "INVALID_ARGUMENT",
      "x.period",
    ],
    [
      "an unknown improvement direction",
      () => spcChart(series([1, 2]), { chart: "i", improvement: "up" } as unknown as SpcChartOptions),
      "INVALID_OPTION",
      "improvement",
    ],
  ];
  it.each(cases)("%s", (_, run, code, argument) => expectSpcError(run, code, argument));
});

describe("funnelPlot refuses bad units", () => {
  it.each([
    ["no units", () => funnelPlot([], { chart: "p" }), "EMPTY_SERIES", "units"],
    [
      "a duplicate id",
      () =>
        funnelPlot(
          [
            { id: "A", numerator: 1, denominator: 10 },
            { id: "A", numerator: 2, denominator: 10 },
          ],
          { chart: "p" },
        ),
      "DUPLICATE_UNIT",
      "id",
    ],
    [
      "a zero denominator",
      () => funnelPlot([{ id: "A", numerator: 0, denominator: 0 }], { chart: "u" }),
      "ZERO_DENOMINATOR",
      "denominator",
    ],
    [
      "more events than patients",
      () => funnelPlot([{ id: "A", numerator: 5, denominator: 4 }], { chart: "pp" }),
      "NUMERATOR_EXCEEDS_DENOMINATOR",
      "numerator",
    ],
    [
      "a negative count",
      () => funnelPlot([{ id: "A", numerator: -1, denominator: 4 }], { chart: "u" }),
      "NEGATIVE_COUNT",
      "numerator",
    ],
    [
      "an I chart",
      () => funnelPlot([{ id: "A", numerator: 1, denominator: 4 }], { chart: "i" as "p" }),
      "UNKNOWN_CHART",
      "chart",
    ],
  ] as [string, () => unknown, string, string][])("%s", (_, run, code, argument) =>
    expectSpcError(run, code, argument),
  );
});
