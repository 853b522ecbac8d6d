import type { CareEventKind, CompiledCodes } from "../terminology/code-config.js";
import type { ReferenceScope, StoredRef } from "./reference.js";

/** Times are ISO instants (UTC); dates `YYYY-MM-DD`. */

export interface PatientRow {
  readonly fhirId: string;
  /** The preferred identifier as `system|value` (NHS number first). */
  readonly identifier: string | null;
  readonly identifiers: readonly { readonly system: string; readonly value: string }[];
  readonly birthDate: string | null;
  readonly sex: string | null;
  readonly deceased: boolean;
  readonly deceasedAt: string | null;
}

export interface LocationRow {
  readonly fhirId: string;
  readonly name: string;
  readonly physicalType: string | null;
  readonly partOfFhirId: string | null;
  /** A ward where NEWS2 indicators do not apply (critical care), by the configured types and names. */
  readonly news2Excluded: boolean;
  readonly identifiers: readonly { readonly system: string; readonly value: string }[];
}

export interface WardStayRow {
  readonly position: number;
  readonly wardFhirId: string | null;
  /** `Encounter.location.display`; the store prefers the Location's own name when it has it. */
  readonly display: string | null;
  readonly start: string | null;
  readonly end: string | null;
}

export interface EncounterRow {
  readonly fhirId: string;
  /** Business identifiers (visit numbers), which conditional references (`Encounter?identifier=…`) name. */
  readonly identifiers: readonly { readonly system: string; readonly value: string }[];
  readonly patientRef: StoredRef;
  readonly classCode: string | null;
  readonly status: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly specialty: string | null;
  readonly admissionMethod: "elective" | "emergency" | "other" | null;
  readonly dischargeDisposition: string | null;
  readonly diedInHospital: boolean;
  readonly stays: readonly WardStayRow[];
}

export interface ConditionRow {
  readonly fhirId: string;
  readonly patientRef: StoredRef;
  readonly encounterRef: StoredRef | null;
  readonly codeSystem: string;
  readonly code: string;
  readonly display: string | null;
  readonly clinicalStatus: string | null;
  readonly verificationStatus: string | null;
  readonly onsetAt: string | null;
  readonly recordedAt: string | null;
  readonly isPneumonia: boolean;
  readonly isChestInfection: boolean;
  readonly isPressureUlcer: boolean;
  readonly pressureUlcerCategory: number | null;
  readonly presentOnAdmission: boolean | null;
  readonly charlsonGroup: string | null;
}

export interface CareEventRow {
  readonly resourceType: string;
  readonly fhirId: string;
  readonly patientRef: StoredRef;
  readonly encounterRef: StoredRef | null;
  readonly kind: CareEventKind | "other";
  readonly codeSystem: string | null;
  readonly code: string | null;
  readonly status: string | null;
  readonly occurredAt: string | null;
  readonly endedAt: string | null;
  /** SNOMED CT code (else the first code) of a MedicationAdministration's `dosage.route`. */
  readonly route: string | null;
  /**
   * The stored Device a DeviceUseStatement names: the statement takes that device's kind in the database,
   * whichever arrives first. Null when the device is contained (already classified here) or absent.
   */
  readonly deviceRef: string | null;
}

/** A Device: its kind for the DeviceUseStatements naming it, and a care event when it names a patient. */
export interface DeviceRow {
  readonly fhirId: string;
  readonly kind: CareEventKind | "other";
  readonly codeSystem: string | null;
  readonly code: string | null;
  readonly patientRef: StoredRef | null;
  /** R4 Devices carry no time of use: stored for drill-down, never setting `onOxygen` themselves. */
  readonly careEvent: CareEventRow | null;
}

export type VitalParameter =
  | "respiratoryRate"
  | "spo2"
  | "onOxygen"
  | "systolicBP"
  | "pulse"
  | "consciousness"
  | "temperature"
  | "news2Total";

export interface VitalSignRow {
  readonly parameter: VitalParameter;
  readonly value: number | null;
  readonly valueCode: string | null;
  readonly unit: string | null;
  readonly spo2Scale: number | null;
}

/** An Observation: the rows of the NEWS2 parameters it carries (possibly none). */
export interface ObservationRows {
  readonly fhirId: string;
  readonly patientRef: StoredRef;
  readonly encounterRef: StoredRef | null;
  readonly effectiveAt: string;
  readonly isVitalSignsCategory: boolean;
  readonly vitals: readonly VitalSignRow[];
}

export interface DirectoryRow {
  readonly table: "organization" | "practitioner";
  /** "system|value" of the first business identifier, or "source:<sourceId>/<fhirId>" when it has none. */
  readonly identifierKey: string | null;
  readonly name: string | null;
}

/** What one resource maps to. `raw` resources are kept as raw JSON only. */
export type Mapped =
  | { readonly table: "patient"; readonly row: PatientRow }
  | { readonly table: "location"; readonly row: LocationRow }
  | { readonly table: "encounter"; readonly row: EncounterRow }
  | { readonly table: "condition"; readonly row: ConditionRow }
  | { readonly table: "care_event"; readonly row: CareEventRow }
  | { readonly table: "device"; readonly row: DeviceRow }
  | { readonly table: "vital_sign"; readonly row: ObservationRows }
  | { readonly table: "directory"; readonly row: DirectoryRow }
  | { readonly table: "raw" };

/** Why a resource could not be mapped: a stable code and a sentence. */
export class MappingProblem extends Error {
  override readonly name = "MappingProblem";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MappingContext {
  readonly codes: CompiledCodes;
  readonly scope: ReferenceScope;
}
