import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bundle } from "@medplum/fhirtypes";
import { readDataStats, type DataStats, type Database } from "@vigil/db";
import { generatorFeed } from "../../src/sandbox/server/generator.feed.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/server/sandbox.service.js";

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const syntheaDir = join(fixtures, "synthea");

/** Synthea's transaction Bundles, as a client would POST them. */
export async function syntheaBundles(): Promise<Bundle[]> {
  const files = (await readdir(syntheaDir)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(syntheaDir, f), "utf8")) as Bundle),
  );
}

/**
 * A sandbox server holding a small generated hospital (two days, a few beds: a few thousand resources with
 * complete NEWS2 rounds, escalations, pneumonia, deaths) plus the Synthea Bundles loaded as transactions.
 */
export async function startSmallHospital(options: { days?: number; beds?: number } = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({
    data: {
      kind: "feed",
      feed: generatorFeed({ seed: 7, days: options.days ?? 2, beds: options.beds ?? 8 }),
    },
  });
  try {
    for (const bundle of await syntheaBundles()) await sandbox.server.transaction(bundle);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return sandbox;
}

export async function stats(db: Database): Promise<DataStats> {
  return readDataStats(db.prisma);
}
