import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/mapping/prepare.js";
import { ingestNdjson, line, vital } from "./support/fixtures.js";

const patient = { resourceType: "Patient", id: "p-tie" };

/** Servers stamp lastUpdated to the millisecond (STACK.md): two saves within one millisecond tie. */
const AT = "2025-01-06T10:05:00.123Z";
const v1 = {
  ...vital("o-tie", "Patient/p-tie", "8867-4", 80, "/min"),
  meta: { versionId: "1", lastUpdated: AT },
};

/**
 * Version 2 of `v1`, same lastUpdated, with a pulse whose NDJSON line hashes below or above v1's: before
 * versionIds broke the tie, the hash alone decided, so one of the two lost version 2.
 */
function v2(hash: "smaller" | "larger") {
  for (let pulse = 81; ; pulse++) {
    const candidate = {
      ...v1,
      meta: { versionId: "2", lastUpdated: AT },
      valueQuantity: { value: pulse, code: "/min" },
    };
    const smaller = sha256(line(candidate)) < sha256(line(v1));
    if (smaller === (hash === "smaller")) return candidate;
  }
}

describe.each<TestDatabaseKind>(["postgres", "pglite"])(
  "versions with the same lastUpdated, on %s",
  (kind) => {
    let db: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      db = await openTestDatabase(kind);
      dir = await mkdtemp(join(tmpdir(), "vigil-ties-"));
    });
    afterAll(async () => {
      await db?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    const stored = async (sourceName: string) => {
      const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: sourceName } });
      const raw = await db.prisma.rawResource.findFirstOrThrow({
        where: { sourceId: source.id, fhirId: "o-tie" },
      });
      const pulse = await db.prisma.vitalSign.findFirstOrThrow({
        where: { sourceId: source.id, fhirId: "o-tie" },
      });
      return { versionId: raw.versionId, pulse: pulse.value };
    };

    for (const hash of ["smaller", "larger"] as const) {
      const newer = v2(hash);
      const expected = { versionId: "2", pulse: newer.valueQuantity.value };

      it(`keeps the higher versionId whose hash is ${hash}, v1 then v2 and v2 then v1, in separate runs`, async () => {
        for (const [order, first, second] of [
          ["v1-v2", v1, newer],
          ["v2-v1", newer, v1],
        ] as const) {
          const sourceName = `tie-${hash}-${order}`;
          const file = join(dir, `${sourceName}.ndjson`);
          await ingestNdjson(db, file, [patient, first], { sourceName });
          const later = await ingestNdjson(db, file, [second], { sourceName });
          // The later arrival replaces the stored row only when it is version 2.
          expect(later.counts).toMatchObject(
            second === newer ? { updated: 1, unchanged: 0 } : { updated: 0, unchanged: 1 },
          );
          expect({ order, ...(await stored(sourceName)) }).toEqual({ order, ...expected });
        }
      });

      it(`keeps the higher versionId whose hash is ${hash} when both arrive in one run, a batch each`, async () => {
        for (const [order, first, second] of [
          ["v1-v2", v1, newer],
          ["v2-v1", newer, v1],
        ] as const) {
          const sourceName = `tie-run-${hash}-${order}`;
          await ingestNdjson(db, join(dir, `${sourceName}.ndjson`), [patient, first, second], {
            sourceName,
            batchSize: 1,
          });
          expect({ order, ...(await stored(sourceName)) }).toEqual({ order, ...expected });
        }
      });
    }
  },
);
