// `pnpm --filter @vigil/db bench`: set-based bulkInsert against Prisma createMany, same rows, same process,
// on PostgreSQL (a scratch database) and on embedded PGlite. Prints a Markdown table row per backend.
import { bulkInsert } from "../src/bulk.js";
import { openTestDatabase, type TestDatabaseKind } from "../src/testing/index.js";

const ROWS = Number(process.argv[2] ?? 100_000);

function rows(sourceId: number, prefix: string) {
  return Array.from({ length: ROWS }, (_, i) => ({
    sourceId,
    fhirId: `${prefix}-${i}`,
    patientFhirId: `p-${i % 5_000}`,
    parameter: "pulse",
    value: 60 + (i % 50),
    unit: "/min",
    effectiveAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  }));
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

console.log(`| backend | rows | createMany (s) | bulkInsert (s) | bulkInsert rows/s | speed-up |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
for (const kind of ["postgres", "pglite"] as TestDatabaseKind[]) {
  const db = await openTestDatabase(kind);
  try {
    const { id: sourceId } = await db.prisma.fhirSource.create({
      data: { name: "bench", kind: "files", baseUrl: "x" },
    });
    const viaPrisma = rows(sourceId, "prisma");
    const viaBulk = rows(sourceId, "bulk");
    const prismaSeconds = await time(() => db.prisma.vitalSign.createMany({ data: viaPrisma }));
    const bulkSeconds = await time(() =>
      db.prisma.$transaction(
        (tx) =>
          bulkInsert(tx, {
            table: "vital_sign",
            columns: [
              { name: "source_id", type: "int4" },
              { name: "fhir_id", type: "text" },
              { name: "patient_fhir_id", type: "text" },
              { name: "parameter", type: "text" },
              { name: "value", type: "float8" },
              { name: "unit", type: "text" },
              { name: "effective_at", type: "timestamptz" },
            ],
            rows: viaBulk.map((r) => [
              r.sourceId,
              r.fhirId,
              r.patientFhirId,
              r.parameter,
              r.value,
              r.unit,
              r.effectiveAt,
            ]),
          }),
        { timeout: 600_000 },
      ),
    );
    const stored = await db.prisma.vitalSign.count();
    if (stored !== 2 * ROWS) throw new Error(`expected ${2 * ROWS} rows, found ${stored}`);
    console.log(
      `| ${kind} | ${ROWS.toLocaleString("en-GB")} | ${prismaSeconds.toFixed(2)} | ${bulkSeconds.toFixed(2)} | ` +
        `${Math.round(ROWS / bulkSeconds).toLocaleString("en-GB")} | ${(prismaSeconds / bulkSeconds).toFixed(1)}× |`,
    );
  } finally {
    await db.dispose();
  }
}
