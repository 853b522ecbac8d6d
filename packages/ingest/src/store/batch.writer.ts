import type {
  CareEventRow,
  ConditionRow,
  DeviceRow,
  DirectoryRow,
  EncounterRow,
  LocationRow,
  ObservationRows,
  PatientRow,
} from "../mapping/mapped.type.js";
import {
  isNewer,
  type PreparedBatch,
  type PreparedResource,
  type QuarantineEntry,
} from "../mapping/prepare.js";
import { MAX_INDEXED_TEXT } from "../mapping/fhir-values.js";
import { conditionalRef, parseConditionalRef, type IdentifierToken } from "../mapping/reference.js";
import { encodeRows } from "./binary-copy.encoder.js";
import type { SqlTx } from "./sql.js";

/** Counts of one batch, per the `ingest_run.counts` vocabulary. */
export interface BatchCounts {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  skipped: number;
}

export interface BatchWriteResult {
  readonly counts: BatchCounts;
  /** Resource types that changed rows. */
  readonly resourceTypes: readonly string[];
  /** Wards whose data changed (wards of the encounters touched). */
  readonly wards: readonly string[];
  /** Clinical time span of the changed rows (ISO instants), for targeted recomputation. */
  readonly from: string | null;
  readonly to: string | null;
  /** Patients queued for an observation-set rebuild by this batch. */
  readonly dirtyPatients: readonly string[];
}

export interface CheckpointAdvance {
  readonly resourceType: string;
  /** New high-water mark; null keeps the stored one. */
  readonly highWater: string | null;
  readonly cursor?: string | null;
}

type EncounterWithWard = EncounterRow & { wardFhirId: string | null; wardDisplay: string | null };

function rowsOf<T>(resources: readonly PreparedResource[], table: string): T[] {
  return resources
    .filter((r) => r.mapped.table === table)
    .map((r) => (r.mapped as unknown as { row: T }).row);
}

function minMax(times: Iterable<string | null>): { from: string | null; to: string | null } {
  let from: string | null = null;
  let to: string | null = null;
  for (const time of times) {
    if (time === null) continue;
    if (from === null || time < from) from = time;
    if (to === null || time > to) to = time;
  }
  return { from, to };
}

export interface WriteOptions {
  /** Re-map stored raw JSON: every resource's rows are replaced, raw_resource is not touched. */
  readonly remap?: boolean;
  /**
   * Per run: resource type → whether the source had no raw rows of that type when the run first met it. A
   * first load of a type skips the look-up of what is stored (there is nothing) and COPYs its resources
   * straight in. Should a resource come twice in one run (in two batches), the COPY fails on the primary key,
   * the transaction rolls back, and the caller marks the types false and writes the batch again.
   */
  readonly firstLoad?: Map<string, boolean>;
  /** Per run: surrogate keys of patients and encounters already met (see {@link SurrogateKeys}). */
  readonly keys?: SurrogateKeys;
  /**
   * Per run: whether the source may hold quarantined rows (undefined: not known yet). A good version clears
   * its quarantine entry; a source with none skips that statement.
   */
  readonly quarantine?: { mayHoldRows?: boolean };
  /** Look up the wards of the encounters touched, for `DataChanged` (default true; false when nobody listens). */
  readonly wards?: boolean;
  /**
   * Awaited once the raw JSON is written and before anything else: a batch written beside the one before it
   * (a second connection) waits here until that one has committed, so everything after — references to rows
   * it created, the rebuild queue, run counts, the checkpoint — is written in commit order. A rejection rolls
   * this batch back.
   */
  readonly afterRaw?: () => Promise<void>;
}

/**
 * Writes one prepared batch inside the caller's transaction: raw JSON first (an identical re-send or an
 * older version changes nothing and stops there), then the clinical rows of the resources that changed,
 * references resolved whichever side arrived first, quarantine entries, the observation-set rebuild queue,
 * and the checkpoint — so the checkpoint can only ever describe committed rows.
 */
