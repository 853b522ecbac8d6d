import { choiceOption, nonNegativeOption } from "../indicators/option-checks.js";
import { type Spell, normaliseSpell } from "../spells/spell-index.js";
import { calendarFor, DEFAULT_TIME_ZONE } from "../time/calendar.js";
import { DAY_MS, HOUR_MS, toEpochMsOrNull } from "../time/instant.js";
import type { ConditionRecord } from "./coded-condition.js";
import { type CohortDefinition, inCohort, PNEUMONIA_COHORT } from "./cohort.js";
import type { MortalityData, MortalitySpellRecord, PatientRecord } from "./mortality.type.js";

/** A finished spell of the cohort with its outcomes and the raw material for risk factors. */
export interface CohortSpell {
  readonly spell: Spell;
  readonly record: MortalitySpellRecord;
  readonly patient: PatientRecord | null;
  /** Discharge (or death) instant. */
  readonly endMs: number;
  /** The ward the patient left hospital from (ward attribution for mortality). */
  readonly wardName: string;
  readonly diedInHospital: boolean;
  /** Death counted against this spell within the 30-day window (in hospital, or after discharge). */
  readonly diedWithinWindow: boolean;
  /** Instant of death when known; `null` if alive or undated. */
  readonly deathMs: number | null;
  /** Completed years at admission; `null` without a birth date. */
  readonly ageAtAdmission: number | null;
  /** Conditions that count as this spell's comorbidities (for the Charlson index). */
  readonly comorbidities: readonly ConditionRecord[];
}

export interface CohortSpellOptions {
  /** Default {@link PNEUMONIA_COHORT}. */
  readonly cohort?: CohortDefinition;
  /**
   * A cohort condition dated this many hours before admission still puts the spell in the cohort (a
   * diagnosis made in the emergency department before the inpatient encounter began). Default 24.
   */
  readonly cohortLookbackHours?: number;
  /** Post-discharge window in calendar days, inclusive (SHMI: 30). */
  readonly windowDays?: number;
  /** Count the window from `"discharge"` (SHMI, default) or `"admission"`. */
  readonly windowFrom?: "discharge" | "admission";
  /**
   * Comorbidities: conditions linked to the spell, plus the patient's conditions dated up to discharge and at
   * most this many days before admission (`null`, the default, takes the whole recorded history — a FHIR
   * problem list carries chronic disease without linking it to each admission).
   */
  readonly comorbidityLookbackDays?: number | null;
  /** Time zone for calendar-day arithmetic. Default Europe/London. */
  readonly timeZone?: string;
}

/**
 * The finished spells of a diagnosis cohort with their mortality outcomes, shared by crude mortality and
 * risk adjustment (INDICATORS.md §4.1, §4.3).
 *
 * - Cohort: a spell with a cohort condition linked to it by encounter, or dated (onset, else recorded) from
 *   `cohortLookbackHours` before admission to discharge. The data model has no primary-diagnosis flag, so
 *   any cohort diagnosis in the spell qualifies.
 * - Finished: spells with a discharge; open spells have no outcome yet and are left out.
 * - In-hospital death: the encounter says so, or the patient's death falls within the spell.
 * - Window death (SHMI's "in hospital or within 30 days (inclusive) of discharge"): death on or before
 *   discharge date + `windowDays` in calendar days. A death counts against one spell only — the patient's
 *   latest cohort spell admitted before it — so a readmission does not double-count it.
 * - Ward: the ward of discharge.
 *
 * @example
 * cohortSpells({ spells, patients, conditions }).filter((s) => s.diedWithinWindow).length; // 30-day deaths
 */
