import {
  assembleObservationSets,
  news2Score,
  SpcError,
  type ObservationSet,
  type SpellRecord,
  type Spo2ScaleDecision,
  type VitalSignReading,
} from "@vigil/spc";
import type { Database } from "@vigil/db";
import { idsByFhirId } from "./batch.writer.js";
import { BinaryCopyEncoder } from "./binary-copy.encoder.js";
import { withTransaction, type SqlTx } from "./sql.js";

export interface RebuildOptions {
  /** Vital signs within this many minutes of a set's first reading join it (VIGIL_OBS_SET_WINDOW_MINUTES). */
  readonly windowMinutes: number;
  /** Patients per transaction. */
  readonly patientsPerBatch?: number;
  /**
   * Transactions at a time (default 2 on PostgreSQL, 1 on PGlite, which has one connection): while one chunk
   * is assembled and scored in Node, the next one's rows are read and written by the database.
   */
  readonly concurrency?: number;
  /** Only these of the queued patients (default: every queued patient of the source). */
  readonly patients?: readonly string[];
  /**
   * Give up a chunk, leaving its patients queued, rather than wait longer than this for a row lock: a rebuild
   * running beside the load must never wait for a batch that may in turn be waiting for it.
   */
  readonly lockTimeoutMs?: number;
}

export interface RebuildResult {
  readonly patients: number;
  readonly sets: number;
  /** Sets now stored per rebuilt patient (a patient rebuilt again later counts once, with its latest sets). */
  readonly setsByPatient: ReadonlyMap<string, number>;
  readonly wards: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
}

/** PostgreSQL lock_not_available: a lock_timeout ran out. */
export function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "55P03";
}

interface OxygenEvent {
  readonly start: number;
  readonly end: number;
}

/** Statuses of records that say the care did not happen (DeviceUseStatement `intended`: planned, not used). */
const NOT_GIVEN = new Set(["not-done", "entered-in-error", "cancelled", "rejected", "failed", "intended"]);
/** Statuses of records still under way: without an end they cover everything after their start. */
const ONGOING = new Set(["in-progress", "active"]);

/**
 * Rebuilds the observation sets of every patient queued in `observation_set_dirty` for a source, a chunk of
 * patients per transaction: their vital signs are re-assembled and NEWS2-scored with `@vigil/spc`, attached
 * to the spell and ward they fall in, and replace the patients' previous sets. A patient's whole history is
 * rebuilt, so the result depends only on what is stored, never on the order or batching of arrival.
 */
