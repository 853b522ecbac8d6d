import type { Spo2ScaleSource } from "../news2/spo2-scale.js";
import type { ClinicalRisk, Consciousness, News2Result, Spo2Scale } from "../news2/news2.type.js";
import type { RecordId } from "../spells/spell.type.js";
import type { Instant } from "../time/instant.js";

/** Parameters a vital-sign reading can carry: a `vital_sign.parameter` value. */
export type VitalSignParameter =
  | "respiratoryRate"
  | "spo2"
  | "onOxygen"
  | "systolicBP"
  | "pulse"
  | "consciousness"
  | "temperature"
  | "news2Total";

/**
 * One vital-sign reading: the fields of a `vital_sign` row that assembly reads, so the ingest can pass rows
 * as stored. Numeric values are in NEWS2 units; `onOxygen` is 1/0 in `value`; consciousness is the ACVPU
 * letter in `valueCode`; `news2Total` is a total documented by the source (for D2). Other parameters
 * (diastolic BP, …) are ignored.
 */
export interface VitalSignReading {
  readonly fhirId: string;
  readonly patientFhirId: string;
  readonly parameter: string;
  readonly value?: number | null | undefined;
  readonly valueCode?: string | null | undefined;
  readonly effectiveAt: Instant;
  /** 1 or 2 when the reading documents the SpO2 scale (a scale-2 sub-score component, a charted scale). */
  readonly spo2Scale?: number | null | undefined;
  readonly encounterId?: RecordId | null | undefined;
}

/** The seven NEWS2 items as recorded on a set (C2 input names; `onOxygen` is the air-or-oxygen item). */
export type ObservationItem =
  "respiratoryRate" | "spo2" | "onOxygen" | "systolicBP" | "pulse" | "consciousness" | "temperature";

/**
 * An assembled observation set, shaped like an `observation_set` row (same field names and meanings) plus
 * the full NEWS2 result for callers that want it.
 */
export interface ObservationSet {
  /** `patientFhirId@epochMs`: unique per patient and time, like the table's unique key. */
  readonly id: string;
  readonly patientFhirId: string;
  /**
   * The spell the set belongs to, when spells were given or readings carried one — the id as the spell row or
   * reading carries it (a Prisma `Int` stays a number), so it can be written back unchanged.
   */
  readonly encounterId: RecordId | null;
  readonly wardName: string | null;
  /** Time of the first reading of the set. */
  readonly effectiveAt: Date;
  readonly respiratoryRate: number | null;
  readonly spo2: number | null;
  readonly spo2Scale: Spo2Scale;
  readonly spo2ScaleSource: Spo2ScaleSource;
  readonly onOxygen: boolean | null;
  readonly systolicBP: number | null;
  readonly pulse: number | null;
  readonly consciousness: Consciousness | null;
  readonly temperature: number | null;
  /** All seven NEWS2 items present (RCP-C1 defines NEWS2 only on complete sets). */
  readonly complete: boolean;
  /** Items not recorded in the set, in C2 order. */
  readonly missing: readonly ObservationItem[];
  /** Sub-scores in the order rr, spo2, air/oxygen, sbp, pulse, consciousness, temperature; empty if unscored. */
  readonly subscores: readonly number[];
  readonly news2Total: number | null;
  readonly clinicalRisk: ClinicalRisk | null;
  readonly redScore: boolean | null;
  readonly news2: News2Result | null;
  /** A NEWS2 total documented by the source, for indicator D2. */
  readonly documentedTotal: number | null;
  /** `CODE:item` of the `SpcError` that stopped scoring a complete set (e.g. `NEWS2_IMPLAUSIBLE_VALUE:pulse`). */
  readonly scoreError: string | null;
  readonly readingFhirIds: readonly string[];
}