export async function writeBatch(
  tx: SqlTx,
  sourceId: number,
  runId: number | null,
  batch: PreparedBatch,
  checkpoint?: CheckpointAdvance,
  options: WriteOptions = {},
): Promise<BatchWriteResult> {
  const counts: BatchCounts = {
    received: batch.resources.length + batch.quarantined.length + (batch.superseded ?? 0),
    inserted: 0,
    updated: 0,
    // An older copy that gave way to a newer one in the same batch counts as it would in a later batch.
    unchanged: batch.superseded ?? 0,
    quarantined: batch.quarantined.length,
    skipped: batch.skipped,
  };
  const changed: PreparedResource[] = [];
  const updatedKeys = new Set<string>();
  if (options.remap === true) {
    // Re-running the mappings over stored raw JSON: every resource's rows are replaced, raw_resource is not touched.
    for (const r of batch.resources) {
      changed.push(r);
      updatedKeys.add(`${r.resourceType}/${r.fhirId}`);
    }
    counts.updated = changed.length;
  } else if (batch.resources.length > 0) {
    const stored = await storeRaw(tx, sourceId, batch.resources, options.firstLoad);
    changed.push(...stored.inserted, ...stored.updated);
    counts.inserted = stored.inserted.length;
    counts.updated = stored.updated.length;
    for (const r of stored.updated) updatedKeys.add(`${r.resourceType}/${r.fhirId}`);
    counts.unchanged += batch.resources.length - changed.length;
  }
  if (options.afterRaw !== undefined) await options.afterRaw();

  const dirtyPatients = new Set<string>();
  const encounterRefs = new Set<string>();
  const times: (string | null)[] = [];

  if (changed.length > 0) {
    await resolveConditionalRefs(tx, sourceId, changed);
    const locations = rowsOf<LocationRow>(changed, "location");
    const patients = rowsOf<PatientRow>(changed, "patient");
    await writeDirectory(tx, sourceId, changed);
    if (locations.length > 0) await writeLocations(tx, sourceId, locations);
    if (patients.length > 0) await writePatients(tx, sourceId, patients, dirtyPatients);
    const encounters = rowsOf<EncounterWithWard>(changed, "encounter");
    if (encounters.length > 0) {
      await writeEncounters(tx, sourceId, encounters, updatedKeys, dirtyPatients);
      for (const e of encounters) {
        dirtyPatients.add(e.patientRef);
        encounterRefs.add(e.fhirId);
        times.push(e.periodStart, e.periodEnd);
      }
    }
    const conditions = rowsOf<ConditionRow>(changed, "condition");
    if (conditions.length > 0) {
      await writeConditions(tx, sourceId, conditions);
      for (const c of conditions) {
        if (c.encounterRef !== null) encounterRefs.add(c.encounterRef);
        times.push(c.onsetAt ?? c.recordedAt);
      }
    }
    const devices = changed.filter((r) => r.mapped.table === "device");
    if (devices.length > 0) {
      await writeDevices(tx, sourceId, rowsOf<DeviceRow>(devices, "device"), dirtyPatients);
    }
    const careEventResources = changed.filter(
      (r) => r.mapped.table === "care_event" || r.mapped.table === "device",
    );
    if (careEventResources.length > 0) {
      const events = careEventResources.flatMap((r) =>
        r.mapped.table === "care_event"
          ? [r.mapped.row]
          : r.mapped.table === "device" && r.mapped.row.careEvent !== null
            ? [r.mapped.row.careEvent]
            : [],
      );
      await writeCareEvents(tx, sourceId, careEventResources, events, updatedKeys, dirtyPatients);
      for (const e of events) {
        if (e.encounterRef !== null) encounterRefs.add(e.encounterRef);
        times.push(e.occurredAt);
      }
    }
    const observations = changed.filter((r) => r.resourceType === "Observation");
    if (observations.length > 0) {
      const rows = rowsOf<ObservationRows>(observations, "vital_sign");
      await writeVitalSigns(tx, sourceId, observations, rows, updatedKeys, dirtyPatients, options.keys);
      for (const o of rows) {
        dirtyPatients.add(o.patientRef);
        if (o.encounterRef !== null) encounterRefs.add(o.encounterRef);
        times.push(o.effectiveAt);
      }
    }
    // A good version clears its quarantine entry. Most sources have none: knowing that spares PostgreSQL
    // parsing two arrays of every key in the batch.
    const state = options.quarantine ?? {};
    if (state.mayHoldRows === undefined) {
      const [quarantine] = await tx.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM quarantined_resource WHERE source_id = $1) AS any`,
        [sourceId],
      );
      state.mayHoldRows = quarantine?.any === true;
    }
    if (state.mayHoldRows) {
      await tx.query(
        `DELETE FROM quarantined_resource q USING unnest($2::text[], $3::text[]) AS u(rt, id)
          WHERE q.source_id = $1 AND q.resource_type = u.rt AND q.fhir_id = u.id`,
        [sourceId, changed.map((r) => r.resourceType), changed.map((r) => r.fhirId)],
      );
    }
  }
  if (batch.quarantined.length > 0) {
    // Before the rows exist, so a rollback can only leave the flag set: a needless DELETE, never a missed one.
    if (options.quarantine !== undefined) options.quarantine.mayHoldRows = true;
    await writeQuarantine(tx, sourceId, runId, batch.quarantined);
  }
  const dirty = [...dirtyPatients].sort();
  if (dirty.length > 0) {
    await tx.query(
      `INSERT INTO observation_set_dirty (source_id, patient_fhir_id, marked_at)
       SELECT $1, p, now() FROM unnest($2::text[]) AS u(p)
       ON CONFLICT (source_id, patient_fhir_id) DO UPDATE SET marked_at = now()`,
      [sourceId, dirty],
    );
  }
  if (checkpoint !== undefined) await advanceCheckpoint(tx, sourceId, checkpoint);
  if (runId !== null) await addRunCounts(tx, runId, batch, counts);

  let wards: string[] = [];
  if (encounterRefs.size > 0 && options.wards !== false) {
    const rows = await tx.query<{ ward_name: string }>(
      `SELECT DISTINCT ws.ward_name FROM ward_stay ws JOIN encounter e ON e.id = ws.encounter_id
        WHERE e.source_id = $1 AND e.fhir_id = ANY($2::text[]) ORDER BY 1`,
      [sourceId, [...encounterRefs]],
    );
    wards = rows.map((r) => r.ward_name);
  }
  return {
    counts,
    resourceTypes: [...new Set(changed.map((r) => r.resourceType))].sort(),
    wards,
    ...minMax(times),
    dirtyPatients: dirty,
  };
}

const RAW_COLUMNS = [
  "source_id",
  "resource_type",
  "fhir_id",
  "version_id",
  "last_updated",
  "content_hash",
  "content",
] as const;

/**
 * Stores the raw JSON of a batch: new resources by binary COPY straight into raw_resource (the JSON parsed once
 * into jsonb, as a plain COPY would), newer versions of stored ones by one UPDATE; identical re-sends and older
 * versions change nothing. What is stored is looked up first (except for a type's first load, see
 * {@link WriteOptions.firstLoad}), so no statement meets a conflict — this relies on one writer per source,
 * which the run's advisory lock guarantees.
 */
async function storeRaw(
  tx: SqlTx,
  sourceId: number,
  resources: readonly PreparedResource[],
  firstLoad: Map<string, boolean> | undefined,
): Promise<{ inserted: PreparedResource[]; updated: PreparedResource[] }> {
  const inserted: PreparedResource[] = [];
  let lookUp: PreparedResource[] = [...resources];
  if (firstLoad !== undefined) {
    const unknown = [...new Set(resources.map((r) => r.resourceType))].filter((t) => !firstLoad.has(t));
    if (unknown.length > 0) {
      const present = await tx.query<{ t: string }>(
        `SELECT t FROM unnest($2::text[]) AS u(t)
          WHERE EXISTS (SELECT 1 FROM raw_resource WHERE source_id = $1 AND resource_type = u.t)`,
        [sourceId, unknown],
      );
      const stored = new Set(present.map((row) => row.t));
      for (const type of unknown) firstLoad.set(type, !stored.has(type));
    }
    inserted.push(...resources.filter((r) => firstLoad.get(r.resourceType) === true));
    if (inserted.length > 0) lookUp = resources.filter((r) => firstLoad.get(r.resourceType) !== true);
  }
  const stored =
    lookUp.length === 0
      ? []
      : await tx.query<{ n: number; content_hash: string; last_updated: Date | null; version_id: string }>(
          // One primary-key probe per resource, whatever the planner believes about the table's size: during a
          // load its statistics can say "empty" while it grows by a million rows, and a hash join would scan it.
          `SELECT u.n::int AS n, r.content_hash, r.last_updated, r.version_id
             FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(rt, id, n)
             CROSS JOIN LATERAL (
               SELECT content_hash, last_updated, version_id FROM raw_resource
                WHERE source_id = $1 AND resource_type = u.rt AND fhir_id = u.id LIMIT 1) r`,
          [sourceId, lookUp.map((r) => r.resourceType), lookUp.map((r) => r.fhirId)],
        );
  const existing = new Map(stored.map((row) => [row.n - 1, row]));
  const newer: PreparedResource[] = [];
  for (const [index, resource] of lookUp.entries()) {
    const old = existing.get(index);
    if (old === undefined) inserted.push(resource);
    else if (old.content_hash !== resource.contentHash) {
      // The stored row is compared by the same rule as two copies in a batch (isNewer): lastUpdated, then a
      // numeric versionId, then the hash. Both lastUpdated sides are ISO instants at millisecond precision
      // (the column is timestamptz(3), and prepared values come from toInstant), so equal instants compare equal.
      const previous = {
        lastUpdated: old.last_updated?.toISOString() ?? null,
        versionId: old.version_id,
        contentHash: old.content_hash,
      };
      if (isNewer(resource, previous)) newer.push(resource);
    }
  }
  if (inserted.length > 0) {
    await tx.copyFrom(
      "raw_resource",
      RAW_COLUMNS,
      encodeRows(inserted, (copy, r) => {
        copy
          .row(RAW_COLUMNS.length)
          .int4(sourceId)
          .text(r.resourceType)
          .text(r.fhirId)
          .text(r.versionId)
          .timestamptz(r.lastUpdated)
          .text(r.contentHash)
          .jsonb(r.json);
      }),
    );
  }
  if (newer.length === 0) return { inserted, updated: [] };
  // The JSON travels as one json array rather than a text[]: PostgreSQL parses a text[] literal of large,
  // quote-heavy elements several times slower than the JSON itself (docs/benchmarks/ingest.md).
  const rows = await tx.query<{ resource_type: string; fhir_id: string }>(
    `UPDATE raw_resource AS t SET version_id = u.vid, last_updated = u.lu, content_hash = u.h, content = j.c::jsonb,
            updated_at = now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) WITH ORDINALITY AS u(rt, id, vid, lu, h, n)
       JOIN json_array_elements($7::json) WITH ORDINALITY AS j(c, n) USING (n)
      WHERE t.source_id = $1 AND t.resource_type = u.rt AND t.fhir_id = u.id AND t.content_hash <> u.h
      RETURNING t.resource_type, t.fhir_id`,
    [
      sourceId,
      newer.map((r) => r.resourceType),
      newer.map((r) => r.fhirId),
      newer.map((r) => r.versionId),
      newer.map((r) => r.lastUpdated),
      newer.map((r) => r.contentHash),
      `[${newer.map((r) => (typeof r.json === "string" ? r.json : r.json.toString("utf8"))).join(",")}]`,
    ],
  );
  const updatedKeys = new Set(rows.map((row) => `${row.resource_type}/${row.fhir_id}`));
  return { inserted, updated: newer.filter((r) => updatedKeys.has(`${r.resourceType}/${r.fhirId}`)) };
}

/**
 * Rewrites conditional references (`?identifier=...`) to the id of the resource they name, among this batch's
 * patients and encounters (written before the rows that point at them) and the resources already stored. The
 * token decides what matches (FHIR search semantics, see IdentifierToken): `system|value` that identifier,
 * `|value` only an identifier without a system, a bare `value` the value in any system. A bare value held by
 * more than one resource (the same number under two systems) names none of them for sure: the row keeps the
 * reference text and no key rather than being attributed to a patient or a visit by guesswork. `system|value`
 * held twice keeps linking to the first (this batch's, else the smallest stored id), as before.
 */
async function resolveConditionalRefs(
  tx: SqlTx,
  sourceId: number,
  changed: PreparedResource[],
): Promise<void> {
  const wanted = new Map<string, { type: string; token: IdentifierToken }>();
  const visit = (type: string, ref: string | null) => {
    if (ref === null) return;
    const token = parseConditionalRef(ref);
    if (token !== undefined) wanted.set(`${type}${ref}`, { type, token });
  };
  for (const r of changed) {
    const row = (r.mapped as { row?: { patientRef?: string; encounterRef?: string | null } }).row;
    if (row?.patientRef !== undefined) visit("Patient", row.patientRef);
    if (row?.encounterRef !== undefined) visit("Encounter", row.encounterRef);
  }
  if (wanted.size === 0) return;
  // Candidates by type and value, this batch's patients and encounters first: their identifiers replace the
  // stored ones, which the look-up below therefore leaves out.
  const candidates = new Map<string, { system: string; fhirId: string }[]>();
  const add = (type: string, system: string, value: string, fhirId: string) => {
    const key = `${type}|${value}`;
    const list = candidates.get(key);
    if (list === undefined) candidates.set(key, [{ system, fhirId }]);
    else list.push({ system, fhirId });
  };
  const inBatch: string[] = [];
  for (const r of changed) {
    if (r.mapped.table !== "patient" && r.mapped.table !== "encounter") continue;
    inBatch.push(`${r.resourceType}/${r.fhirId}`);
    for (const i of r.mapped.row.identifiers) add(r.resourceType, i.system, i.value, r.fhirId);
  }
  const keys = [...wanted.values()];
  // By value (index resource_identifier(source_id, resource_type, value)), the system checked when the token
  // names one: a bare value's look-up has no system to probe the primary key with.
  const found = await tx.query<{ resource_type: string; system: string; value: string; fhir_id: string }>(
    `SELECT DISTINCT ri.resource_type, ri.system, ri.value, ri.fhir_id
       FROM unnest($2::text[], $3::text[], $4::text[]) AS u(rt, s, v)
       JOIN resource_identifier ri
         ON ri.source_id = $1 AND ri.resource_type = u.rt AND ri.value = u.v AND (u.s IS NULL OR ri.system = u.s)
      WHERE NOT (ri.resource_type || '/' || ri.fhir_id = ANY($5::text[]))
      ORDER BY ri.fhir_id`,
    [
      sourceId,
      keys.map((k) => k.type),
      keys.map((k) => k.token.system ?? null),
      keys.map((k) => k.token.value),
      inBatch,
    ],
  );
  for (const f of found) add(f.resource_type, f.system, f.value, f.fhir_id);
  const resolved = new Map<string, string>();
  for (const [key, { type, token }] of wanted) {
    const ids = new Set<string>();
    for (const c of candidates.get(`${type}|${token.value}`) ?? []) {
      if (token.system === undefined || c.system === token.system) ids.add(c.fhirId);
    }
    const [first] = ids;
    if (first !== undefined && (token.system !== undefined || ids.size === 1)) resolved.set(key, first);
  }
  for (const [index, r] of changed.entries()) {
    const mapped = r.mapped as { table: string; row?: Record<string, unknown> };
    if (mapped.row === undefined) continue;
    const patient = mapped.row["patientRef"];
    const encounter = mapped.row["encounterRef"];
    const newPatient = typeof patient === "string" ? resolved.get(`Patient${patient}`) : undefined;
    const newEncounter = typeof encounter === "string" ? resolved.get(`Encounter${encounter}`) : undefined;
    if (newPatient === undefined && newEncounter === undefined) continue;
    changed[index] = {
      ...r,
      mapped: {
        ...mapped,
        row: {
          ...mapped.row,
          ...(newPatient === undefined ? {} : { patientRef: newPatient }),
          ...(newEncounter === undefined ? {} : { encounterRef: newEncounter }),
        },
      } as PreparedResource["mapped"],
    };
  }
}

async function writeIdentifiers(
  tx: SqlTx,
  sourceId: number,
  resourceType: string,
  rows: readonly { fhirId: string; identifiers: readonly { system: string; value: string }[] }[],
): Promise<void> {
  await tx.query(
    `DELETE FROM resource_identifier WHERE source_id = $1 AND resource_type = $2 AND fhir_id = ANY($3::text[])`,
    [sourceId, resourceType, rows.map((r) => r.fhirId)],
  );
  const flat = rows.flatMap((r) => r.identifiers.map((i) => [i.system, i.value, r.fhirId] as const));
  if (flat.length === 0) return;
  await tx.query(
    `INSERT INTO resource_identifier (source_id, resource_type, system, value, fhir_id)
     SELECT $1, $2, s, v, id FROM unnest($3::text[], $4::text[], $5::text[]) AS u(s, v, id)
     ON CONFLICT DO NOTHING`,
    [sourceId, resourceType, flat.map((f) => f[0]), flat.map((f) => f[1]), flat.map((f) => f[2])],
  );
}

/** Where the rows referring to each type a conditional reference can name keep the reference and its key. */
const REFERRING = {
  Patient: {
    table: "patient",
    column: "patient_fhir_id",
    key: "patient_id",
    from: ["encounter", "condition", "care_event", "vital_sign"],
  },
  Encounter: {
    table: "encounter",
    column: "encounter_fhir_id",
    key: "encounter_id",
    from: ["condition", "care_event", "vital_sign"],
  },
} as const;

/**
 * Rows that referenced a resource by identifier before it arrived now point at its id, and get its key (the
 * resource may be an update that gained the identifier, which the key back-fill for new rows misses). Runs
 * after the batch's identifiers are written, so a bare value (any system) is linked only while exactly one
 * resource holds it, by the same rule as {@link resolveConditionalRefs}. A row linked that way keeps its link
 * should a second resource with the value arrive later: the row no longer holds the reference text to tell it
 * apart (re-mapping the source re-resolves it). Vital signs that change patient or gain an encounter (the spell
 * their observation set is attached to) queue their patients' observation sets for a rebuild.
 */
async function fixPendingConditionalRefs(
  tx: SqlTx,
  sourceId: number,
  resourceType: keyof typeof REFERRING,
  rows: readonly { fhirId: string; identifiers: readonly { system: string; value: string }[] }[],
  dirtyPatients: Set<string>,
): Promise<void> {
  const values = [...new Set(rows.flatMap((r) => r.identifiers.map((i) => i.value)))];
  if (values.length === 0) return;
  const shared = await tx.query<{ value: string }>(
    `SELECT value FROM resource_identifier WHERE source_id = $1 AND resource_type = $2 AND value = ANY($3::text[])
      GROUP BY value HAVING count(DISTINCT fhir_id) > 1`,
    [sourceId, resourceType, values],
  );
  const ambiguous = new Set(shared.map((r) => r.value));
  // Stored reference text → the id it now names; the first patient of the batch wins an exact duplicate.
  const links = new Map<string, string>();
  for (const r of rows) {
    for (const i of r.identifiers) {
      // `system|value`, or `|value` for an identifier without a system.
      const exact = conditionalRef(i.system, i.value);
      if (!links.has(exact)) links.set(exact, r.fhirId);
      if (!ambiguous.has(i.value)) links.set(conditionalRef(undefined, i.value), r.fhirId);
    }
  }
  const params = [sourceId, [...links.keys()], [...links.values()]];
  const { table: target, column, key, from } = REFERRING[resourceType];
  for (const table of from) {
    // A row still holding reference text has no key, which lets vital_sign's look-up by encounter use its
    // partial index of rows waiting for an encounter (it has no other index by encounter: hot path).
    const moved = await tx.query<{ old: string; new: string; patient: string }>(
      `UPDATE ${table} t SET ${column} = m.id, ${key} = r.id
         FROM unnest($2::text[], $3::text[]) AS m(cond, id) JOIN ${target} r ON r.source_id = $1 AND r.fhir_id = m.id
        WHERE t.source_id = $1 AND t.${column} = ANY($2::text[]) AND t.${key} IS NULL AND t.${column} = m.cond
        RETURNING m.cond AS old, m.id AS new, t.patient_fhir_id AS patient`,
      params,
    );
    if (table === "vital_sign") {
      for (const m of moved) {
        if (resourceType === "Patient") {
          dirtyPatients.add(m.old);
          dirtyPatients.add(m.new);
        } else dirtyPatients.add(m.patient);
      }
    }
  }
}

async function writeLocations(tx: SqlTx, sourceId: number, rows: readonly LocationRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO location AS t (source_id, fhir_id, name, physical_type, part_of_fhir_id, news2_excluded)
     SELECT $1, id, n, pt, po, x FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bool[]) AS u(id, n, pt, po, x)
     ON CONFLICT (source_id, fhir_id) DO UPDATE SET name = EXCLUDED.name, physical_type = EXCLUDED.physical_type,
       part_of_fhir_id = EXCLUDED.part_of_fhir_id, news2_excluded = EXCLUDED.news2_excluded`,
    [
      sourceId,
      rows.map((r) => r.fhirId),
      rows.map((r) => r.name),
      rows.map((r) => r.physicalType),
      rows.map((r) => r.partOfFhirId),
      rows.map((r) => r.news2Excluded),
    ],
  );
  await writeIdentifiers(tx, sourceId, "Location", rows);
  // A Location's own name wins over the display text encounters carried, whichever arrived first.
  const ids = rows.map((r) => r.fhirId);
  await tx.query(
    `UPDATE ward_stay ws SET ward_name = l.name FROM location l, encounter e
      WHERE l.source_id = $1 AND l.fhir_id = ANY($2::text[]) AND ws.ward_fhir_id = l.fhir_id
        AND e.id = ws.encounter_id AND e.source_id = $1 AND ws.ward_name IS DISTINCT FROM l.name`,
    [sourceId, ids],
  );
  await tx.query(
    `UPDATE encounter e SET ward_name = l.name FROM location l
      WHERE l.source_id = $1 AND l.fhir_id = ANY($2::text[]) AND e.source_id = $1 AND e.ward_fhir_id = l.fhir_id
        AND e.ward_name IS DISTINCT FROM l.name`,
    [sourceId, ids],
  );
}

