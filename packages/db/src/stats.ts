import type { PrismaClient } from "./generated/prisma/client.ts";

/**
 * What is stored now, across sources, after de-duplication: the numbers of `vigil stats --json`
 * (INTERFACES.md C4) and of the GraphQL `dataStats` query.
 */
export interface DataStats {
  readonly patients: number;
  readonly deceasedPatients: number;
  readonly encounters: number;
  readonly inpatientEncounters: number;
  readonly vitalSignObservations: number;
  readonly observationSets: number;
  readonly conditions: number;
  readonly pneumoniaPatients: number;
  readonly quarantined: number;
}

/** Encounter.class codes counted as inpatient (v3 ActCode). */
export const INPATIENT_CLASS_CODES = ["IMP", "ACUTE", "NONAC"] as const;

interface StatsRow {
  patients: number;
  deceased_patients: number;
  encounters: number;
  inpatient_encounters: number;
  vital_sign_observations: number;
  observation_sets: number;
  conditions: number;
  pneumonia_patients: number;
  quarantined: number;
}

/** One round trip: every count is a scalar sub-query over its own table. */
export async function readDataStats(prisma: PrismaClient): Promise<DataStats> {
  const rows = await prisma.$queryRawUnsafe<StatsRow[]>(`
    SELECT
      (SELECT count(*) FROM patient)::int AS patients,
      (SELECT count(*) FROM patient WHERE deceased)::int AS deceased_patients,
      (SELECT count(*) FROM encounter)::int AS encounters,
      (SELECT count(*) FROM encounter WHERE class_code IN (${INPATIENT_CLASS_CODES.map((c) => `'${c}'`).join(", ")}))::int
        AS inpatient_encounters,
      -- Every Observation with a vital-signs category counts, also those NEWS2 does not use (weight, BMI).
      (SELECT count(*) FROM raw_resource
        WHERE resource_type = 'Observation'
          AND content @> '{"category":[{"coding":[{"code":"vital-signs"}]}]}')::int AS vital_sign_observations,
      (SELECT count(*) FROM observation_set)::int AS observation_sets,
      (SELECT count(*) FROM condition)::int AS conditions,
      (SELECT count(*) FROM (SELECT DISTINCT source_id, patient_fhir_id FROM condition WHERE is_pneumonia) p)::int
        AS pneumonia_patients,
      (SELECT count(*) FROM quarantined_resource)::int AS quarantined
  `);
  const row = rows[0];
  if (row === undefined) throw new Error("readDataStats: no row returned");
  return {
    patients: row.patients,
    deceasedPatients: row.deceased_patients,
    encounters: row.encounters,
    inpatientEncounters: row.inpatient_encounters,
    vitalSignObservations: row.vital_sign_observations,
    observationSets: row.observation_sets,
    conditions: row.conditions,
    pneumoniaPatients: row.pneumonia_patients,
    quarantined: row.quarantined,
  };
}
