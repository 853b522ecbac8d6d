// `pnpm --filter @vigil/ingest bench [--observations N] [--search-days N] [--search-beds N] [--search-rounds N]
//  [--search-latency MS]`
//
// 1. NDJSON → PostgreSQL: N Observations (default 1,000,000) of the sandbox hospital written as NDJSON, then
//    ingested end to end by a child process (parse, map, hash, raw JSONB + vital signs, observation sets),
//    reporting resources/s and the child's peak RSS; then the same stored rows COPYed into empty clones of the
//    tables, for the ratio ingest ÷ plain COPY. The CPU seconds of the ingest and of PostgreSQL, spread over
//    the machine's cores, give the shortest time that work could take here.
// 2. Paged search → PostgreSQL: the sandbox server in its own process; the time to merely download every
//    page a sync requests, then the time of the sync itself, for the ratio ingest ÷ download — in alternating
//    rounds (default 3), with the CPU seconds of client, server and PostgreSQL for each. By default the server
//    answers at once from the same two cores; `--search-latency MS` makes it answer every request that much
//    later, as a server across a network does.
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
import { delta, formatSeconds, median, postgresCpuSeconds, processCpuSeconds } from "./cpu.js";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    observations: { type: "string", default: "1000000" },
    "search-days": { type: "string", default: "14" },
    "search-beds": { type: "string", default: "40" },
    "search-rounds": { type: "string", default: "3" },
    "search-latency": { type: "string", default: "0" },
    skip: { type: "string", default: "" },
  },
});
const observations = Number(values.observations);
const skip = new Set(values.skip.split(","));
const latency = Number(values["search-latency"]);

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
      nodeCpuSeconds: number;
      postgresCpuSeconds?: number;
    };
    const copy = await copyBaseline(database.url);
    const copySeconds = copy.seconds;
    const rate = result.counts.received / result.seconds;
    // The shortest time this work could take here: every CPU-second it used, spread over every core.
    const floor =
      result.postgresCpuSeconds === undefined
        ? undefined
        : (result.nodeCpuSeconds + result.postgresCpuSeconds) / cpus().length;
    console.log("");
    console.log(
      "| data | resources | ingest (s) | resources/s | peak RSS | plain COPY of the same rows (s) | ingest ÷ COPY | Node CPU (s) | PostgreSQL CPU (s) | PostgreSQL CPU of the COPY (s) | CPU ÷ cores (s) | resources/s at that floor |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    console.log(
      `| ${observations.toLocaleString("en-GB")} Observations (${(size / 2 ** 20).toFixed(0)} MiB NDJSON) + their patients, encounters, conditions, care events; ${result.sets.toLocaleString("en-GB")} observation sets | ` +
        `${result.counts.received.toLocaleString("en-GB")} | ${result.seconds.toFixed(1)} | ${Math.round(rate).toLocaleString("en-GB")} | ${result.maxRssMiB} MiB | ${copySeconds.toFixed(1)} | ${(result.seconds / copySeconds).toFixed(2)} | ` +
        `${formatSeconds(result.nodeCpuSeconds)} | ${formatSeconds(result.postgresCpuSeconds)} | ${formatSeconds(copy.postgresCpuSeconds)} | ${formatSeconds(floor)} | ${floor === undefined ? "n/a" : Math.round(result.counts.received / floor).toLocaleString("en-GB")} |`,
    );
  } finally {
    await database.drop();
  }
}

