import { SpcError } from "../../core/spc-error.js";
import { news2Response } from "./news2-response.js";
import type { News2Input, News2Result, Spo2Scale } from "./news2.type.js";
import { NEWS2_PLAUSIBLE_RANGES, type News2NumericItem } from "./plausible-ranges.js";
import { roundHalfUpUnits } from "./round-half-up.js";

/**
 * Scores one complete observation set with NEWS2 (RCP 2017, Chart 1 scoring table; Chart 2 risk bands;
 * Chart 4 monitoring and response), INTERFACES.md C2.
 *
 * - Decimal readings are first rounded half-up on their decimal representation to chart precision
 *   (integers; temperature to 0.1 °C), then scored with gap-free comparisons (INDICATORS.md §1.4).
 * - SpO2 scale 2: 88–92 % scores 0, and ≥ 93 % scores 0 on air but 1/2/3 on oxygen (93–94/95–96/≥ 97).
 *   The air-or-oxygen item (+2 on oxygen) is scored on both scales.
 * - Risk band precedence: total ≥ 7 high, 5–6 medium, 0–4 with a red score low-medium, else low.
 * - A missing item throws `NEWS2_MISSING_VALUE`; a wrong type, NaN or unknown code `NEWS2_INVALID_VALUE`;
 *   a value outside {@link NEWS2_PLAUSIBLE_RANGES} `NEWS2_IMPLAUSIBLE_VALUE`. `SpcError.argument` names
 *   the item. A NEWS2 total is never computed from a partial set (RCP-C1 defines it on all seven items).
 *
 * Hot path (≥ 5 million sets a second): integer comparisons only, and the one result object plus its
 * sub-scores are the only allocations.
 *
 * @example
 * news2Score({
 *   respiratoryRate: 22, spo2: 93, spo2Scale: 1, onOxygen: true,
 *   systolicBP: 105, pulse: 112, consciousness: "A", temperature: 38.4,
 * });
 * // → total 10 (RR 2, SpO2 2, oxygen 2, SBP 1, pulse 2, ACVPU 0, temp 1), clinicalRisk "high",
 * //   redScore false, monitoringFrequency "continuous"
 */
export function news2Score(input: News2Input): News2Result {
  if (input === null || typeof input !== "object") {
    throw new SpcError("NEWS2_INVALID_VALUE", "news2Score needs an observation-set object", "input");
  }
  // Ranges passed as literals: the hot path does no keyed lookups into NEWS2_PLAUSIBLE_RANGES.
  const rr = integerReading(input.respiratoryRate, "respiratoryRate", RR_RANGE.min, RR_RANGE.max);
  const spo2 = integerReading(input.spo2, "spo2", SPO2_RANGE.min, SPO2_RANGE.max);
  const sbp = integerReading(input.systolicBP, "systolicBP", SBP_RANGE.min, SBP_RANGE.max);
  const pulse = integerReading(input.pulse, "pulse", PULSE_RANGE.min, PULSE_RANGE.max);
  const tempTenths = temperatureTenths(input.temperature);
  const onOxygen = input.onOxygen;
  if (onOxygen !== true && onOxygen !== false) throw invalidOrMissing(onOxygen, "onOxygen", "true or false");
  const scale = input.spo2Scale;
  if (scale !== 1 && scale !== 2) throw invalidOrMissing(scale, "spo2Scale", "1 or 2");

  const rrScore = rr <= 8 ? 3 : rr <= 11 ? 1 : rr <= 20 ? 0 : rr <= 24 ? 2 : 3;
  const spo2Score = scale === 1 ? spo2Scale1Score(spo2) : spo2Scale2Score(spo2, onOxygen);
  const oxygenScore = onOxygen ? 2 : 0;
  const sbpScore = sbp <= 90 ? 3 : sbp <= 100 ? 2 : sbp <= 110 ? 1 : sbp <= 219 ? 0 : 3;
  const pulseScore =
    pulse <= 40 ? 3 : pulse <= 50 ? 1 : pulse <= 90 ? 0 : pulse <= 110 ? 1 : pulse <= 130 ? 2 : 3;
  const consciousnessScore = consciousnessItemScore(input.consciousness);
  const tempScore =
    tempTenths <= 350 ? 3 : tempTenths <= 360 ? 1 : tempTenths <= 380 ? 0 : tempTenths <= 390 ? 1 : 2;

  const total = rrScore + spo2Score + oxygenScore + sbpScore + pulseScore + consciousnessScore + tempScore;
  const redScore =
    rrScore === 3 ||
    spo2Score === 3 ||
    sbpScore === 3 ||
    pulseScore === 3 ||
    consciousnessScore === 3 ||
    tempScore === 3;
  const response = news2Response(total, redScore);
  return {
    total,
    clinicalRisk: response.clinicalRisk,
    subscores: {
      respiratoryRate: rrScore,
      spo2: spo2Score,
      airOrOxygen: oxygenScore,
      systolicBP: sbpScore,
      pulse: pulseScore,
      consciousness: consciousnessScore,
      temperature: tempScore,
    },
    redScore,
    spo2Scale: scale satisfies Spo2Scale,
    trigger: response.trigger,
    monitoringFrequency: response.monitoringFrequency,
    clinicalResponse: response.clinicalResponse,
  };
}

