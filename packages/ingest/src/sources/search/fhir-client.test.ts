import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_AUTH } from "../../auth/auth.type.js";
import { FhirSearchClient } from "./fhir-client.js";

// Paging as HAPI FHIR does it: the next link is the base URL itself with `_getpages` (not `[base]/Patient?…`).
describe("FhirSearchClient paging", () => {
  let server: Server;
  let base: string;
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? "");
      const url = new URL(req.url ?? "/", "http://localhost");
      const page = url.searchParams.get("_getpagesoffset");
      const bundle =
        page === null
          ? {
              resourceType: "Bundle",
              type: "searchset",
              link: [{ relation: "next", url: `${base}?_getpages=abc&_getpagesoffset=1&_count=1` }],
              entry: [{ resource: { resourceType: "Patient", id: "p1" } }],
            }
          : {
              resourceType: "Bundle",
              type: "searchset",
              entry: [{ resource: { resourceType: "Patient", id: "p2" } }],
            };
      res.writeHead(200, { "content-type": "application/fhir+json" });
      res.end(JSON.stringify(bundle));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("follows a next link that is the base URL with a query", async () => {
    const client = new FhirSearchClient({
      baseUrl: base,
      auth: NO_AUTH,
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5_000 },
    });
    const first = await client.search("Patient", { _count: "1" });
    const second = await client.nextPage(first);
    expect(second?.entry?.map((e) => (e.resource as { id: string }).id)).toEqual(["p2"]);
    expect(requested).toEqual(["/fhir/Patient?_count=1", "/fhir?_getpages=abc&_getpagesoffset=1&_count=1"]);
  });

  it("refuses a next link on another host", async () => {
    const client = new FhirSearchClient({
      baseUrl: base,
      auth: NO_AUTH,
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5_000 },
    });
    await expect(
      client.nextPage({
        resourceType: "Bundle",
        link: [{ relation: "next", url: `http://127.0.0.1.evil.example/fhir?_getpages=abc` }],
      }),
    ).rejects.toMatchObject({ code: "FOREIGN_LINK" });
  });
});