async function writePatients(
  tx: SqlTx,
  sourceId: number,
  rows: readonly PatientRow[],
  dirty: Set<string>,
): Promise<void> {
  const returned = await tx.query<{ id: number; fhir_id: string; inserted: boolean }>(
    `INSERT INTO patient AS t (source_id, fhir_id, identifier, birth_date, sex, deceased, deceased_at)
     SELECT $1, id, ident, bd, sex, dec, dat
       FROM unnest($2::text[], $3::text[], $4::date[], $5::text[], $6::bool[], $7::timestamptz[]) AS u(id, ident, bd, sex, dec, dat)
     ON CONFLICT (source_id, fhir_id) DO UPDATE SET identifier = EXCLUDED.identifier, birth_date = EXCLUDED.birth_date,
       sex = EXCLUDED.sex, deceased = EXCLUDED.deceased, deceased_at = EXCLUDED.deceased_at
     RETURNING id, fhir_id, (xmax = 0) AS inserted`,
    [
      sourceId,
      rows.map((r) => r.fhirId),
      rows.map((r) => r.identifier),
      rows.map((r) => r.birthDate),
      rows.map((r) => r.sex),
      rows.map((r) => r.deceased),
      rows.map((r) => r.deceasedAt),
    ],
  );
  await writeIdentifiers(tx, sourceId, "Patient", rows);
  await fixPendingConditionalRefs(tx, sourceId, "Patient", rows, dirty);
  const inserted = returned.filter((r) => r.inserted).map((r) => r.fhir_id);
  if (inserted.length === 0) return;
  // Rows that arrived before their patient get its key now.
  for (const table of ["encounter", "condition", "care_event", "vital_sign", "observation_set"]) {
    await tx.query(
      `UPDATE ${table} t SET patient_id = p.id FROM patient p
        WHERE p.source_id = $1 AND p.fhir_id = ANY($2::text[]) AND t.source_id = $1 AND t.patient_fhir_id = p.fhir_id
          AND t.patient_id IS DISTINCT FROM p.id`,
      [sourceId, inserted],
    );
  }
}