function spo2Scale1Score(spo2: number): number {
  return spo2 <= 91 ? 3 : spo2 <= 93 ? 2 : spo2 <= 95 ? 1 : 0;
}

function spo2Scale2Score(spo2: number, onOxygen: boolean): number {
  if (spo2 <= 83) return 3;
  if (spo2 <= 85) return 2;
  if (spo2 <= 87) return 1;
  if (spo2 <= 92) return 0;
  // ≥ 93 %: harmless on air, over-oxygenation on oxygen for a patient whose target is 88–92 % (RCP-C1).
  if (!onOxygen) return 0;
  return spo2 <= 94 ? 1 : spo2 <= 96 ? 2 : 3;
}

function consciousnessItemScore(value: unknown): number {
  switch (value) {
    case "A":
      return 0;
    case "C":
    case "V":
    case "P":
    case "U":
      return 3;
    default:
      throw invalidOrMissing(value, "consciousness", 'one of "A", "C", "V", "P", "U"');
  }
}

const RR_RANGE = NEWS2_PLAUSIBLE_RANGES.respiratoryRate;
const SPO2_RANGE = NEWS2_PLAUSIBLE_RANGES.spo2;
const SBP_RANGE = NEWS2_PLAUSIBLE_RANGES.systolicBP;
const PULSE_RANGE = NEWS2_PLAUSIBLE_RANGES.pulse;
const TEMP_MIN = NEWS2_PLAUSIBLE_RANGES.temperature.min;
const TEMP_MAX = NEWS2_PLAUSIBLE_RANGES.temperature.max;

function integerReading(value: unknown, item: News2NumericItem, min: number, max: number): number {
  // `value >= min && value <= max` is false for NaN, so one comparison pair also rejects NaN and ±Infinity.
  if (typeof value === "number" && value >= min && value <= max) {
    return Number.isInteger(value) ? value : roundHalfUpUnits(value, 0);
  }
  throw readingError(value, item);
}

function temperatureTenths(value: unknown): number {
  if (typeof value === "number" && value >= TEMP_MIN && value <= TEMP_MAX) return roundHalfUpUnits(value, 1);
  throw readingError(value, "temperature");
}

function readingError(value: unknown, item: News2NumericItem): SpcError {
  if (typeof value !== "number" || !Number.isFinite(value))
    return invalidOrMissing(value, item, "a finite number");
  return implausible(value, item);
}

function invalidOrMissing(value: unknown, item: string, expected: string): SpcError {
  if (value === undefined || value === null) {
    return new SpcError("NEWS2_MISSING_VALUE", `NEWS2 needs all seven items; ${item} is missing`, item);
  }
  return new SpcError("NEWS2_INVALID_VALUE", `${item} must be ${expected}, got ${describe(value)}`, item);
}

function describe(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    default:
      return `a value of type ${typeof value}`;
  }
}

function implausible(value: number, item: News2NumericItem): SpcError {
  const range = NEWS2_PLAUSIBLE_RANGES[item];
  return new SpcError(
    "NEWS2_IMPLAUSIBLE_VALUE",
    `${item} ${value} ${range.unit} is outside the plausible range ${range.min}–${range.max} ${range.unit}`,
    item,
  );
}
