import { describe, expect, it } from "vitest";
import { funnelPlot } from "./funnel-plot.js";

/*
 * Funnel plots are qicharts2 0.8.1 charts with categorical x (SPC-REFERENCE.md §2, rows p, pp, u, up, and §3.10):
 * pooled centre line over all units, σ_i at each unit's own denominator, and for the prime charts Laney's (2002)
 * σ_z taken as sd(z) across units. Expected numbers are worked out here from those formulas.
 */

const units = [
  { id: "Ward A", numerator: 12, denominator: 400 },
  { id: "Ward B", numerator: 30, denominator: 500 },
  { id: "Ward C", numerator: 5, denominator: 300 },
  { id: "Ward D", numerator: 60, denominator: 800 },
];
const pooled = 107 / 2000;

describe("funnelPlot", () => {
  it("p: limits p̄ ± 3√(p̄(1 − p̄)/n_i) per unit, in input order, multiplied", () => {
    const plot = funnelPlot(units, { chart: "p", multiply: 100 });
    expect(plot.cl).toBeCloseTo(100 * pooled, 12);
    expect(plot.sigmaZ).toBe(1);
    expect(plot.units.map((u) => u.id)).toEqual(["Ward A", "Ward B", "Ward C", "Ward D"]);
    plot.units.forEach((u, i) => {
      const s = Math.sqrt((pooled * (1 - pooled)) / units[i]!.denominator);
      expect(u.y).toBeCloseTo((100 * units[i]!.numerator) / units[i]!.denominator, 12);
      expect(u.ucl).toBeCloseTo(100 * (pooled + 3 * s), 12);
      expect(u.lcl).toBeCloseTo(100 * Math.max(0, pooled - 3 * s), 12);
      expect(u.ucl95).toBeCloseTo(100 * (pooled + 2 * s), 12);
    });
  });

  it("flags a unit outside its limits with the side", () => {
    const plot = funnelPlot([...units, { id: "Ward E", numerator: 90, denominator: 600 }], { chart: "p" });
    expect(plot.units.find((u) => u.id === "Ward E")!.signal).toBe("high");
    expect(plot.units.find((u) => u.id === "Ward C")!.signal).toBe("low");
  });

  it("p′ and u′ widen the limits by σ_z = sd(z) (Laney 2002, categorical case)", () => {
    const z = units.map(
      (u) => (u.numerator / u.denominator - pooled) / Math.sqrt((pooled * (1 - pooled)) / u.denominator),
    );
    const mean = z.reduce((a, b) => a + b) / z.length;
    const sdz = Math.sqrt(z.reduce((a, v) => a + (v - mean) ** 2, 0) / (z.length - 1));
    const plot = funnelPlot(units, { chart: "pp" });
    expect(plot.sigmaZ).toBeCloseTo(sdz, 12);
    expect(plot.units[0]!.ucl).toBeCloseTo(pooled + 3 * Math.sqrt((pooled * (1 - pooled)) / 400) * sdz, 12);
    // u′: σ_i = √(ū/n_i) with ū = Σy/Σn (the same pooled 107/2000 here), z_i = (u_i − ū)/σ_i, σ_z = sd(z).
    const zu = units.map((u) => (u.numerator / u.denominator - pooled) / Math.sqrt(pooled / u.denominator));
    const meanU = zu.reduce((a, b) => a + b) / zu.length;
    const sdzU = Math.sqrt(zu.reduce((a, v) => a + (v - meanU) ** 2, 0) / (zu.length - 1));
    const rates = funnelPlot(units, { chart: "up" });
    expect(rates.sigmaZ).toBeCloseTo(sdzU, 12);
    rates.units.forEach((u, i) => {
      const s = Math.sqrt(pooled / units[i]!.denominator);
      expect(u.ucl).toBeCloseTo(pooled + 3 * s * sdzU, 12);
      expect(u.lcl).toBeCloseTo(Math.max(0, pooled - 3 * s * sdzU), 12);
    });
  });

  it("draws the funnel's curves with limitsAt, narrowing as the denominator grows", () => {
    const plot = funnelPlot(units, { chart: "u", multiply: 1000 });
    const small = plot.limitsAt(100);
    const large = plot.limitsAt(10_000);
    expect(small.ucl!).toBeGreaterThan(large.ucl!);
    expect(large.ucl).toBeCloseTo(1000 * (pooled + 3 * Math.sqrt(pooled / 10_000)), 10);
    expect(small.lcl).toBe(0);
  });

  it("uses a known centre line, such as a national rate", () => {
    const plot = funnelPlot(units, { chart: "p", centreLine: 0.05 });
    expect(plot.cl).toBe(0.05);
    expect(plot.units[0]!.ucl).toBeCloseTo(0.05 + 3 * Math.sqrt((0.05 * 0.95) / 400), 14);
  });
});
