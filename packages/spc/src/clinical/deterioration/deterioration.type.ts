import type { Spo2ScaleDecision } from "../news2/spo2-scale.js";
import type { RecordId, SpellRecord } from "../spells/spell.type.js";
import type { Instant } from "../time/instant.js";

/**
 * A scored observation set as the indicators read it: an `observation_set` row, or the output of
 * `assembleObservationSets` (both have these fields).
 */
export interface ObservationSetRecord {
  readonly id: RecordId;
  readonly patientFhirId: string;
  readonly encounterId?: RecordId | null | undefined;
  readonly wardName?: string | null | undefined;
  readonly effectiveAt: Instant;
  /** All seven items recorded. */
  readonly complete: boolean;
  /** `null` when the set could not be scored (incomplete or implausible). */
  readonly news2Total: number | null;
  readonly redScore: boolean | null;
  readonly documentedTotal?: number | null | undefined;
  readonly spo2Scale?: number | null | undefined;
}

/**
 * A care event (a `care_event` row): escalation to the medical team, clinical review, emergency
 * (critical-care/outreach) review, antimicrobial administration. `kind` values are configurable per
 * indicator; the defaults are the schema's ("escalation", "clinical-review", "emergency-review", "antibiotic").
 */
export interface CareEventRecord {
  readonly id: RecordId;
  readonly patientFhirId: string;
  readonly kind: string;
  /** Events without a time cannot meet a time target and are ignored. */
  readonly occurredAt: Instant | null;
}

/** A suspected or confirmed infection (a `condition` row of an infection cohort), for indicator D7. */
export interface InfectionRecord {
  readonly id: RecordId;
  readonly patientFhirId: string;
  readonly encounterId?: RecordId | null | undefined;
  readonly onsetAt?: Instant | null | undefined;
  readonly recordedAt?: Instant | null | undefined;
}

/** Everything the deterioration-response indicators read, as plain arrays. */
export interface DeteriorationData {
  readonly spells: readonly SpellRecord[];
  readonly observationSets: readonly ObservationSetRecord[];
  readonly careEvents?: readonly CareEventRecord[];
  readonly infections?: readonly InfectionRecord[];
  readonly spo2ScaleDecisions?: readonly Spo2ScaleDecision[];
  /**
   * Spells outside the NEWS2 cohort by an explicit recorded decision: paediatric (< 16), maternity, or an
   * end-of-life pathway where observations were deliberately stopped (INDICATORS.md §3, common cohort).
   */
  readonly excludedSpellIds?: readonly RecordId[];
}
