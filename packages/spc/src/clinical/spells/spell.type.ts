import type { Instant } from "../time/instant.js";

/** A record id as stored rows carry it (Prisma `Int`, `BigInt` or a FHIR id); indicators report it as a string. */
export type RecordId = string | number | bigint;

/** One ward of one spell over a period: a `ward_stay` row (Encounter.location[]). */
export interface WardStayRecord {
  readonly wardName: string;
  readonly start?: Instant | null | undefined;
  /** `null`: still on this ward (or until the spell ends). */
  readonly end?: Instant | null | undefined;
}

/**
 * An inpatient spell (admission to discharge): an `encounter` row with its `wardStays` included. Only the
 * fields the indicators read are required, so Prisma rows can be passed as they come.
 */
export interface SpellRecord {
  readonly id: RecordId;
  readonly patientFhirId: string;
  /** Admission. */
  readonly periodStart: Instant | null;
  /** Discharge (or death); `null`/absent while the patient is still in hospital. */
  readonly periodEnd?: Instant | null | undefined;
  /** Ward at discharge (or now), used when no ward stays are recorded. */
  readonly wardName?: string | null | undefined;
  readonly wardStays?: readonly WardStayRecord[] | undefined;
}

/** Ward label used when a record cannot be placed on any ward. */
export const UNKNOWN_WARD = "(unknown ward)";
