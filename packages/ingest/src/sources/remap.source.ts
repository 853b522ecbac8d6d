import type { Database } from "@vigil/db";
import type { SourceBatch } from "./source.type.js";
import { query } from "../store/sql.js";

/**
 * The stored raw JSON of a source, in arrival order, as batches — so the mappings (and changed code lists)
 * can be re-run without fetching anything again.
 */
export async function* readStoredRaw(
  db: Database,
  sourceId: number,
  batchSize = 5_000,
): AsyncGenerator<SourceBatch> {
  let after = 0n;
  let fetched = 0;
  for (;;) {
    const rows = await query<{ id: string; json: string }>(
      db,
      `SELECT r.id::text AS id, r.content::text AS json FROM raw_resource r
        WHERE r.source_id = $1 AND r.id > $2::bigint ORDER BY r.id LIMIT $3`,
      [sourceId, after.toString(), batchSize],
    );
    if (rows.length === 0) return;
    after = BigInt(rows[rows.length - 1]!.id);
    fetched += rows.length;
    yield {
      resourceType: "*",
      incoming: rows.map((r) => ({ resource: JSON.parse(r.json) as unknown, text: r.json })),
      fetched,
    };
  }
}