export async function rebuildObservationSets(
  db: Database,
  sourceId: number,
  options: RebuildOptions,
): Promise<RebuildResult> {
  const perBatch = options.patientsPerBatch ?? 500;
  const concurrency = options.concurrency ?? (db.kind === "postgres" ? 2 : 1);
  const setsByPatient = new Map<string, number>();
  const only = options.patients === undefined ? null : [...options.patients];
  const wards = new Set<string>();
  let from: string | null = null;
  let to: string | null = null;
  const chunk = () =>
    withTransaction(
      db,
      async (tx) => {
        // SKIP LOCKED: concurrent chunks (and concurrent workers) take disjoint patients.
        const dirty = await tx.query<{ patient_fhir_id: string; marked_at: Date }>(
          `SELECT patient_fhir_id, marked_at FROM observation_set_dirty
            WHERE source_id = $1 AND ($3::text[] IS NULL OR patient_fhir_id = ANY($3::text[]))
            ORDER BY patient_fhir_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [sourceId, perBatch, only],
        );
        if (dirty.length === 0) return true;
        const ids = dirty.map((d) => d.patient_fhir_id);
        const built = await rebuildPatients(tx, sourceId, ids, options.windowMinutes);
        await tx.query(
          `DELETE FROM observation_set_dirty d USING unnest($2::text[], $3::timestamptz[]) AS u(p, m)
            WHERE d.source_id = $1 AND d.patient_fhir_id = u.p AND d.marked_at <= u.m`,
          [sourceId, ids, dirty.map((d) => d.marked_at)],
        );
        for (const id of ids) setsByPatient.set(id, 0);
        for (const set of built) {
          setsByPatient.set(set.patientFhirId, setsByPatient.get(set.patientFhirId)! + 1);
          if (set.wardName !== null) wards.add(set.wardName);
          const at = set.effectiveAt.toISOString();
          if (from === null || at < from) from = at;
          if (to === null || at > to) to = at;
        }
        return dirty.length < perBatch;
      },
      // The dequeue commits with the sets it produced: a lost commit leaves the patients queued.
      {
        asynchronousCommit: true,
        jit: false,
        ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }),
      },
    );
  const worker = async (): Promise<void> => {
    while (!(await chunk()));
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  let sets = 0;
  for (const n of setsByPatient.values()) sets += n;
  return { patients: setsByPatient.size, sets, setsByPatient, wards: [...wards].sort(), from, to };
}

async function rebuildPatients(
  tx: SqlTx,
  sourceId: number,
  patientIds: readonly string[],
  windowMinutes: number,
): Promise<ObservationSet[]> {
  // Rows come back shaped as @vigil/spc's VitalSignReading (column aliases), so a million readings are not
  // copied into a second million objects.
  const readings = await tx.query<{
    fhirId: string;
    patientFhirId: string;
    parameter: string;
    value: number | null;
    valueCode: string | null;
    effectiveAt: number;
    spo2Scale: number | null;
    encounterId: number | null;
  }>(
    // Times as epoch milliseconds: numbers, not a Date parsed per reading. date_part is float8 arithmetic
    // (extract() is numeric since PostgreSQL 14, several times slower); rounding makes it exact for
    // timestamptz(3). Patient by patient through the index by (patient, time), so only readings charted at
    // the same instant need sorting (by id and parameter, for a deterministic assembly) — not the chunk's
    // ~100,000 rows at once.
    `SELECT v.* FROM unnest($2::text[]) AS p(id) CROSS JOIN LATERAL (
       SELECT fhir_id AS "fhirId", patient_fhir_id AS "patientFhirId", parameter, value, value_code AS "valueCode",
              round(date_part('epoch', effective_at) * 1000) AS "effectiveAt", spo2_scale AS "spo2Scale",
              encounter_id AS "encounterId"
         FROM vital_sign WHERE source_id = $1 AND patient_fhir_id = p.id
        ORDER BY effective_at, fhir_id COLLATE "C", parameter COLLATE "C") v`,
    [sourceId, patientIds],
  );
  const spellRows = await tx.query<{
    id: number;
    patient_fhir_id: string;
    period_start: Date | null;
    period_end: Date | null;
    ward_name: string | null;
    stays: { wardName: string; start: string | null; end: string | null }[] | null;
  }>(
    `SELECT e.id, e.patient_fhir_id, e.period_start, e.period_end, e.ward_name,
            (SELECT json_agg(json_build_object('wardName', ws.ward_name, 'start', ws.start, 'end', ws."end") ORDER BY ws.position)
               FROM ward_stay ws WHERE ws.encounter_id = e.id) AS stays
       FROM encounter e WHERE e.source_id = $1 AND e.patient_fhir_id = ANY($2::text[]) AND e.period_start IS NOT NULL
      ORDER BY e.patient_fhir_id, e.period_start, e.id`,
    [sourceId, patientIds],
  );
  const events = await tx.query<{
    id: number;
    patient_fhir_id: string;
    kind: string;
    status: string | null;
    occurred_at: Date | null;
    ended_at: Date | null;
  }>(
    `SELECT id, patient_fhir_id, kind, status, occurred_at, ended_at FROM care_event
      WHERE source_id = $1 AND patient_fhir_id = ANY($2::text[]) AND kind IN ('oxygen', 'scale2-decision')
        AND occurred_at IS NOT NULL ORDER BY id`,
    [sourceId, patientIds],
  );

  const spells: SpellRecord[] = spellRows.map((s) => ({
    id: s.id,
    patientFhirId: s.patient_fhir_id,
    periodStart: s.period_start,
    periodEnd: s.period_end,
    wardName: s.ward_name,
    wardStays: (s.stays ?? []).map((w) => ({ wardName: w.wardName, start: w.start, end: w.end })),
  }));
  const decisions: Spo2ScaleDecision[] = [];
  const oxygen = new Map<string, OxygenEvent[]>();
  const windowMs = windowMinutes * 60_000;
  for (const e of events) {
    if (e.status !== null && NOT_GIVEN.has(e.status)) continue;
    const start = e.occurred_at!.getTime();
    if (e.kind === "scale2-decision") {
      decisions.push({
        id: e.id,
        patientFhirId: e.patient_fhir_id,
        scale: 2,
        decidedAt: start,
        endedAt: e.ended_at,
      });
    } else {
      // An oxygen record without an end covers the set it was charted with (in progress: until it ends).
      const end =
        e.ended_at?.getTime() ??
        (e.status !== null && ONGOING.has(e.status) ? Number.POSITIVE_INFINITY : start + windowMs);
      const list = oxygen.get(e.patient_fhir_id) ?? [];
      list.push({ start, end });
      oxygen.set(e.patient_fhir_id, list);
    }
  }
  const input: readonly VitalSignReading[] = readings;
  const assembled = assembleObservationSets(input, { windowMinutes, spo2ScaleDecisions: decisions, spells });
  const seen = new Set<string>();
  const sets: ObservationSet[] = [];
  for (const set of assembled) {
    // Two rounds charted at the same instant collapse into the first: the table is unique per patient and time.
    if (seen.has(set.id)) continue;
    seen.add(set.id);
    sets.push(applyOxygenRecords(set, oxygen.get(set.patientFhirId)));
  }

  // How each documented total was produced (hand-entered or calculated), by the reading that carried it.
  const methods = new Map<string, string>();
  for (const r of readings) {
    if (r.parameter === "news2Total" && r.valueCode !== null) methods.set(r.fhirId, r.valueCode);
  }
  const rows: SetRow[] = sets.map((set) => {
    let method: string | null = null;
    if (set.documentedTotal !== null && methods.size > 0) {
      for (const id of set.readingFhirIds) {
        method = methods.get(id) ?? null;
        if (method !== null) break;
      }
    }
    return { set, documentedTotalMethod: method };
  });

  await tx.query(`DELETE FROM observation_set WHERE source_id = $1 AND patient_fhir_id = ANY($2::text[])`, [
    sourceId,
    patientIds,
  ]);
  if (rows.length > 0) await insertSets(tx, sourceId, rows);
  return sets;
}

interface SetRow {
  readonly set: ObservationSet;
  readonly documentedTotalMethod: string | null;
}

/**
 * Supplemental oxygen recorded as a Procedure or MedicationAdministration (not as an Observation) still
 * makes a set "on oxygen" when it covers the set's time; the set is then re-scored if now complete.
 */
function applyOxygenRecords(
  set: ObservationSet,
  records: readonly OxygenEvent[] | undefined,
): ObservationSet {
  if (set.onOxygen !== null || records === undefined) return set;
  const t = set.effectiveAt.getTime();
  if (!records.some((r) => r.start <= t && t <= r.end)) return set;
  const missing = set.missing.filter((item) => item !== "onOxygen");
  const complete = missing.length === 0;
  let news2 = null;
  let scoreError: string | null = null;
  if (complete) {
    try {
      news2 = news2Score({
        respiratoryRate: set.respiratoryRate!,
        spo2: set.spo2!,
        spo2Scale: set.spo2Scale,
        onOxygen: true,
        systolicBP: set.systolicBP!,
        pulse: set.pulse!,
        consciousness: set.consciousness!,
        temperature: set.temperature!,
      });
    } catch (error) {
      if (!(error instanceof SpcError)) throw error;
      scoreError = `${error.code}:${error.argument ?? ""}`;
    }
  }
  const s = news2?.subscores;
  return {
    ...set,
    onOxygen: true,
    missing,
    complete,
    news2,
    scoreError,
    news2Total: news2?.total ?? null,
    clinicalRisk: news2?.clinicalRisk ?? null,
    redScore: news2?.redScore ?? null,
    subscores:
      s === undefined
        ? []
        : [s.respiratoryRate, s.spo2, s.airOrOxygen, s.systolicBP, s.pulse, s.consciousness, s.temperature],
  };
}

const SET_COLUMNS = [
  "source_id",
  "patient_fhir_id",
  "patient_id",
  "encounter_id",
  "ward_name",
  "effective_at",
  "respiratory_rate",
  "spo2",
  "spo2_scale",
  "on_oxygen",
  "systolic_bp",
  "pulse",
  "consciousness",
  "temperature",
  "complete",
  "subscores",
  "news2_total",
  "clinical_risk",
  "red_score",
  "documented_total",
  "documented_total_method",
  "score_error",
  "reading_fhir_ids",
] as const;

/** The patients' sets by binary COPY (their previous sets were deleted in the same transaction). */
async function insertSets(tx: SqlTx, sourceId: number, rows: readonly SetRow[]): Promise<void> {
  const patientIds = await idsByFhirId(
    tx,
    "patient",
    sourceId,
    rows.map((r) => r.set.patientFhirId),
  );
  const copy = new BinaryCopyEncoder();
  for (const { set: s, documentedTotalMethod } of rows) {
    copy
      .row(SET_COLUMNS.length)
      .int4(sourceId)
      .text(s.patientFhirId)
      .int4(patientIds.get(s.patientFhirId) ?? null)
      .int4(s.encounterId === null ? null : Number(s.encounterId))
      .text(s.wardName)
      .timestamptz(s.effectiveAt)
      .float8(s.respiratoryRate)
      .float8(s.spo2)
      .int4(s.spo2Scale)
      .bool(s.onOxygen)
      .float8(s.systolicBP)
      .float8(s.pulse)
      .text(s.consciousness)
      .float8(s.temperature)
      .bool(s.complete)
      .int4Array(s.subscores)
      .int4(s.news2Total)
      .text(s.clinicalRisk)
      .bool(s.redScore)
      .int4(s.documentedTotal === null ? null : Math.round(s.documentedTotal))
      .text(documentedTotalMethod)
      .text(s.scoreError)
      .textArray(s.readingFhirIds);
  }
  await tx.copyFrom("observation_set", SET_COLUMNS, copy.finish());
}
