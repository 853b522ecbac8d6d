import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageRanks } from "./average-ranks.js";
import { derSimonianLairdTau2 } from "./dersimonian-laird-tau2.js";
import { quantileType7 } from "./quantile-type7.js";
import { shmiBanding, type ShmiUnit } from "./shmi-banding.js";

const near = (actual: number, expected: number, tolerance = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));

/**
 * Ten units with E = 100 and O = 100·e^(z/10), so the unadjusted z-scores √E·ln(O/E) are exactly the chosen z.
 * Hand calculation (INDICATORS.md §4.1): ranks 1..10, sp = ⌊rank·10/11⌋ = 0,1,...,8,9, so the lowest (sp 0) and
 * the highest (sp 9) are dropped; the kept z are −2, −1, −0.5, 0, 0.5, 1, 2, 3 with Σz² = 19.5, so φ = 19.5/8 =
 * 2.4375; all weights are 100, so τ² = (19.5 − 7)/(800 − 80000/800) = 12.5/700 = 1/56.
 */
const Z = [-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 10];
const equalUnits: ShmiUnit[] = Z.map((z, i) => ({
  id: `u${i}`,
  observed: 100 * Math.exp(z / 10),
  expected: 100,
}));

describe("shmiBanding (SHMI method)", () => {
  it("trims the 10% most extreme z-scores at each end, then estimates φ and τ² (hand calculation)", () => {
    const r = shmiBanding(equalUnits);
    expect(r.method).toBe("shmi");
    expect(r.units.map((u) => u.trimmed)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    r.units.forEach((u, i) => near(u.zUnadjusted, Z[i] as number));
    near(r.phi, 2.4375);
    near(r.tau2, 1 / 56);
  });

  it("puts the limits at exp(±z·√(1/E + τ²)) and bands against the 95% limits", () => {
    const r = shmiBanding(equalUnits);
    const se = Math.sqrt(1 / 100 + 1 / 56); // 0.16690459…
    for (const u of r.units) {
      near(u.lower95, Math.exp(-1.959964 * se));
      near(u.upper95, Math.exp(1.959964 * se));
      near(u.lower998, Math.exp(-3.090232 * se));
      near(u.upper998, Math.exp(3.090232 * se));
      near(u.z, Math.log(u.ratio) / se);
    }
    // 95% limits 0.7210 / 1.3869: only e^1 = 2.718 (z = 10) is outside; e^-0.3 = 0.741 is inside.
    expect(r.units.map((u) => u.band)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 1]);
  });

  it("reproduces FunnelPlotR's own test data by the written formulas", () => {
    // FunnelPlotR tests/testthat/test-funnel_plot.R: numerator c(100, 150, 180, 80, 120, 225), denominator
    // c(108, 112, 165, 95, 100, 220). Values computed by hand (Python, double precision) from INDICATORS.md §4.1:
    // ranks 2, 6, 4, 1, 5, 3 give sp 2, 8, 5, 1, 7, 4, so none is trimmed; φ = 2.948033175102358,
    // τ² = 0.01947753057802157.
    const O = [100, 150, 180, 80, 120, 225];
    const E = [108, 112, 165, 95, 100, 220];
    const r = shmiBanding(O.map((o, i) => ({ id: "abcdef"[i]!, observed: o, expected: E[i]! })));
    expect(r.units.every((u) => !u.trimmed)).toBe(true);
    near(r.phi, 2.948033175102358);
    near(r.tau2, 0.01947753057802157);
    const expected = [
      [0.7173067492847119, 1.3941037094620758, 0.5922337133214476, 1.6885225840853617, -0.4539957719757799],
      [0.7186833035079574, 1.3914334660606567, 0.594026648977396, 1.6834261589467043, 1.7333245408308842],
      [0.7310926342037793, 1.3678157229542918, 0.6102788191250679, 1.6385952922856795, 0.5444793815488559],
      [0.7121280881405996, 1.4042417602303088, 0.5855063828720344, 1.7079233109206864, -0.9921143224029064],
      [0.7142611378167909, 1.4000481715365305, 0.5882739122800592, 1.6998884008372117, 1.0619216405539016],
      [0.7380219732690716, 1.3549732070584506, 0.6194236225957669, 1.6144040419533623, 0.144992246862392],
    ];
    r.units.forEach((u, i) => {
      const [l95, u95, l998, u998, z] = expected[i]!;
      near(u.lower95, l95!);
      near(u.upper95, u95!);
      near(u.lower998, l998!);
      near(u.upper998, u998!);
      near(u.z, z!);
    });
    // b: 150/112 = 1.339 < 1.391, so every unit is "as expected".
    expect(r.units.map((u) => u.band)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it("gives tied z-scores their average rank, which can keep both of two tied lowest units", () => {
    // Ten units: untied, the lowest has rank 1 and sp = ⌊10/11⌋ = 0 (dropped); tied, the two lowest have rank 1.5
    // and sp = ⌊15/11⌋ = 1 (kept).
    const untied = shmiBanding(equalUnits);
    expect(untied.units[0]?.trimmed).toBe(true);
    const tied = shmiBanding(
      equalUnits.map((u, i) => (i === 1 ? { ...u, observed: equalUnits[0]!.observed } : u)),
    );
    expect(tied.units.slice(0, 2).map((u) => u.trimmed)).toEqual([false, false]);
  });

  it("sets τ² to 0 when n′φ < n′ − 1 (no overdispersion) and keeps the plain limits", () => {
    const calm = Z.map((z, i) => ({ id: `c${i}`, observed: 100 * Math.exp(z / 100), expected: 100 }));
    const r = shmiBanding(calm);
    expect(r.phi).toBeLessThan(7 / 8);
    expect(r.tau2).toBe(0);
    near(r.units[0]!.upper95, Math.exp(1.959964 / 10));
  });

  it("reports φ = τ² = 0 and plain limits without the overdispersion adjustment", () => {
    const r = shmiBanding(equalUnits, { overdispersion: false });
    expect([r.phi, r.tau2]).toEqual([0, 0]);
    near(r.units[0]!.lower95, Math.exp(-0.1959964));
    // Without τ², a unit is outside exactly when |z| > 1.959964: z = −3, −2 low; 2, 3, 10 high.
    expect(r.units.map((u) => u.band)).toEqual([3, 3, 2, 2, 2, 2, 2, 1, 1, 1]);
  });

  it("follows another trim fraction", () => {
    // trim 0.2: k = 5, sp = ⌊rank·5/11⌋ = 0,0,1,1,2,2,3,3,4,4 → keep sp 1..3, i.e. ranks 3 to 8.
    const r = shmiBanding(equalUnits, { trim: 0.2 });
    expect(r.units.map((u) => u.trimmed)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    near(r.phi, (1 + 0.25 + 0 + 0.25 + 1 + 4) / 6);
  });
});

describe("shmiBanding (CQC / Spiegelhalter method)", () => {
  it("winsorises z = 2(√O − √E) at the 10th/90th percentiles and uses weights 4E (FunnelPlotR test data)", () => {
    // Same data as above; hand calculation (Python) from INDICATORS.md §4.1 / FunnelPlotR od_adjustment.R:
    // percentiles (type 7) -1.194827280223068 and 2.61889461976085, φ = 2.3271782575941193,
    // τ² = 0.003439780154186274, limits (1 ± z·√(1/(4E) + τ²))².
    const O = [100, 150, 180, 80, 120, 225];
    const E = [108, 112, 165, 95, 100, 220];
    const r = shmiBanding(
      O.map((o, i) => ({ id: `t${i}`, observed: o, expected: E[i]! })),
      { method: "cqc" },
    );
    near(r.phi, 2.3271782575941193);
    near(r.tau2, 0.003439780154186274);
    expect(r.units.map((u) => u.trimmed)).toEqual([false, true, false, true, false, false]);
    near(r.units[0]!.zUnadjusted, -0.7846096908265281);
    near(r.units[0]!.lower95, 0.7247440386677683);
    near(r.units[0]!.upper95, 1.3194680412360928);
    near(r.units[5]!.lower95, 0.7524069112493821);
    near(r.units[5]!.upper95, 1.282751225163209);
    expect(r.units[1]!.band).toBe(1); // 1.339 > 1.317
  });

  it("accepts zero observed deaths and floors the lower limit at 0 for a tiny expected count", () => {
    const units = [
      { id: "a", observed: 0, expected: 0.5 },
      { id: "b", observed: 3, expected: 2.5 },
      { id: "c", observed: 10, expected: 9 },
    ];
    const r = shmiBanding(units, { method: "cqc", overdispersion: false });
    // E = 0.5: s = 1/(2√0.5) = 0.7071, 1 − 1.959964·0.7071 < 0, so the lower limit is 0, not the squared negative.
    expect(r.units[0]!.lower95).toBe(0);
    expect(r.units[0]!.band).toBe(2);
  });
});

describe("shmiBanding properties", () => {
  // Realistic units: E from 1 to 5,000 and O/E from 0.2 to 5. (With O/E near 1/2000 and 1000 side by side, τ² is
  // so large that exp(3.09·√τ²) overflows to Infinity, which is arithmetic, not banding.)
  const unit = fc
    .record({
      expected: fc.double({ min: 1, max: 5000, noNaN: true }),
      ratio: fc.double({ min: 0.2, max: 5, noNaN: true }),
    })
    .map(({ expected, ratio }) => ({ expected, observed: Math.max(1, Math.round(expected * ratio)) }));
  const unitsArb = fc
    .array(unit, { minLength: 2, maxLength: 40 })
    .map((us) => us.map((u, i) => ({ id: `u${i}`, ...u })));

  it("does not depend on the order of the units", () => {
    fc.assert(
      fc.property(unitsArb, fc.constantFrom("shmi" as const, "cqc" as const), (units, method) => {
        const a = shmiBanding(units, { method });
        const b = shmiBanding([...units].reverse(), { method });
        const byId = new Map(b.units.map((u) => [u.id, u]));
        near(b.phi, a.phi, 1e-9);
        near(b.tau2, a.tau2, 1e-9);
        for (const u of a.units) {
          expect(byId.get(u.id)?.band).toBe(u.band);
          expect(byId.get(u.id)?.trimmed).toBe(u.trimmed);
        }
      }),
    );
  });

  it("keeps the SHMI limits symmetric on the log scale and bands by them", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        for (const u of shmiBanding(units).units) {
          near(Math.log(u.upper95), -Math.log(u.lower95), 1e-12);
          near(Math.log(u.upper998), -Math.log(u.lower998), 1e-12);
          expect(u.band).toBe(u.ratio > u.upper95 ? 1 : u.ratio < u.lower95 ? 3 : 2);
          expect(u.upper998).toBeGreaterThan(u.upper95);
        }
      }),
    );
  });

  it("narrows the limits as the expected count grows", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const r = shmiBanding(units).units;
        const sorted = [...r].sort(
          (a, b) => units[Number(a.id.slice(1))]!.expected - units[Number(b.id.slice(1))]!.expected,
        );
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i]!.upper95).toBeLessThanOrEqual(sorted[i - 1]!.upper95 + 1e-12);
      }),
    );
  });

  it("never gives a negative τ²", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        expect(shmiBanding(units).tau2).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("shmiBanding bad input", () => {
  const reject = (units: unknown, code: string, argument: string, options = {}) =>
    expect(() => shmiBanding(units as ShmiUnit[], options)).toThrow(
      expect.objectContaining({ name: "SpcError", code, argument }),
    );

  it("rejects empty input and a single unit", () => {
    reject([], "EMPTY", "units");
    reject([{ id: "a", observed: 5, expected: 4 }], "TOO_FEW_UNITS", "units");
  });
  it("rejects zero or negative expected deaths", () => {
    reject(
      [
        { id: "a", observed: 5, expected: 0 },
        { id: "b", observed: 5, expected: 4 },
      ],
      "NON_POSITIVE_EXPECTED",
      "units[0].expected",
    );
    reject(
      [
        { id: "a", observed: 5, expected: 4 },
        { id: "b", observed: 5, expected: -1 },
      ],
      "NON_POSITIVE_EXPECTED",
      "units[1].expected",
    );
    reject(
      [
        { id: "a", observed: 5, expected: NaN },
        { id: "b", observed: 5, expected: 4 },
      ],
      "NON_POSITIVE_EXPECTED",
      "units[0].expected",
    );
  });
  it("rejects negative observed deaths, and zero on the log scale", () => {
    reject(
      [
        { id: "a", observed: -1, expected: 4 },
        { id: "b", observed: 5, expected: 4 },
      ],
      "NEGATIVE_OBSERVED",
      "units[0].observed",
    );
    reject(
      [
        { id: "a", observed: 0, expected: 4 },
        { id: "b", observed: 5, expected: 4 },
      ],
      "ZERO_OBSERVED",
      "units[0].observed",
    );
  });
  it("rejects duplicate and empty ids", () => {
    reject(
      [
        { id: "a", observed: 5, expected: 4 },
        { id: "a", observed: 5, expected: 4 },
      ],
      "DUPLICATE_ID",
      "units[1].id",
    );
    reject(
      [
        { id: "", observed: 5, expected: 4 },
        { id: "b", observed: 5, expected: 4 },
      ],
      "INVALID_ID",
      "units[0].id",
    );
  });
  it("rejects a bad trim or method", () => {
    const ok = [
      { id: "a", observed: 5, expected: 4 },
      { id: "b", observed: 5, expected: 4 },
    ];
    reject(ok, "INVALID_TRIM", "trim", { trim: 0.5 });
    reject(ok, "INVALID_TRIM", "trim", { trim: 0 });
    reject(ok, "INVALID_METHOD", "method", { method: "hsmr" });
    // "false" as text would otherwise widen the limits as if true.
    reject(ok, "INVALID_OPTION", "overdispersion", { overdispersion: "false" });
  });
});

describe("helpers", () => {
  it("averageRanks matches R's rank(ties.method = 'average')", () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(averageRanks([3, 3, 3])).toEqual([2, 2, 2]);
    expect(averageRanks([])).toEqual([]);
  });

  it("quantileType7 matches R's quantile() default", () => {
    // quantile(1:10, c(0.1, 0.9)) in R: 1.9 and 9.1.
    near(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1), 1.9);
    near(quantileType7([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9), 9.1);
    expect(quantileType7([4], 0.1)).toBe(4);
  });

  it("derSimonianLairdTau2 follows FunnelPlotR's tau_func", () => {
    near(derSimonianLairdTau2(8, 2.4375, new Array<number>(8).fill(100)), 1 / 56);
    expect(derSimonianLairdTau2(8, 0.8, new Array<number>(8).fill(100))).toBe(0);
  });
});