async function writeEncounters(
  tx: SqlTx,
  sourceId: number,
  rows: readonly EncounterWithWard[],
  updatedKeys: ReadonlySet<string>,
  dirty: Set<string>,
): Promise<void> {
  const returned = await tx.query<{ id: number; fhir_id: string; inserted: boolean }>(
    `INSERT INTO encounter AS t (source_id, fhir_id, patient_fhir_id, patient_id, class_code, status, period_start,
        period_end, ward_fhir_id, ward_name, specialty, admission_method, discharge_disposition, died_in_hospital)
     SELECT $1, u.id, u.pat, p.id, u.cls, u.st, u.ps, u.pe, u.wid, COALESCE(l.name, u.wd, 'Location/' || u.wid), u.sp, u.am, u.dd, u.died
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::bool[]) AS u(id, pat, cls, st, ps, pe, wid, wd, sp, am, dd, died)
       LEFT JOIN patient p ON p.source_id = $1 AND p.fhir_id = u.pat
       LEFT JOIN location l ON l.source_id = $1 AND l.fhir_id = u.wid
     ON CONFLICT (source_id, fhir_id) DO UPDATE SET patient_fhir_id = EXCLUDED.patient_fhir_id, patient_id = EXCLUDED.patient_id,
       class_code = EXCLUDED.class_code, status = EXCLUDED.status, period_start = EXCLUDED.period_start,
       period_end = EXCLUDED.period_end, ward_fhir_id = EXCLUDED.ward_fhir_id, ward_name = EXCLUDED.ward_name,
       specialty = EXCLUDED.specialty, admission_method = EXCLUDED.admission_method,
       discharge_disposition = EXCLUDED.discharge_disposition, died_in_hospital = EXCLUDED.died_in_hospital
     RETURNING id, fhir_id, (xmax = 0) AS inserted`,
    [
      sourceId,
      rows.map((r) => r.fhirId),
      rows.map((r) => r.patientRef),
      rows.map((r) => r.classCode),
      rows.map((r) => r.status),
      rows.map((r) => r.periodStart),
      rows.map((r) => r.periodEnd),
      rows.map((r) => r.wardFhirId),
      rows.map((r) => (r.wardFhirId === null && r.wardDisplay === null ? null : r.wardDisplay)),
      rows.map((r) => r.specialty),
      rows.map((r) => r.admissionMethod),
      rows.map((r) => r.dischargeDisposition),
      rows.map((r) => r.diedInHospital),
    ],
  );
  const idByFhirId = new Map(returned.map((r) => [r.fhir_id, r.id]));
  const updatedIds = returned.filter((r) => updatedKeys.has(`Encounter/${r.fhir_id}`)).map((r) => r.id);
  if (updatedIds.length > 0)
    await tx.query(`DELETE FROM ward_stay WHERE encounter_id = ANY($1::int[])`, [updatedIds]);
  const stays = rows.flatMap((r) => r.stays.map((s) => ({ ...s, encounterId: idByFhirId.get(r.fhirId)! })));
  if (stays.length > 0) {
    await tx.query(
      `INSERT INTO ward_stay (encounter_id, position, ward_fhir_id, ward_name, start, "end")
       SELECT u.eid, u.pos, u.wid, COALESCE(l.name, u.wd, 'Location/' || u.wid, '(unknown ward)'), u.s, u.e
         FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[]) AS u(eid, pos, wid, wd, s, e)
         LEFT JOIN location l ON l.source_id = $1 AND l.fhir_id = u.wid`,
      [
        sourceId,
        stays.map((s) => s.encounterId),
        stays.map((s) => s.position),
        stays.map((s) => s.wardFhirId),
        stays.map((s) => s.display),
        stays.map((s) => s.start),
        stays.map((s) => s.end),
      ],
    );
  }
  await writeIdentifiers(tx, sourceId, "Encounter", rows);
  await fixPendingConditionalRefs(tx, sourceId, "Encounter", rows, dirty);
  const inserted = returned.filter((r) => r.inserted).map((r) => r.fhir_id);
  if (inserted.length === 0) return;
  // Rows that arrived before their encounter get its key now, whatever their patient reference says: it may
  // still be reference text (`?identifier=…`) where the encounter's names the patient by id, or the reverse.
  // `encounter_id IS NULL` lets vital_sign use its partial index (see fixPendingConditionalRefs).
  for (const table of ["condition", "care_event", "vital_sign"]) {
    const keyed = await tx.query<{ patient_fhir_id: string }>(
      `UPDATE ${table} t SET encounter_id = e.id FROM encounter e
        WHERE e.source_id = $1 AND e.fhir_id = ANY($2::text[]) AND t.source_id = $1
          AND t.encounter_fhir_id = ANY($2::text[]) AND t.encounter_id IS NULL AND t.encounter_fhir_id = e.fhir_id
        ${table === "vital_sign" ? "RETURNING t.patient_fhir_id" : ""}`,
      [sourceId, inserted],
    );
    // The encounter's own patient is queued already; a vital sign may name its patient another way.
    for (const r of keyed) dirty.add(r.patient_fhir_id);
  }
}

