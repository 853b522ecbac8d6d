// `pnpm --filter @vigil/ingest bench [--observations N] [--search-days N] [--search-beds N]`
//
// 1. NDJSON → PostgreSQL: N Observations (default 1,000,000) of the sandbox hospital written as NDJSON, then
//    ingested end to end by a child process (parse, map, hash, raw JSONB + vital signs, observation sets),
//    reporting resources/s and the child's peak RSS; then the same stored rows COPYed into empty clones of the
//    tables, for the ratio ingest ÷ plain COPY.
// 2. Paged search → PostgreSQL: the sandbox server in its own process; the time to merely download every
//    page a sync requests, then the time of the sync itself, for the ratio ingest ÷ download.
// Results are Markdown rows for docs/benchmarks/ingest.md.
import { execFileSync, spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase, openPostgresDriver } from "@vigil/db";
import { createTestPostgres } from "@vigil/db/testing";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { NO_AUTH } from "../src/auth/auth.type.js";
import { DEFAULT_RETRY_POLICY } from "../src/http/retry.js";
import { writeSandboxFiles } from "../src/sandbox/generator/index.js";
import { FhirSearchClient, type SearchBundle } from "../src/sources/search/fhir-client.js";
import { DEFAULT_SEARCH_FILTERS, DEFAULT_SEARCH_TYPES } from "../src/sources/search/search.source.js";
import { ingestFromServer } from "../src/sync/ingest.service.js";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    observations: { type: "string", default: "1000000" },
    "search-days": { type: "string", default: "14" },
    "search-beds": { type: "string", default: "40" },
    skip: { type: "string", default: "" },
  },
});
const observations = Number(values.observations);
const skip = new Set(values.skip.split(","));

console.log(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);

if (!skip.has("ndjson")) await ndjsonBench();
if (!skip.has("search")) await searchBench();

async function ndjsonBench(): Promise<void> {
  const dir = join(tmpdir(), `vigil-bench-ndjson-${observations}`);
  const marker = join(dir, ".complete");
  if (!existsSync(marker)) {
    await rm(dir, { recursive: true, force: true });
    const started = performance.now();
    await writeSandboxFiles({ out: dir, format: "ndjson", maxObservations: observations, seed: 1 });
    await mkdir(dir, { recursive: true });
    createWriteStream(marker).end("ok");
    console.log(
      `Generated ${observations.toLocaleString("en-GB")} Observations as NDJSON in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`,
    );
  }
  const size = (await stat(join(dir, "Observation.ndjson"))).size;
  const database = await createTestPostgres("vigil_bench");
  try {
    const out = execFileSync(
      process.execPath,
      [
        "--conditions=@vigil/source",
        "--import",
        "tsx",
        join(here, "ndjson-ingest.child.ts"),
        database.url,
        dir,
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 1 << 20,
      },
    );
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as {
      seconds: number;
      counts: { received: number };
      sets: number;
      maxRssMiB: number;
    };
    const copySeconds = await copyBaseline(database.url);
    const rate = result.counts.received / result.seconds;
    console.log("");
    console.log(
      "| data | resources | ingest (s) | resources/s | peak RSS | plain COPY of the same rows (s) | ingest ÷ COPY |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    console.log(
      `| ${observations.toLocaleString("en-GB")} Observations (${(size / 2 ** 20).toFixed(0)} MiB NDJSON) + their patients, encounters, conditions, care events; ${result.sets.toLocaleString("en-GB")} observation sets | ` +
        `${result.counts.received.toLocaleString("en-GB")} | ${result.seconds.toFixed(1)} | ${Math.round(rate).toLocaleString("en-GB")} | ${result.maxRssMiB} MiB | ${copySeconds.toFixed(1)} | ${(result.seconds / copySeconds).toFixed(2)} |`,
    );
  } finally {
    await database.drop();
  }
}

/** COPY the stored rows out, then time COPY back into empty clones (same columns and indexes, no foreign keys). */
async function copyBaseline(url: string): Promise<number> {
  const driver = await openPostgresDriver(url, { max: 1 });
  let seconds = 0;
  try {
    for (const table of [
      "raw_resource",
      "vital_sign",
      "observation_set",
      "patient",
      "encounter",
      "condition",
      "care_event",
    ]) {
      const file = join(tmpdir(), `vigil-bench-${table}.copy`);
      const client = await driver.pool.connect();
      try {
        await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(file));
        await client.query(
          `DROP TABLE IF EXISTS bench_${table}; CREATE TABLE bench_${table} (LIKE ${table} INCLUDING ALL)`,
        );
        const started = performance.now();
        await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_${table} FROM STDIN`)));
        seconds += (performance.now() - started) / 1000;
      } finally {
        client.release();
        await rm(file, { force: true });
      }
    }
  } finally {
    await driver.close();
  }
  return seconds;
}

async function searchBench(): Promise<void> {
  const cli = join(here, "..", "..", "api", "src", "cli.ts");
  const server = spawn(
    process.execPath,
    [
      "--conditions=@vigil/source",
      "--import",
      "tsx",
      cli,
      "sandbox",
      "serve",
      "--port",
      "0",
      "--days",
      values["search-days"],
      "--beds",
      values["search-beds"],
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, VIGIL_DATA_DIR: "memory://" } },
  );
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let text = "";
      server.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const match = /Sandbox FHIR server at (\S+)/.exec(text);
        if (match !== null) resolve(match[1]!);
      });
      server.once("exit", (code) => reject(new Error(`sandbox server exited with ${code}`)));
    });
    const pageSize = 1_000;
    // Merely downloading: the same requests a sync makes, every page parsed, nothing stored.
    const client = new FhirSearchClient({ baseUrl, auth: NO_AUTH, retry: DEFAULT_RETRY_POLICY });
    let resources = 0;
    let pages = 0;
    const download = performance.now();
    for (const type of DEFAULT_SEARCH_TYPES) {
      let page: SearchBundle | undefined = await client.search(type, {
        _sort: "_lastUpdated",
        _count: String(pageSize),
        ...(DEFAULT_SEARCH_FILTERS[type] ?? {}),
      });
      while (page !== undefined) {
        pages++;
        resources += page.entry?.length ?? 0;
        page = await client.nextPage(page);
      }
    }
    const downloadSeconds = (performance.now() - download) / 1000;

    const database = await createTestPostgres("vigil_bench_search");
    try {
      const db = await openDatabase({
        kind: "postgres",
        url: database.url,
        dataDir: "memory://",
        autoMigrate: true,
      });
      try {
        const started = performance.now();
        const result = await ingestFromServer({ db, baseUrl, sourceName: "bench", pageSize });
        const ingestSeconds = (performance.now() - started) / 1000;
        console.log("");
        console.log("| data | resources | pages | download only (s) | sync (s) | sync ÷ download |");
        console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
        console.log(
          `| sandbox hospital, ${values["search-days"]} days × ${values["search-beds"]} beds, \`_count=${pageSize}\` | ${resources.toLocaleString("en-GB")} | ${pages} | ` +
            `${downloadSeconds.toFixed(1)} | ${ingestSeconds.toFixed(1)} | ${(ingestSeconds / downloadSeconds).toFixed(2)} |`,
        );
        if (result.counts.received !== resources)
          console.log(`(sync received ${result.counts.received} resources)`);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
    }
  } finally {
    server.kill("SIGTERM");
  }
}
