import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import type { Database } from "@vigil/db";
import { ingestFiles } from "../../src/sync/ingest.service.js";
import type { SyncResult } from "../../src/sync/sync.worker.js";

/** A vital-sign Observation (LOINC `code`) of `patient` at `at`, as a server would send it. */
export const vital = (
  id: string,
  patient: string,
  code: string,
  value: number,
  unit: string,
  at = "2025-01-06T10:00:00Z",
) => ({
  resourceType: "Observation",
  id,
  status: "final",
  category: [
    {
      coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs" }],
    },
  ],
  code: { coding: [{ system: "http://loinc.org", code }] },
  subject: { reference: patient },
  effectiveDateTime: at,
  valueQuantity: { value, code: unit },
});

/**
 * `length` characters that do not compress (chained SHA-256, deterministic by `seed`): PostgreSQL compresses a
 * repetitive index entry below its size limit, so long test values must not repeat.
 */
export function incompressible(seed: string, length: number): string {
  let text = "";
  for (let i = 0; text.length < length; i++)
    text += createHash("sha256").update(`${seed}${i}`).digest("base64url");
  return text.slice(0, length);
}

/** One NDJSON line of a resource. */
export const line = (resource: object): string => JSON.stringify(resource);

/**
 * Writes `resources` as the NDJSON file `file` (replacing what it held) and ingests it into `sourceName`: one
 * run of a files source, as `vigil ingest --files` makes.
 */
export async function ingestNdjson(
  db: Database,
  file: string,
  resources: readonly object[],
  options: { readonly sourceName: string; readonly batchSize?: number },
): Promise<SyncResult> {
  await writeFile(file, resources.map(line).join("\n"));
  return ingestFiles({ db, path: file, ...options });
}
