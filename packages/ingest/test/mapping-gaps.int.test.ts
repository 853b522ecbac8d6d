import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Resource } from "@medplum/fhirtypes";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSandboxFiles } from "../src/sandbox/generator/sandbox-files.writer.js";
import { ingestFiles } from "../src/sync/ingest.service.js";
import {
  ANTIBIOTIC_SNOMED,
  BREATHING_ROOM_AIR_SNOMED,
  END_OF_LIFE_CARE_CODE,
  ON_OXYGEN_SNOMED,
  OXYGEN_DEVICE_SNOMED,
} from "../src/terminology/default-codes.js";

/** A generated hospital with end-of-life decisions, oxygen devices and sets charted without air/oxygen. */
const HOSPITAL = { seed: 1, days: 4, beds: 16 } as const;

async function readNdjson(dir: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".ndjson"))) {
    for (const line of (await readFile(join(dir, file), "utf8")).split("\n")) {
      if (line.trim() !== "") out.push(JSON.parse(line) as Resource);
    }
  }
  return out;
}

function ofType<T extends Resource["resourceType"]>(
  resources: readonly Resource[],
  type: T,
): Extract<Resource, { resourceType: T }>[] {
  return resources.filter((r): r is Extract<Resource, { resourceType: T }> => r.resourceType === type);
}

