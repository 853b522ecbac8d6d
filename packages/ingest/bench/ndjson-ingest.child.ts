// Child process of the NDJSON benchmark: ingests a folder into PostgreSQL and prints one JSON line with its
// timing and peak memory, so the parent's own memory (data generation) is not counted.
import { openDatabase } from "@vigil/db";
import { ingestFiles } from "../src/sync/ingest.service.js";
import { delta, postgresCpuSeconds } from "./cpu.js";

const [url, path] = process.argv.slice(2);
if (url === undefined || path === undefined)
  throw new Error("usage: ndjson-ingest.child.ts DATABASE_URL PATH");
const db = await openDatabase({ kind: "postgres", url, dataDir: "memory://", autoMigrate: true });
try {
  const pgBefore = postgresCpuSeconds();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await ingestFiles({ db, path, sourceName: "bench", batchSize: 5_000 });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    JSON.stringify({
      seconds,
      counts: result.counts,
      sets: result.observationSets.sets,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
      postgresCpuSeconds: delta(postgresCpuSeconds(), pgBefore),
    }),
  );
} finally {
  await db.close();
}