/** COPY the stored rows out, then time COPY back into empty clones (same columns and indexes, no foreign keys). */
async function copyBaseline(url: string): Promise<{ seconds: number; postgresCpuSeconds?: number }> {
  const driver = await openPostgresDriver(url, { max: 1 });
  let seconds = 0;
  let postgresCpu: number | undefined = 0;
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
        const cpuBefore = postgresCpuSeconds();
        const started = performance.now();
        await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_${table} FROM STDIN`)));
        seconds += (performance.now() - started) / 1000;
        const used = delta(postgresCpuSeconds(), cpuBefore);
        postgresCpu = used === undefined || postgresCpu === undefined ? undefined : postgresCpu + used;
      } finally {
        client.release();
        await rm(file, { force: true });
      }
    }
  } finally {
    await driver.close();
  }
  return postgresCpu === undefined ? { seconds } : { seconds, postgresCpuSeconds: postgresCpu };
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
      "--latency",
      values["search-latency"],
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
    const serverPid = server.pid!;
    // Merely downloading: the same requests a sync makes, every page parsed, nothing stored.
    const download = async (): Promise<{ resources: number; pages: number }> => {
      const client = new FhirSearchClient({ baseUrl, auth: NO_AUTH, retry: DEFAULT_RETRY_POLICY });
      let resources = 0;
      let pages = 0;
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
      return { resources, pages };
    };
    /** Wall time and CPU of client (this process), sandbox server and PostgreSQL while `fn` runs. */
    const measure = async <T>(fn: () => Promise<T>) => {
      const before = {
        client: process.cpuUsage(),
        server: processCpuSeconds(serverPid),
        postgres: postgresCpuSeconds(),
      };
      const started = performance.now();
      const value = await fn();
      const seconds = (performance.now() - started) / 1000;
      const client = process.cpuUsage(before.client);
      return {
        value,
        seconds,
        cpu: {
          client: (client.user + client.system) / 1e6,
          server: delta(processCpuSeconds(serverPid), before.server),
          postgres: delta(postgresCpuSeconds(), before.postgres),
        },
      };
    };
    // Alternating rounds: the first of each is cold (the server's search indexes, both sides' JIT), as a
    // one-off `vigil ingest` is; the median says what a warm worker sees. The database is created and dropped
    // outside the timed sync.
    const rounds = Number(values["search-rounds"]);
    const rows: string[] = [];
    const ratios: number[] = [];
    let shape = { resources: 0, pages: 0 };
    for (let round = 1; round <= rounds; round++) {
      const got = await measure(download);
      shape = got.value;
      const database = await createTestPostgres("vigil_bench_search");
      let synced: Awaited<ReturnType<typeof measure<number>>>;
      try {
        const db = await openDatabase({
          kind: "postgres",
          url: database.url,
          dataDir: "memory://",
          autoMigrate: true,
        });
        try {
          synced = await measure(async () => {
            const result = await ingestFromServer({ db, baseUrl, sourceName: "bench", pageSize });
            return result.counts.received;
          });
        } finally {
          await db.close();
        }
      } finally {
        await database.drop();
      }
      if (synced.value !== shape.resources)
        console.log(`(round ${round}: sync received ${synced.value} resources)`);
      const ratio = synced.seconds / got.seconds;
      ratios.push(ratio);
      const cpu = (c: typeof got.cpu): string =>
        `${formatSeconds(c.client)} / ${formatSeconds(c.server)} / ${formatSeconds(c.postgres)}`;
      const total = (c: typeof got.cpu): number | undefined =>
        c.server === undefined || c.postgres === undefined ? undefined : c.client + c.server + c.postgres;
      const syncTotal = total(synced.cpu);
      rows.push(
        `| ${round}${round === 1 ? " (cold)" : ""} | ${got.seconds.toFixed(2)} | ${cpu(got.cpu)} | ${synced.seconds.toFixed(2)} | ${cpu(synced.cpu)} | ` +
          `${formatSeconds(syncTotal === undefined ? undefined : syncTotal / cpus().length)} | ${ratio.toFixed(2)} |`,
      );
    }
    console.log("");
    console.log(
      `Sandbox hospital, ${values["search-days"]} days × ${values["search-beds"]} beds: ${shape.resources.toLocaleString("en-GB")} resources in ${shape.pages} pages of \`_count=${pageSize}\`, ${latency === 0 ? "answered at once" : `each request answered ${latency} ms late`}; CPU seconds as client / server / PostgreSQL.`,
    );
    console.log("");
    console.log(
      "| round | download (s) | download CPU (s) | sync (s) | sync CPU (s) | sync CPU ÷ cores (s) | sync ÷ download |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const row of rows) console.log(row);
    console.log(`| median | | | | | | ${median(ratios).toFixed(2)} |`);
  } finally {
    server.kill("SIGTERM");
  }
}