const patientOf = (reference: string | undefined): string => (reference ?? "").replace(/^Patient\//, "");

describe.each<TestDatabaseKind>(["postgres", "pglite"])("mapping gaps closed, on %s", (kind) => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await mkdtemp(join(tmpdir(), "vigil-gaps-"));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const rows = <T>(sql: string, ...params: unknown[]): Promise<T[]> =>
    db.prisma.$queryRawUnsafe<T[]>(sql, ...params);

  it("lands a generated hospital with antibiotics, score methods, end-of-life decisions, oxygen devices and critical care recognised", async () => {
    const out = join(dir, "hospital");
    await writeSandboxFiles({ ...HOSPITAL, out, format: "ndjson" });
    const resources = await readNdjson(out);
    const result = await ingestFiles({ db, path: out, sourceName: "hospital" });
    expect(result.counts.quarantined).toBe(0);
    const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: "hospital" } });

    // 1. Every antibiotic dose is an antibiotic care event (D7), with its route.
    const doses = ofType(resources, "MedicationAdministration");
    const substances = new Set<string>(Object.values(ANTIBIOTIC_SNOMED));
    expect(doses.length).toBeGreaterThan(0);
    expect(doses.every((d) => substances.has(d.medicationCodeableConcept?.coding?.[0]?.code ?? ""))).toBe(
      true,
    );
    const antibiotics = await rows<{ n: number; iv: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE route = '47625008')::int AS iv FROM care_event
        WHERE source_id = $1 AND resource_type = 'MedicationAdministration' AND kind = 'antibiotic'`,
      source.id,
    );
    expect(antibiotics[0]).toEqual({
      n: doses.length,
      iv: doses.filter((d) => d.dosage?.route?.coding?.[0]?.code === "47625008").length,
    });

    // 2. Every documented NEWS2 total lands on its set with how it was produced (D2 counts hand-entered ones).
    const totals = ofType(resources, "Observation").filter((o) => o.method !== undefined);
    expect(new Set(totals.map((o) => o.method?.coding?.[0]?.code))).toEqual(
      new Set(["hand-entered", "calculated"]),
    );
    const sets = await rows<{ reading_fhir_ids: string[]; documented_total_method: string | null }>(
      `SELECT reading_fhir_ids, documented_total_method FROM observation_set
        WHERE source_id = $1 AND documented_total IS NOT NULL`,
      source.id,
    );
    const methodBySet = new Map<string, string | null>();
    for (const set of sets)
      for (const id of set.reading_fhir_ids) methodBySet.set(id, set.documented_total_method);
    expect(totals.map((o) => methodBySet.get(o.id ?? ""))).toEqual(
      totals.map((o) => o.method?.coding?.[0]?.code),
    );

    // 3. End-of-life care decisions are a kind of their own, so indicators can exclude those patients.
    const decisions = ofType(resources, "Procedure").filter(
      (p) => p.code?.coding?.[0]?.code === END_OF_LIFE_CARE_CODE,
    );
    expect(decisions.length).toBeGreaterThan(0);
    const endOfLife = await rows<{ patient_fhir_id: string }>(
      `SELECT patient_fhir_id FROM care_event WHERE source_id = $1 AND kind = 'end-of-life' ORDER BY 1`,
      source.id,
    );
    expect(endOfLife.map((r) => r.patient_fhir_id)).toEqual(
      decisions.map((p) => patientOf(p.subject?.reference)).sort(),
    );

    // 4. Oxygen devices in use are oxygen care events with their period; a set charted without its air/oxygen
    //    item is on oxygen inside such a period and unknown outside.
    const statements = ofType(resources, "DeviceUseStatement");
    expect(statements.length).toBeGreaterThan(0);
    const oxygen = await rows<{ fhir_id: string; occurred_at: Date; ended_at: Date | null }>(
      `SELECT fhir_id, occurred_at, ended_at FROM care_event
        WHERE source_id = $1 AND resource_type = 'DeviceUseStatement' AND kind = 'oxygen' ORDER BY fhir_id`,
      source.id,
    );
    expect(
      oxygen.map((r) => [r.fhir_id, r.occurred_at.toISOString(), r.ended_at?.toISOString() ?? null]),
    ).toEqual(
      statements
        .map((s) => [
          s.id,
          new Date(s.timingPeriod?.start ?? "").toISOString(),
          s.timingPeriod?.end === undefined ? null : new Date(s.timingPeriod.end).toISOString(),
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const devices = ofType(resources, "Device");
    const deviceCodes = new Set<string>(Object.values(OXYGEN_DEVICE_SNOMED));
    expect(devices.every((d) => deviceCodes.has(d.type?.coding?.[0]?.code ?? ""))).toBe(true);
    const periods = new Map<string, [number, number][]>();
    for (const s of statements) {
      const list = periods.get(patientOf(s.subject.reference)) ?? [];
      list.push([Date.parse(s.timingPeriod?.start ?? ""), Date.parse(s.timingPeriod?.end ?? "") || Infinity]);
      periods.set(patientOf(s.subject.reference), list);
    }
    const withoutAir = await rows<{ patient_fhir_id: string; effective_at: Date; on_oxygen: boolean | null }>(
      `SELECT s.patient_fhir_id, s.effective_at, s.on_oxygen FROM observation_set s
        WHERE s.source_id = $1 AND NOT EXISTS (
          SELECT 1 FROM vital_sign v WHERE v.source_id = s.source_id AND v.fhir_id = ANY(s.reading_fhir_ids)
             AND v.parameter = 'onOxygen')`,
      source.id,
    );
    const inside = (r: (typeof withoutAir)[number]) =>
      (periods.get(r.patient_fhir_id) ?? []).some(
        ([start, end]) => start <= r.effective_at.getTime() && r.effective_at.getTime() <= end,
      );
    expect(withoutAir.filter(inside).length).toBeGreaterThan(0);
    expect(withoutAir.filter((r) => !inside(r)).length).toBeGreaterThan(0);
    for (const set of withoutAir) expect(set.on_oxygen).toBe(inside(set) ? true : null);
    // A set charted on air inside a period keeps what was charted.
    const charted = ofType(resources, "Observation").filter((o) =>
      [BREATHING_ROOM_AIR_SNOMED, ON_OXYGEN_SNOMED].includes(o.code.coding?.[0]?.code ?? ""),
    );
    expect(charted.length).toBeGreaterThan(0);

    // 5. The critical-care unit is flagged so NEWS2 indicators can leave it out; no other ward is.
    const locations = await rows<{ name: string; news2_excluded: boolean }>(
      `SELECT name, news2_excluded FROM location WHERE source_id = $1 ORDER BY name`,
      source.id,
    );
    expect(locations.filter((l) => l.news2_excluded).map((l) => l.name)).toEqual(["Critical Care Unit"]);
    expect(locations.length).toBe(ofType(resources, "Location").length);
  });

  it("classifies a DeviceUseStatement by a Device that arrives after it, and rebuilds the sets it covers", async () => {
    const patient = { resourceType: "Patient", id: "dp1" };
    const encounter = {
      resourceType: "Encounter",
      id: "de1",
      status: "in-progress",
      class: { code: "IMP" },
      subject: { reference: "Patient/dp1" },
      period: { start: "2025-02-01T08:00:00Z" },
    };
    const at = "2025-02-01T10:00:00Z";
    const reading = (id: string, code: string, value: number, unit: string) => ({
      resourceType: "Observation",
      id,
      status: "final",
      category: [{ coding: [{ code: "vital-signs" }] }],
      code: { coding: [{ system: "http://loinc.org", code }] },
      subject: { reference: "Patient/dp1" },
      effectiveDateTime: at,
      valueQuantity: { value, code: unit },
    });
    const observations = [
      reading("do-rr", "9279-1", 18, "/min"),
      reading("do-spo2", "2708-6", 95, "%"),
      reading("do-sbp", "8480-6", 120, "mm[Hg]"),
      reading("do-pulse", "8867-4", 80, "/min"),
      reading("do-temp", "8310-5", 37, "Cel"),
      {
        ...reading("do-acvpu", "67775-7", 0, ""),
        valueQuantity: undefined,
        valueCodeableConcept: { coding: [{ system: "http://snomed.info/sct", code: "248234008" }] },
      },
    ];
    const statement = {
      resourceType: "DeviceUseStatement",
      id: "dus1",
      status: "active",
      subject: { reference: "Patient/dp1" },
      timingPeriod: { start: "2025-02-01T09:30:00Z" },
      device: { reference: "Device/dev1" },
    };
    await writeFile(
      join(dir, "use.ndjson"),
      [patient, encounter, statement, ...observations].map((r) => JSON.stringify(r)).join("\n"),
    );
    await ingestFiles({ db, path: join(dir, "use.ndjson"), sourceName: "devices" });
    const source = await db.prisma.fhirSource.findUniqueOrThrow({ where: { name: "devices" } });
    const before = await db.prisma.observationSet.findFirstOrThrow({ where: { sourceId: source.id } });
    expect(before).toMatchObject({ onOxygen: null, complete: false, news2Total: null });
    expect(
      await db.prisma.careEvent.findFirstOrThrow({ where: { sourceId: source.id, fhirId: "dus1" } }),
    ).toMatchObject({ kind: "other", deviceFhirId: "dev1" });

    await writeFile(
      join(dir, "device.ndjson"),
      JSON.stringify({
        resourceType: "Device",
        id: "dev1",
        type: { coding: [{ system: "http://snomed.info/sct", code: OXYGEN_DEVICE_SNOMED.nasalCannula }] },
      }),
    );
    await ingestFiles({ db, path: join(dir, "device.ndjson"), sourceName: "devices" });
    expect(
      await db.prisma.careEvent.findFirstOrThrow({ where: { sourceId: source.id, fhirId: "dus1" } }),
    ).toMatchObject({ kind: "oxygen", occurredAt: new Date("2025-02-01T09:30:00Z"), endedAt: null });
    const after = await db.prisma.observationSet.findFirstOrThrow({ where: { sourceId: source.id } });
    // On oxygen scores 2 for air/oxygen: RR 18 (0), SpO2 95 scale 1 (1), O2 (2), SBP 120 (0), pulse 80 (0),
    // alert (0), 37 °C (0).
    expect(after).toMatchObject({ onOxygen: true, complete: true, news2Total: 3 });
  });
});
