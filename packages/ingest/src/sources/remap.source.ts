import type { Database } from "@vigil/db";
import type { SourceBatch } from "./source.type.js";
import { query } from "../store/sql.js";

/**
 * The stored raw JSON of a source, in key order (type, id), as batches — so the mappings (and changed code
 * lists) can be re-run without fetching anything again. References resolve whichever side is written first,
 * so the order does not change the result.
 */
export async function* readStoredRaw(
  db: Database,
  sourceId: number,
  batchSize = 5_000,
): AsyncGenerator<SourceBatch> {
  let after: { type: string; id: string } | null = null;
  let fetched = 0;
  for (;;) {
    const rows: { resource_type: string; fhir_id: string; json: string }[] = await query(
      db,
      `SELECT r.resource_type, r.fhir_id, r.content::text AS json FROM raw_resource r
        WHERE r.source_id = $1 AND ($2::text IS NULL OR (r.resource_type, r.fhir_id) > ($2::text, $3::text))
        ORDER BY r.resource_type, r.fhir_id LIMIT $4`,
      [sourceId, after?.type ?? null, after?.id ?? null, batchSize],
    );
    const last = rows.at(-1);
    if (last === undefined) return;
    after = { type: last.resource_type, id: last.fhir_id };
    fetched += rows.length;
    yield {
      resourceType: "*",
      incoming: rows.map((r) => ({ resource: JSON.parse(r.json) as unknown, text: r.json })),
      fetched,
    };
  }
}
