import { SpcError } from "../core/spc-error.js";
import { averageRanks } from "./average-ranks.js";
import { derSimonianLairdTau2 } from "./dersimonian-laird-tau2.js";
import { quantileType7 } from "./quantile-type7.js";

/** One unit (a trust, a hospital, a ward): observed and expected deaths. */
export interface ShmiUnit {
  readonly id: string;
  readonly observed: number;
  readonly expected: number;
}

export interface ShmiBandingOptions {
  /**
   * `"shmi"` (default): the NHS England SHMI method, log scale, the 10% most extreme z-scores at each end dropped
   * before estimating the overdispersion. `"cqc"`: the CQC / Spiegelhalter (2005) method, square-root scale,
   * z-scores winsorised at the 10th and 90th percentiles instead.
   */
  readonly method?: "shmi" | "cqc";
  /** Fraction trimmed (or winsorised) at each end. Default 0.1. */
  readonly trim?: number;
  /** Widen the limits for overdispersion (τ²). Default `true`; `false` gives plain limits (φ and τ² reported as 0). */
  readonly overdispersion?: boolean;
}

export interface ShmiBandedUnit {
  readonly id: string;
  /** Observed / expected (the SHMI value of the unit). */
  readonly ratio: number;
  /**
   * z-score adjusted for overdispersion, on the method's scale: ln(ratio)/√(1/E + τ²) for SHMI,
   * (√ratio − 1)/√(1/(4E) + τ²) for CQC.
   */
  readonly z: number;
  /** z-score before the adjustment: √E·ln(O/E) for SHMI, 2(√O − √E) for CQC. */
  readonly zUnadjusted: number;
  /** Control limits on the ratio scale for this unit's expected value, 95% and 99.8%. */
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
  /** 1 = higher than expected (above the upper 95% limit), 2 = as expected, 3 = lower than expected. */
  readonly band: 1 | 2 | 3;
  /** SHMI: left out of the overdispersion estimate. CQC: its z-score was winsorised (or sits on a percentile). */
  readonly trimmed: boolean;
}

export interface ShmiBandingResult {
  /** Overdispersion ratio φ: mean squared z-score of the units used. */
  readonly phi: number;
  /** Between-unit variance τ² (DerSimonian–Laird), on the method's scale. */
  readonly tau2: number;
  readonly method: "shmi" | "cqc";
  /** In input order. */
  readonly units: ShmiBandedUnit[];
}

/** The two-sided normal quantiles the SHMI publications and FunnelPlotR use, as they write them. */
const Z95 = 1.959964;
const Z998 = 3.090232;

/**
 * SHMI banding of units by the NHS England method (INDICATORS.md §4.1), checked step by step against FunnelPlotR
 * (`R/od_adjustment.R`: `transformed_zscore`, `truncation`, `winsorisation`, `phi_func`, `tau_func`;
 * `R/od_limits.R`; `R/build_limits_lookup.R`):
 *
 * 1. zᵢ = √Eᵢ·ln(Oᵢ/Eᵢ) (within-unit s.e. of ln(O/E) is 1/√E);
 * 2. rank z with average ranks; k = 1/trim; spᵢ = ⌊rankᵢ·k/(n+1)⌋; keep units with 0 < spᵢ < k − 1 (the NHS method
 *    drops, it does not winsorise);
 * 3. φ = Σ z² / n′ over the n′ kept units;
 * 4. τ² by DerSimonian–Laird with wᵢ = Eᵢ over the kept units (`derSimonianLairdTau2`);
 * 5. limits for each unit exp(±z_α·√(1/E + τ²)), z_α = 1.959964 (95%) and 3.090232 (99.8%);
 * 6. band 1 when O/E > upper 95%, band 3 when O/E < lower 95%, else band 2 (a ratio on a limit is as expected).
 *
 * The `"cqc"` method (FunnelPlotR `sr_method = "CQC"`, Spiegelhalter 2005): zᵢ = 2(√Oᵢ − √Eᵢ), winsorised at the
 * type-7 percentiles trim and 1 − trim, φ over all units, wᵢ = 4Eᵢ, limits (1 ± z_α·√(1/(4E) + τ²))². The lower
 * limit is 0 where 1 − z_α·√(…) < 0 (FunnelPlotR squares the negative number instead, which folds the limit back
 * up). FunnelPlotR's `OD_limits` adds s rather than s² under the square root for CQC; its limit lookup table, used
 * here, has s².
 *
 * Differences from FunnelPlotR, on purpose: E is used as given (FunnelPlotR rounds it to 2 decimals first, as the
 * SHMI publication does; round before calling to match), and with τ² = 0 the limits stay exp(±z_α/√E), where
 * FunnelPlotR switches to exact Poisson limits.
 *
 * @throws SpcError `EMPTY`, `TOO_FEW_UNITS` (fewer than 2 units left to estimate φ), `DUPLICATE_ID`, `INVALID_ID`,
 *   `NON_POSITIVE_EXPECTED`, `NEGATIVE_OBSERVED`, `ZERO_OBSERVED` (SHMI method: ln 0 is undefined; use `"cqc"`),
 *   `INVALID_TRIM`, `INVALID_METHOD`, `INVALID_OPTION` (a non-boolean `overdispersion`); `argument` names the offending field, e.g. `units[3].expected`
 * @example
 * const { phi, tau2, units } = shmiBanding([
 *   { id: "RAE", observed: 1203, expected: 1100.5 },
 *   { id: "RBA", observed: 840, expected: 901.2 },
 *   // … one entry per trust
 * ]);
 * units[0].band; // 1, 2 or 3
 */