export function cohortSpells(data: MortalityData, options: CohortSpellOptions = {}): CohortSpell[] {
  const cohort = options.cohort ?? PNEUMONIA_COHORT;
  const lookbackMs = nonNegativeOption(options.cohortLookbackHours, 24, "cohortLookbackHours") * HOUR_MS;
  // Calendar days: a fractional window has no meaning when deaths are dated by day.
  const windowDays = nonNegativeOption(options.windowDays, 30, "windowDays", true);
  const fromAdmission =
    choiceOption(options.windowFrom, ["discharge", "admission"], "windowFrom") === "admission";
  const comorbidityLookbackMs =
    options.comorbidityLookbackDays === null || options.comorbidityLookbackDays === undefined
      ? Number.POSITIVE_INFINITY
      : nonNegativeOption(options.comorbidityLookbackDays, 0, "comorbidityLookbackDays") * DAY_MS;
  const calendar = calendarFor(options.timeZone ?? DEFAULT_TIME_ZONE);

  const patients = new Map(data.patients.map((p) => [p.fhirId, p]));
  const conditionsByPatient = new Map<string, ConditionRecord[]>();
  for (const condition of data.conditions) {
    const list = conditionsByPatient.get(condition.patientFhirId) ?? [];
    list.push(condition);
    conditionsByPatient.set(condition.patientFhirId, list);
  }

  interface Candidate {
    spell: Spell;
    record: MortalitySpellRecord;
    conditions: ConditionRecord[];
  }
  const candidates = new Map<string, Candidate[]>();
  for (const record of data.spells) {
    const spell = normaliseSpell(record);
    if (spell.open) continue;
    const conditions = conditionsByPatient.get(spell.patientFhirId) ?? [];
    const member = conditions.some((condition) => {
      if (!inCohort(condition, cohort)) return false;
      if (condition.encounterId !== null && condition.encounterId !== undefined) {
        return String(condition.encounterId) === spell.id;
      }
      const ms = conditionTime(condition);
      return ms !== null && ms >= spell.startMs - lookbackMs && ms <= spell.endMs;
    });
    if (!member) continue;
    const list = candidates.get(spell.patientFhirId) ?? [];
    list.push({ spell, record, conditions });
    candidates.set(spell.patientFhirId, list);
  }

  const out: CohortSpell[] = [];
  for (const [patientFhirId, list] of candidates) {
    list.sort((a, b) => a.spell.startMs - b.spell.startMs);
    const patient = patients.get(patientFhirId) ?? null;
    const deceasedMs = toEpochMsOrNull(patient?.deceasedAt, "deceasedAt");
    // The spell a dated death belongs to: the latest one admitted at or before it.
    let owner: Spell | null = null;
    if (deceasedMs !== null) {
      for (const { spell } of list) if (spell.startMs <= deceasedMs) owner = spell;
    }
    for (const { spell, record, conditions } of list) {
      const endMs = spell.endMs;
      const deathInSpell = deceasedMs !== null && deceasedMs >= spell.startMs && deceasedMs <= endMs;
      const diedInHospital = record.diedInHospital === true || deathInSpell;
      let diedWithinWindow = diedInHospital;
      if (!diedWithinWindow && deceasedMs !== null && owner === spell) {
        const anchor = fromAdmission ? spell.startMs : endMs;
        diedWithinWindow = calendar.dayNumber(deceasedMs) - calendar.dayNumber(anchor) <= windowDays;
      }
      const birthMs = toEpochMsOrNull(patient?.birthDate, "birthDate");
      out.push({
        spell,
        record,
        patient,
        endMs,
        wardName: spell.dischargeWard,
        diedInHospital,
        diedWithinWindow,
        deathMs: diedInHospital || diedWithinWindow ? (deceasedMs ?? (diedInHospital ? endMs : null)) : null,
        ageAtAdmission: birthMs === null ? null : completedYears(birthMs, spell.startMs),
        comorbidities: conditions.filter((condition) => {
          if (condition.encounterId !== null && condition.encounterId !== undefined) {
            if (String(condition.encounterId) === spell.id) return true;
          }
          const ms = conditionTime(condition);
          return ms !== null && ms <= endMs && spell.startMs - ms <= comorbidityLookbackMs;
        }),
      });
    }
  }
  return out.sort((a, b) => a.endMs - b.endMs || (a.spell.id < b.spell.id ? -1 : 1));
}

function conditionTime(condition: ConditionRecord): number | null {
  return toEpochMsOrNull(condition.onsetAt ?? condition.recordedAt ?? null, "onsetAt");
}

/** Age in completed years on a date (UTC calendar of the two instants; birth dates are stored as dates). */
export function completedYears(birthMs: number, atMs: number): number {
  const birth = new Date(birthMs);
  const at = new Date(atMs);
  let years = at.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    at.getUTCMonth() < birth.getUTCMonth() ||
    (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}