async function writeConditions(tx: SqlTx, sourceId: number, rows: readonly ConditionRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO condition AS t (source_id, fhir_id, patient_fhir_id, patient_id, encounter_fhir_id, encounter_id, code_system,
        code, display, clinical_status, verification_status, onset_at, recorded_at, is_pneumonia, is_chest_infection,
        is_pressure_ulcer, pressure_ulcer_category, present_on_admission, charlson_group)
     SELECT $1, u.id, u.pat, p.id, u.enc, e.id, u.cs, u.code, u.disp, u.cls, u.vs, u.onset, u.rec, u.pn, u.ci, u.pu, u.puc, u.poa, u.ch
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::timestamptz[], $11::timestamptz[], $12::bool[], $13::bool[], $14::bool[], $15::int4[], $16::bool[], $17::text[])
            AS u(id, pat, enc, cs, code, disp, cls, vs, onset, rec, pn, ci, pu, puc, poa, ch)
       LEFT JOIN patient p ON p.source_id = $1 AND p.fhir_id = u.pat
       LEFT JOIN encounter e ON e.source_id = $1 AND e.fhir_id = u.enc
     ON CONFLICT (source_id, fhir_id) DO UPDATE SET patient_fhir_id = EXCLUDED.patient_fhir_id, patient_id = EXCLUDED.patient_id,
       encounter_fhir_id = EXCLUDED.encounter_fhir_id, encounter_id = EXCLUDED.encounter_id, code_system = EXCLUDED.code_system,
       code = EXCLUDED.code, display = EXCLUDED.display, clinical_status = EXCLUDED.clinical_status,
       verification_status = EXCLUDED.verification_status, onset_at = EXCLUDED.onset_at, recorded_at = EXCLUDED.recorded_at,
       is_pneumonia = EXCLUDED.is_pneumonia, is_chest_infection = EXCLUDED.is_chest_infection,
       is_pressure_ulcer = EXCLUDED.is_pressure_ulcer, pressure_ulcer_category = EXCLUDED.pressure_ulcer_category,
       present_on_admission = EXCLUDED.present_on_admission, charlson_group = EXCLUDED.charlson_group`,
    [
      sourceId,
      rows.map((r) => r.fhirId),
      rows.map((r) => r.patientRef),
      rows.map((r) => r.encounterRef),
      rows.map((r) => r.codeSystem),
      rows.map((r) => r.code),
      rows.map((r) => r.display),
      rows.map((r) => r.clinicalStatus),
      rows.map((r) => r.verificationStatus),
      rows.map((r) => r.onsetAt),
      rows.map((r) => r.recordedAt),
      rows.map((r) => r.isPneumonia),
      rows.map((r) => r.isChestInfection),
      rows.map((r) => r.isPressureUlcer),
      rows.map((r) => r.pressureUlcerCategory),
      rows.map((r) => r.presentOnAdmission),
      rows.map((r) => r.charlsonGroup),
    ],
  );
}

/** Kinds of care event that change observation sets (oxygen makes a set "on oxygen", scale 2 changes scoring). */
function affectsObservationSets(kind: string): boolean {
  return kind === "oxygen" || kind === "scale2-decision";
}

async function writeCareEvents(
  tx: SqlTx,
  sourceId: number,
  resources: readonly PreparedResource[],
  rows: readonly CareEventRow[],
  updatedKeys: ReadonlySet<string>,
  dirty: Set<string>,
): Promise<void> {
  const updated = resources.filter((r) => updatedKeys.has(`${r.resourceType}/${r.fhirId}`));
  if (updated.length > 0) {
    const removed = await tx.query<{ patient_fhir_id: string; kind: string }>(
      `DELETE FROM care_event c USING unnest($2::text[], $3::text[]) AS u(rt, id)
        WHERE c.source_id = $1 AND c.resource_type = u.rt AND c.fhir_id = u.id RETURNING c.patient_fhir_id, c.kind`,
      [sourceId, updated.map((r) => r.resourceType), updated.map((r) => r.fhirId)],
    );
    for (const r of removed) if (affectsObservationSets(r.kind)) dirty.add(r.patient_fhir_id);
  }
  if (rows.length === 0) return;
  // A DeviceUseStatement naming a stored Device takes that device's kind (a Device arriving later updates it).
  const written = await tx.query<{ patient_fhir_id: string; kind: string }>(
    `INSERT INTO care_event (source_id, resource_type, fhir_id, patient_fhir_id, patient_id, encounter_fhir_id, encounter_id,
        kind, code_system, code, status, occurred_at, ended_at, route, device_fhir_id)
     SELECT $1, u.rt, u.id, u.pat, p.id, u.enc, e.id, COALESCE(d.kind, u.kind), u.cs, u.code, u.st, u.oa, u.ea, u.route, u.dev
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[])
            AS u(rt, id, pat, enc, kind, cs, code, st, oa, ea, route, dev)
       LEFT JOIN patient p ON p.source_id = $1 AND p.fhir_id = u.pat
       LEFT JOIN encounter e ON e.source_id = $1 AND e.fhir_id = u.enc
       LEFT JOIN device d ON d.source_id = $1 AND d.fhir_id = u.dev
     ON CONFLICT (source_id, resource_type, fhir_id) DO NOTHING
     RETURNING patient_fhir_id, kind`,
    [
      sourceId,
      rows.map((r) => r.resourceType),
      rows.map((r) => r.fhirId),
      rows.map((r) => r.patientRef),
      rows.map((r) => r.encounterRef),
      rows.map((r) => r.kind),
      rows.map((r) => r.codeSystem),
      rows.map((r) => r.code),
      rows.map((r) => r.status),
      rows.map((r) => r.occurredAt),
      rows.map((r) => r.endedAt),
      rows.map((r) => r.route),
      rows.map((r) => r.deviceRef),
    ],
  );
  for (const r of written) if (affectsObservationSets(r.kind)) dirty.add(r.patient_fhir_id);
}

/**
 * Devices by kind, for the DeviceUseStatements that name them; statements already stored take the kind of a
 * device that arrives or changes after them, and their patients' observation sets are rebuilt.
 */
async function writeDevices(
  tx: SqlTx,
  sourceId: number,
  rows: readonly DeviceRow[],
  dirty: Set<string>,
): Promise<void> {
  await tx.query(
    `INSERT INTO device AS t (source_id, fhir_id, kind, code_system, code, patient_fhir_id)
     SELECT $1, u.id, u.kind, u.cs, u.code, u.pat
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, kind, cs, code, pat)
     ON CONFLICT (source_id, fhir_id) DO UPDATE SET kind = EXCLUDED.kind, code_system = EXCLUDED.code_system,
       code = EXCLUDED.code, patient_fhir_id = EXCLUDED.patient_fhir_id`,
    [
      sourceId,
      rows.map((r) => r.fhirId),
      rows.map((r) => r.kind),
      rows.map((r) => r.codeSystem),
      rows.map((r) => r.code),
      rows.map((r) => r.patientRef),
    ],
  );
  const reclassified = await tx.query<{ patient_fhir_id: string }>(
    `UPDATE care_event c SET kind = d.kind FROM device d
      WHERE d.source_id = $1 AND d.fhir_id = ANY($2::text[]) AND c.source_id = $1 AND c.device_fhir_id = d.fhir_id
        AND c.kind IS DISTINCT FROM d.kind
      RETURNING c.patient_fhir_id`,
    [sourceId, rows.map((r) => r.fhirId)],
  );
  for (const r of reclassified) dirty.add(r.patient_fhir_id);
}

async function writeVitalSigns(
  tx: SqlTx,
  sourceId: number,
  resources: readonly PreparedResource[],
  rows: readonly ObservationRows[],
  updatedKeys: ReadonlySet<string>,
  dirty: Set<string>,
  keys: SurrogateKeys | undefined,
): Promise<void> {
  const updated = resources.filter((r) => updatedKeys.has(`Observation/${r.fhirId}`)).map((r) => r.fhirId);
  if (updated.length > 0) {
    const removed = await tx.query<{ patient_fhir_id: string }>(
      `DELETE FROM vital_sign WHERE source_id = $1 AND fhir_id = ANY($2::text[]) RETURNING patient_fhir_id`,
      [sourceId, updated],
    );
    for (const r of removed) dirty.add(r.patient_fhir_id);
  }
  if (!rows.some((o) => o.vitals.length > 0)) return;
  const patientIds = await idsByFhirId(
    tx,
    "patient",
    sourceId,
    rows.map((o) => o.patientRef),
    keys,
  );
  const encounterIds = await idsByFhirId(
    tx,
    "encounter",
    sourceId,
    rows.flatMap((o) => (o.encounterRef === null ? [] : [o.encounterRef])),
    keys,
  );
  // Straight into the table by binary COPY: a changed Observation's old rows were deleted above and a new one
  // has none, so no row can conflict; patient and encounter keys were looked up once for the whole batch.
  await tx.copyFrom(
    "vital_sign",
    VITAL_SIGN_COLUMNS,
    encodeRows(rows, (copy, o) => {
      const patientId = patientIds.get(o.patientRef) ?? null;
      const encounterId = o.encounterRef === null ? null : (encounterIds.get(o.encounterRef) ?? null);
      for (const v of o.vitals) {
        copy
          .row(VITAL_SIGN_COLUMNS.length)
          .int4(sourceId)
          .text(o.fhirId)
          .text(o.patientRef)
          .int4(patientId)
          .text(o.encounterRef)
          .int4(encounterId)
          .text(v.parameter)
          .float8(v.value)
          .text(v.valueCode)
          .text(v.unit)
          .timestamptz(o.effectiveAt)
          .int4(v.spo2Scale)
          .bool(o.isVitalSignsCategory);
      }
    }),
  );
}

const VITAL_SIGN_COLUMNS = [
  "source_id",
  "fhir_id",
  "patient_fhir_id",
  "patient_id",
  "encounter_fhir_id",
  "encounter_id",
  "parameter",
  "value",
  "value_code",
  "unit",
  "effective_at",
  "spo2_scale",
  "is_vital_signs_category",
] as const;

/**
 * Surrogate keys of patients and encounters already met in a run, so a batch of vital signs usually needs no
 * look-up at all. A patient's or encounter's key never changes once its row exists (rows are upserted, never
 * deleted by ingest), but a key first seen inside a transaction counts only once that transaction commits:
 * a rolled-back batch may have created the row itself.
 */
export class SurrogateKeys {
  private readonly committed = { patient: new Map<string, number>(), encounter: new Map<string, number>() };
  private readonly pending = { patient: new Map<string, number>(), encounter: new Map<string, number>() };

  get(table: "patient" | "encounter", fhirId: string): number | undefined {
    return this.committed[table].get(fhirId) ?? this.pending[table].get(fhirId);
  }

  found(table: "patient" | "encounter", fhirId: string, id: number): void {
    if (!this.committed[table].has(fhirId)) this.pending[table].set(fhirId, id);
  }

  /** The transaction that found the pending keys committed. */
  commit(): void {
    for (const table of ["patient", "encounter"] as const) {
      for (const [fhirId, id] of this.pending[table]) this.committed[table].set(fhirId, id);
      this.pending[table].clear();
    }
  }

  /** The transaction rolled back: forget what it found. */
  rollback(): void {
    this.pending.patient.clear();
    this.pending.encounter.clear();
  }
}

/**
 * Surrogate keys of the stored patients or encounters among `fhirIds` (one statement for a whole batch, for
 * those not already in `known`).
 */
export async function idsByFhirId(
  tx: SqlTx,
  table: "patient" | "encounter",
  sourceId: number,
  fhirIds: readonly string[],
  known?: SurrogateKeys,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const missing = new Set<string>();
  for (const fhirId of fhirIds) {
    if (out.has(fhirId) || missing.has(fhirId)) continue;
    const id = known?.get(table, fhirId);
    if (id === undefined) missing.add(fhirId);
    else out.set(fhirId, id);
  }
  if (missing.size === 0) return out;
  const rows = await tx.query<{ id: number; fhir_id: string }>(
    `SELECT id, fhir_id FROM ${table} WHERE source_id = $1 AND fhir_id = ANY($2::text[])`,
    [sourceId, [...missing]],
  );
  for (const row of rows) {
    out.set(row.fhir_id, row.id);
    known?.found(table, row.fhir_id, row.id);
  }
  return out;
}

async function writeDirectory(
  tx: SqlTx,
  sourceId: number,
  changed: readonly PreparedResource[],
): Promise<void> {
  for (const table of ["organization", "practitioner"] as const) {
    const byKey = new Map<string, string | null>();
    for (const r of changed) {
      if (r.mapped.table !== "directory") continue;
      const row: DirectoryRow = r.mapped.row;
      if (row.table !== table) continue;
      // Copies of one organisation collapse on their identifier; without one, each copy is its own row.
      byKey.set(row.identifierKey ?? `source:${sourceId}/${r.fhirId}`, row.name);
    }
    if (byKey.size === 0) continue;
    await tx.query(
      `INSERT INTO ${table} AS t (identifier_key, name) SELECT k, n FROM unnest($1::text[], $2::text[]) AS u(k, n)
       ON CONFLICT (identifier_key) DO UPDATE SET name = COALESCE(EXCLUDED.name, t.name)
       WHERE t.name IS DISTINCT FROM COALESCE(EXCLUDED.name, t.name)`,
      [[...byKey.keys()], [...byKey.values()]],
    );
  }
}

/** PostgreSQL text holds no NUL character: a quarantine entry keeps one as the six characters `\u0000`. */
function storable(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "\\u0000") : text;
}

/** A quarantine key column (indexed): storable and short enough for a B-tree entry. */
function storableKey(text: string | null): string | null {
  return text === null ? null : storable(text).slice(0, MAX_INDEXED_TEXT);
}

/** A reason quotes the value it is about, which may be anything: the first 2,000 characters say enough. */
function storableReason(text: string): string {
  const clean = storable(text);
  return clean.length <= 2_000 ? clean : `${clean.slice(0, 2_000)}…`;
}

async function writeQuarantine(
  tx: SqlTx,
  sourceId: number,
  runId: number | null,
  entries: readonly QuarantineEntry[],
): Promise<void> {
  await tx.query(
    `INSERT INTO quarantined_resource (source_id, run_id, resource_type, fhir_id, code, reason, raw, content_hash)
     SELECT $1, $2, rt, id, c, r, raw, h FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS u(rt, id, c, r, raw, h)
     ON CONFLICT (source_id, content_hash) DO NOTHING`,
    [
      sourceId,
      runId,
      entries.map((e) => storableKey(e.resourceType)),
      entries.map((e) => storableKey(e.fhirId)),
      entries.map((e) => storable(e.code)),
      entries.map((e) => storableReason(e.reason)),
      entries.map((e) => storable(e.raw)),
      entries.map((e) => e.contentHash),
    ],
  );
}

export async function advanceCheckpoint(
  tx: SqlTx,
  sourceId: number,
  checkpoint: CheckpointAdvance,
): Promise<void> {
  await tx.query(
    `INSERT INTO sync_checkpoint (source_id, resource_type, high_water, cursor, status, updated_at)
     VALUES ($1, $2, $3::timestamptz, $4, 'running', now())
     ON CONFLICT (source_id, resource_type) DO UPDATE SET
       high_water = GREATEST(sync_checkpoint.high_water, EXCLUDED.high_water),
       cursor = EXCLUDED.cursor, status = 'running', updated_at = now()`,
    [sourceId, checkpoint.resourceType, checkpoint.highWater, checkpoint.cursor ?? null],
  );
}

async function addRunCounts(
  tx: SqlTx,
  runId: number,
  batch: PreparedBatch,
  counts: BatchCounts,
): Promise<void> {
  const types = new Set([...batch.resources.map((r) => r.resourceType)]);
  const key = types.size === 1 ? [...types][0]! : "mixed";
  // counts is { "<type>": { received, inserted, ... } }; jsonb arithmetic keeps the update one statement.
  await tx.query(
    `UPDATE ingest_run SET counts = jsonb_set(counts, ARRAY[$2::text], (
        SELECT jsonb_object_agg(k, COALESCE((counts -> $2 ->> k)::int, 0) + v::int)
          FROM jsonb_each_text($3::jsonb) AS e(k, v)), true)
      WHERE id = $1`,
    [runId, key, JSON.stringify(counts)],
  );
}