export function shmiBanding(units: readonly ShmiUnit[], options: ShmiBandingOptions = {}): ShmiBandingResult {
  const method = options.method ?? "shmi";
  if (method !== "shmi" && method !== "cqc") {
    throw new SpcError("INVALID_METHOD", `method must be "shmi" or "cqc" (got ${String(method)})`, "method");
  }
  const trim = options.trim ?? 0.1;
  if (typeof trim !== "number" || !(trim > 0 && trim < 0.5)) {
    throw new SpcError(
      "INVALID_TRIM",
      `trim must be a fraction above 0 and below 0.5 (got ${String(trim)})`,
      "trim",
    );
  }
  const adjust = options.overdispersion ?? true;
  if (typeof adjust !== "boolean") {
    throw new SpcError(
      "INVALID_OPTION",
      `overdispersion must be true or false (got ${String(adjust)})`,
      "overdispersion",
    );
  }
  validateUnits(units, method);
  const n = units.length;

  const zRaw = units.map((u) =>
    method === "shmi"
      ? Math.sqrt(u.expected) * Math.log(u.observed / u.expected)
      : (Math.sqrt(u.observed / u.expected) - 1) * 2 * Math.sqrt(u.expected),
  );

  let trimmed: boolean[];
  let zUsed: number[];
  let weights: number[];
  if (method === "shmi") {
    const k = 1 / trim;
    const ranks = averageRanks(zRaw);
    trimmed = ranks.map((r) => {
      const sp = Math.floor((r * k) / (n + 1));
      return !(sp > 0 && sp < k - 1);
    });
    zUsed = zRaw.filter((_, i) => !trimmed[i]);
    weights = units.filter((_, i) => !trimmed[i]).map((u) => u.expected);
  } else {
    const lower = quantileType7(zRaw, trim);
    const upper = quantileType7(zRaw, 1 - trim);
    trimmed = zRaw.map((z) => !(z > lower && z < upper));
    zUsed = zRaw.map((z) => Math.min(Math.max(z, lower), upper));
    weights = units.map((u) => 4 * u.expected);
  }
  if (zUsed.length < 2) {
    throw new SpcError(
      "TOO_FEW_UNITS",
      `only ${zUsed.length} unit(s) left after trimming: estimating overdispersion needs at least 2 (got ${n} units)`,
      "units",
    );
  }

  const used = zUsed.length;
  const phi = adjust ? zUsed.reduce((s, z) => s + z * z, 0) / used : 0;
  const tau2 = adjust ? derSimonianLairdTau2(used, phi, weights) : 0;

  const banded = units.map((u, i): ShmiBandedUnit => {
    const ratio = u.observed / u.expected;
    let lower95: number;
    let upper95: number;
    let lower998: number;
    let upper998: number;
    let z: number;
    if (method === "shmi") {
      const se = Math.sqrt(1 / u.expected + tau2);
      lower95 = Math.exp(-Z95 * se);
      upper95 = Math.exp(Z95 * se);
      lower998 = Math.exp(-Z998 * se);
      upper998 = Math.exp(Z998 * se);
      z = Math.log(ratio) / se;
    } else {
      const se = Math.sqrt(1 / (4 * u.expected) + tau2);
      lower95 = Math.max(0, 1 - Z95 * se) ** 2;
      upper95 = (1 + Z95 * se) ** 2;
      lower998 = Math.max(0, 1 - Z998 * se) ** 2;
      upper998 = (1 + Z998 * se) ** 2;
      z = (Math.sqrt(ratio) - 1) / se;
    }
    const band = ratio > upper95 ? 1 : ratio < lower95 ? 3 : 2;
    return {
      id: u.id,
      ratio,
      z,
      zUnadjusted: zRaw[i] as number,
      lower95,
      upper95,
      lower998,
      upper998,
      band,
      trimmed: trimmed[i] as boolean,
    };
  });
  return { phi, tau2, method, units: banded };
}

function validateUnits(units: readonly ShmiUnit[], method: "shmi" | "cqc"): void {
  // Kept as a plain boolean so TypeScript does not narrow `units` to any[] below.
  const isList: boolean = Array.isArray(units);
  if (!isList || units.length === 0) {
    throw new SpcError("EMPTY", "units is empty: banding needs at least 2 units", "units");
  }
  const ids = new Set<string>();
  units.forEach((u, i) => {
    if (typeof u.id !== "string" || u.id === "") {
      throw new SpcError("INVALID_ID", `units[${i}].id must be a non-empty string`, `units[${i}].id`);
    }
    if (ids.has(u.id))
      throw new SpcError("DUPLICATE_ID", `units[${i}].id '${u.id}' appears twice`, `units[${i}].id`);
    ids.add(u.id);
    if (typeof u.expected !== "number" || !Number.isFinite(u.expected) || u.expected <= 0) {
      throw new SpcError(
        "NON_POSITIVE_EXPECTED",
        `units[${i}].expected is ${String(u.expected)}: expected deaths must be a finite number above 0`,
        `units[${i}].expected`,
      );
    }
    if (typeof u.observed !== "number" || !Number.isFinite(u.observed) || u.observed < 0) {
      throw new SpcError(
        "NEGATIVE_OBSERVED",
        `units[${i}].observed is ${String(u.observed)}: observed deaths must be a finite number, 0 or more`,
        `units[${i}].observed`,
      );
    }
    if (method === "shmi" && u.observed === 0) {
      throw new SpcError(
        "ZERO_OBSERVED",
        `units[${i}].observed is 0: the SHMI method works on ln(O/E), which is undefined at 0; ` +
          'use method "cqc" (square-root scale) for units with no deaths',
        `units[${i}].observed`,
      );
    }
  });
}
