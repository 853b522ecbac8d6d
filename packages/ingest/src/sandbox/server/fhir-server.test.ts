import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Resource } from "@medplum/fhirtypes";
import { startFhirServer, type FhirServer } from "./fhir-server.js";
import { startSandbox } from "./sandbox.service.js";

interface Page {
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: { resource: { id: string; meta: { versionId: string } } }[];
}

async function get(url: string): Promise<Page> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

describe("sandbox FHIR server", () => {
  let server: FhirServer;
  beforeAll(async () => {
    server = await startFhirServer();
    const patients: Resource[] = Array.from({ length: 25 }, (_, i) => ({
      resourceType: "Patient",
      id: `p${String(i).padStart(2, "0")}`,
      gender: i % 2 === 0 ? "female" : "male",
      // Five resources share each millisecond, as on a real server under load.
      meta: { lastUpdated: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, Math.floor(i / 5))).toISOString() },
    }));
    await server.seed(patients);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers /metadata with a CapabilityStatement", async () => {
    const response = await fetch(`${server.baseUrl}/metadata`);
    expect(await response.json()).toMatchObject({
      resourceType: "CapabilityStatement",
      fhirVersion: "4.0.1",
    });
  });

  it("pages a _lastUpdated search with next links, every resource once, even when one is updated mid-way", async () => {
    let page = await get(
      `${server.baseUrl}/Patient?_lastUpdated=ge2025-01-01T00:00:00.001Z&_sort=_lastUpdated&_count=4`,
    );
    expect(page.total).toBe(20);
    const seen: string[] = [];
    let updated = false;
    for (;;) {
      seen.push(...(page.entry ?? []).map((e) => e.resource.id));
      if (!updated) {
        // An update moves p06 to the end of the result: it is delivered again, nothing is skipped.
        await server.repository.updateResource({ resourceType: "Patient", id: "p06", gender: "other" });
        updated = true;
      }
      const next = page.link?.find((l) => l.relation === "next")?.url;
      if (next === undefined) break;
      page = await get(next);
    }
    const expected = Array.from({ length: 20 }, (_, i) => `p${String(i + 5).padStart(2, "0")}`);
    expect(new Set(seen)).toEqual(new Set(expected));
    expect(seen.filter((id) => id === "p06")).toHaveLength(2);
  });

  it("filters by other search parameters and pages searches it cannot index by offset", async () => {
    const females = await get(`${server.baseUrl}/Patient?gender=female&_count=100`);
    expect(
      females.entry?.every((e) => (e.resource as unknown as { gender: string }).gender === "female"),
    ).toBe(true);
    const sorted = await get(`${server.baseUrl}/Patient?_sort=-_id&_count=10`);
    expect(sorted.entry).toHaveLength(10);
    expect(sorted.link?.find((l) => l.relation === "next")?.url).toContain("_offset=10");
  });

  it("injects exactly the faults it is told to", async () => {
    server.faults.set([{ kind: "status", status: 429, retryAfterSeconds: 2, every: 2, times: 1 }]);
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${server.baseUrl}/Patient?_count=1`);
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get("retry-after");
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([200, 429, 200, 200]);
      expect(retryAfter).toBe("2");
    } finally {
      server.faults.clear();
    }
  });

  it("answers every FHIR request late when given a latency, as a remote server would", async () => {
    const remote = await startFhirServer({ latencyMs: 120 });
    try {
      for (const path of ["/metadata", "/Patient?_count=1"]) {
        const started = performance.now();
        const response = await fetch(`${remote.baseUrl}${path}`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        // A lower bound only (timers never fire early by more than a tick): how late is the machine's business.
        expect(performance.now() - started).toBeGreaterThanOrEqual(115);
      }
    } finally {
      await remote.close();
    }
  });
});

describe("sandbox live mode", () => {
  it("keeps adding the feed's new data while it runs", async () => {
    const sandbox = await startSandbox({
      data: { kind: "demo", options: { patients: 3, roundsPerPatient: 1 } },
      live: { intervalMs: 50 },
    });
    try {
      const before = sandbox.server.repository.count("Observation");
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(sandbox.server.repository.count("Observation")).toBeGreaterThan(before);
    } finally {
      await sandbox.close();
    }
  });
});
