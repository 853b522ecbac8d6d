import type { News2Item } from "./news2.type.js";

/**
 * SNOMED CT (UK edition) codes for the NEWS2 total and sub-scores, from UK Core
 * `ValueSet-UKCore-EarlyWarningTotalScore.xml` and `ValueSet-UKCore-EarlyWarningSubScore.xml`
 * (INDICATORS.md §1.6). There is no LOINC code for the NEWS2 total; LOINC 88330-6 is not NEWS.
 */
export const NEWS2_TOTAL_SNOMED = "1104051000000101";

/** SpO2 sub-score codes differ by scale, so `spo2` maps per scale. */
export const NEWS2_SUBSCORE_SNOMED: Readonly<Record<Exclude<News2Item, "spo2">, string>> & {
  readonly spo2: Readonly<Record<1 | 2, string>>;
} = Object.freeze({
  respiratoryRate: "1104301000000104",
  spo2: Object.freeze({ 1: "1104311000000102", 2: "1104321000000108" }),
  airOrOxygen: "1104331000000105",
  systolicBP: "1104341000000101",
  pulse: "1104351000000103",
  consciousness: "1104361000000100",
  temperature: "1104371000000107",
});
