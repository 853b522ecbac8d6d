import type { Resource } from "@medplum/fhirtypes";
import type { AdmissionRecord } from "./admission.record.js";
import { HospitalModel, snapshotAdmission } from "./hospital.simulation.js";
import { resolveSandboxOptions, type SandboxOptions } from "./sandbox-options.js";
import { DAY } from "./time.js";

/** One patient's resources as of the end of the window, ready to become one transaction Bundle. */
export interface PatientRecord {
  readonly patientId: string;
  readonly given: string;
  readonly family: string;
  readonly resources: readonly Resource[];
}

/** The dataset: the hospital's shared resources, then one record per patient in admission order. */
export interface SandboxDataset {
  readonly hospital: readonly Resource[];
  readonly patients: Iterable<PatientRecord>;
}

/**
 * How far the window reaches when only `maxObservations` bounds it: generation stops as soon as the count is
 * reached, this is just the safety net of an endless loop.
 */
const UNBOUNDED_DAYS = 36_600;
/** Arrivals are generated a week of simulated time at a time when the window is unbounded. */
const CHUNK_DAYS = 7;

/**
 * Generates the sandbox hospital for a window: admissions with their whole stays, each rendered as of the end of
 * the window (patients still in hospital then have an in-progress Encounter). Lazy and streaming: one patient
 * is in memory at a time, so millions of Observations fit in bounded memory. Same options, same output.
 */
export function generateSandboxDataset(options: SandboxOptions = {}): SandboxDataset {
  const resolved = resolveSandboxOptions(options);
  const model = new HospitalModel(resolved);
  return { hospital: model.hospitalResources(), patients: patientRecords(model) };
}

function* patientRecords(model: HospitalModel): Generator<PatientRecord> {
  const { end, maxObservations } = model.options;
  const horizon = end ?? model.options.start + UNBOUNDED_DAYS * DAY;
  let observations = 0;
  for (let chunkEnd = model.warmUpStart; chunkEnd < horizon + 1;) {
    chunkEnd = Math.min(horizon + 1, chunkEnd + CHUNK_DAYS * DAY);
    for (const record of model.admissionsUntil(chunkEnd)) {
      // Without a window end the records are complete stays (rendered once nothing more changes).
      const asOf = end ?? record.lastChangeAt;
      if (maxObservations === undefined) {
        yield toPatientRecord(record, snapshotAdmission(record, asOf));
        continue;
      }
      const remaining = maxObservations - observations;
      const resources = truncateToObservations(record, asOf, remaining);
      observations += resources.filter((resource) => resource.resourceType === "Observation").length;
      if (resources.length > 0) yield toPatientRecord(record, resources);
      if (observations >= maxObservations) return;
    }
  }
}

function toPatientRecord(record: AdmissionRecord, resources: readonly Resource[]): PatientRecord {
  return { patientId: record.patientId, given: record.given, family: record.family, resources };
}

/**
 * The admission's resources with at most `limit` Observations: when the limit falls inside the stay, the record
 * is cut at the instant of the last Observation kept (as if the window ended there), so nothing kept refers to
 * anything left out; readings come before the NEWS2 total that derives from them.
 */
function truncateToObservations(record: AdmissionRecord, asOf: number, limit: number): Resource[] {
  let count = 0;
  let cutAt = asOf;
  for (const entry of record.entries) {
    const created = entry.versions[0] ?? Infinity;
    if (entry.resourceType !== "Observation" || created > asOf) continue;
    count += 1;
    if (count === limit) {
      cutAt = created;
      break;
    }
  }
  if (count < limit) return snapshotAdmission(record, asOf);
  const resources: Resource[] = [];
  let kept = 0;
  for (const entry of record.entries) {
    if ((entry.versions[0] ?? Infinity) > cutAt) continue;
    if (entry.resourceType === "Observation") {
      if (kept === limit) continue;
      kept += 1;
    }
    resources.push(entry.render(cutAt));
  }
  return resources;
}

/** Every resource of the dataset in a stable order: Organization, Locations, Practitioners, then per patient. */
export function* generateHospital(options: SandboxOptions = {}): Generator<Resource> {
  const dataset = generateSandboxDataset(options);
  yield* dataset.hospital;
  for (const patient of dataset.patients) yield* patient.resources;
}
