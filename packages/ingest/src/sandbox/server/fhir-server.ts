import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { getStatus, isResourceType, normalizeOperationOutcome, parseSearchRequest } from "@medplum/core";
import { FhirRouter, type FhirRequest, type HttpMethod } from "@medplum/fhir-router";
import type { Bundle, OperationOutcome, Resource } from "@medplum/fhirtypes";
import { IngestError } from "../../errors.js";
import { BulkExportHandler, type BulkExportOptions } from "./bulk-export.handler.js";
import { FaultInjector } from "./fault-injector.js";
import { loadFhirDefinitions } from "./fhir-definitions.js";
import { IndexedMemoryRepository } from "./indexed.repository.js";
import { canServeFromIndex, groupQuery, searchFromIndex } from "./search.handler.js";
import { SandboxAuth, type SandboxAuthOptions } from "./smart-auth.server.js";

export interface FhirServerOptions {
  /** Default 127.0.0.1; the sandbox never listens beyond the machine unless told to. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Path of the FHIR base (default "/fhir"). */
  readonly basePath?: string;
  readonly bulkExport?: BulkExportOptions;
  /** Require a bearer token (static or SMART Backend Services) on FHIR requests. */
  readonly auth?: SandboxAuthOptions;
  /**
   * Answer every FHIR request this many milliseconds late (default 0), as a server across a network does:
   * its round trip and query time cost the client nothing, so a client that overlaps its work with the wait
   * can be measured as such.
   */
  readonly latencyMs?: number;
}

/** A running sandbox FHIR server. */
export interface FhirServer {
  /** FHIR base URL, e.g. `http://127.0.0.1:43210/fhir`. */
  readonly baseUrl: string;
  readonly repository: IndexedMemoryRepository;
  readonly faults: FaultInjector;
  readonly auth: SandboxAuth | undefined;
  readonly bulk: BulkExportHandler;
  /** FHIR requests answered (excluding injected faults). */
  readonly requests: () => number;
  /**
   * Stores resources as given (client ids kept; `meta.lastUpdated` kept when present, so seeded history is
   * deterministic). Later copies of an id become new versions.
   */
  seed(resources: Iterable<Resource>): Promise<number>;
  /** Processes a transaction or batch Bundle (e.g. Synthea output) as a client POST would. */
  transaction(bundle: Bundle): Promise<Bundle>;
  close(): Promise<void>;
}

const JSON_TYPE = "application/fhir+json; charset=utf-8";

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function capabilityStatement(baseUrl: string): string {
  return JSON.stringify({
    resourceType: "CapabilityStatement",
    status: "active",
    date: "2026-01-01",
    kind: "instance",
    fhirVersion: "4.0.1",
    format: ["json"],
    software: { name: "Vigil sandbox FHIR server (@medplum/fhir-router MemoryRepository)" },
    implementation: { description: "Vigil sandbox", url: baseUrl },
    rest: [
      {
        mode: "server",
        interaction: [{ code: "transaction" }, { code: "batch" }],
        operation: [
          { name: "export", definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export" },
        ],
        resource: [],
      },
    ],
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts the sandbox FHIR R4 server: `@medplum/fhir-router` on a `MemoryRepository` (a real FHIR engine:
 * reads, transactions with `urn:uuid` references, conditional create, search parameters) behind `node:http`,
 * plus what the router lacks: `/metadata`, `Bundle.link` next paging served from a `_lastUpdated` index,
 * Bulk Data `$export`, SMART Backend Services auth, and fault injection for resilience tests.
 */
export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  loadFhirDefinitions();
  const repository = new IndexedMemoryRepository();
  const router = new FhirRouter();
  const faults = new FaultInjector();
  const bulk = new BulkExportHandler(repository, options.bulkExport);
  const auth = options.auth === undefined ? undefined : new SandboxAuth(options.auth);
  const basePath = (options.basePath ?? "/fhir").replace(/\/$/, "");
  const latencyMs = options.latencyMs ?? 0;
  const sockets = new Set<Socket>();
  let baseUrl = "";
  let requests = 0;

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      "content-type": JSON_TYPE,
      "content-length": Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };
  const sendOutcome = (
    res: ServerResponse,
    outcome: OperationOutcome,
    headers: Record<string, string> = {},
  ) => send(res, getStatus(outcome), JSON.stringify(outcome), headers);
  const problem = (
    res: ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) =>
    send(
      res,
      status,
      JSON.stringify({
        resourceType: "OperationOutcome",
        issue: [{ severity: "error", code: status === 401 ? "login" : "processing", diagnostics: message }],
      }),
      headers,
    );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const method = (req.method ?? "GET").toUpperCase() as HttpMethod;
    if (url.pathname === "/auth/token" && method === "POST") {
      if (auth === undefined) return problem(res, 404, "No authorisation server configured");
      const result = await auth.token(new URLSearchParams(await readBody(req)), `${url.origin}/auth/token`);
      return send(res, result.status, JSON.stringify(result.body), {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
    }
    if (!url.pathname.startsWith(basePath)) return problem(res, 404, `Not found: ${url.pathname}`);
    const path = url.pathname.slice(basePath.length).replace(/^\//, "");

    const fault = faults.next(`/${path}${url.search}`);
    if (fault !== undefined) {
      switch (fault.kind) {
        case "status":
          return problem(
            res,
            fault.status ?? 500,
            "Injected fault",
            fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) },
          );
        case "drop":
          req.socket.destroy();
          return;
        case "malformed":
          return send(res, 200, '{"resourceType":"Bundle","type":"searchset","entry":[{"resource":');
        case "slow":
          await sleep(fault.delayMs ?? 1000);
          break;
        case "truncated": {
          // Headers promise the whole body; half of it arrives and the connection closes.
          const body = capabilityStatement(baseUrl).repeat(4);
          res.writeHead(200, { "content-type": JSON_TYPE, "content-length": Buffer.byteLength(body) });
          res.write(body.slice(0, body.length >> 1));
          setImmediate(() => res.destroy());
          return;
        }
      }
    }

    if (latencyMs > 0) await sleep(latencyMs);

    if (path === ".well-known/smart-configuration") {
      return send(
        res,
        200,
        JSON.stringify({
          token_endpoint: `${url.origin}/auth/token`,
          grant_types_supported: ["client_credentials"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
          token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
          scopes_supported: ["system/*.read", "system/*.rs"],
          capabilities: ["client-confidential-asymmetric"],
        }),
        { "content-type": "application/json" },
      );
    }
    if (path === "metadata") return send(res, 200, capabilityStatement(baseUrl));
    if (auth !== undefined && !auth.isAuthorized(req.headers.authorization)) {
      return problem(res, 401, "A valid bearer token is required", {
        "www-authenticate": 'Bearer realm="vigil-sandbox"',
      });
    }
    requests++;

    // Bulk Data
    const exportMatch = /^(?:Group\/([^/]+)\/)?\$export$/.exec(path);
    if (exportMatch !== null && method === "GET") {
      if (req.headers.prefer?.includes("respond-async") !== true)
        return problem(res, 400, "$export requires Prefer: respond-async");
      const result = bulk.kickOff(url.toString(), url.searchParams, exportMatch[1]);
      if (result.job === undefined) return problem(res, result.status, result.error ?? "Export failed");
      res.writeHead(202, {
        "content-location": `${baseUrl}/$export-status/${result.job.id}`,
        "content-length": 0,
      });
      res.end();
      return;
    }
    const statusMatch = /^\$export-status\/([^/]+)$/.exec(path);
    if (statusMatch !== null) {
      const job = bulk.job(statusMatch[1]!);
      if (job === undefined) return problem(res, 404, "No such export job");
      if (method === "DELETE") {
        bulk.cancel(job.id);
        res.writeHead(202, { "content-length": 0 });
        res.end();
        return;
      }
      const now = Date.now();
      if (now < job.readyAt) {
        const percent = Math.min(
          99,
          Math.round(((now - job.createdAt) / Math.max(1, job.readyAt - job.createdAt)) * 100),
        );
        res.writeHead(202, {
          "x-progress": `${percent}% exported`,
          "retry-after": String(bulk.retryAfterSeconds()),
          "content-length": 0,
        });
        res.end();
        return;
      }
      return send(res, 200, bulk.manifest(job, baseUrl, auth !== undefined), {
        "content-type": "application/json",
      });
    }
    const fileMatch = /^\$export-file\/([^/]+)\/([^/]+)$/.exec(path);
    if (fileMatch !== null) {
      const file = bulk.file(fileMatch[1]!, fileMatch[2]!);
      if (file === undefined) return problem(res, 404, "No such export file");
      res.writeHead(200, { "content-type": "application/fhir+ndjson" });
      const { linesPerChunk, delayMs } = bulk.fileStreaming();
      for (let i = 0; i < file.lines.length; i += linesPerChunk) {
        if (delayMs > 0 && i > 0) await sleep(delayMs);
        if (res.destroyed) return;
        const chunk = file.lines.slice(i, i + linesPerChunk).join("\n") + "\n";
        if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
      }
      res.end();
      return;
    }

    // Type-level searches from the index; everything else through the FHIR router.
    if (method === "GET" && /^[A-Z][A-Za-z]+$/.test(path) && isResourceType(path)) {
      const search = parseSearchRequest(path, Object.fromEntries(groupQuery(url.searchParams)));
      if (canServeFromIndex(search))
        return send(res, 200, searchFromIndex(repository, baseUrl, path, url.searchParams));
    }
    let body: unknown;
    if (method === "POST" || method === "PUT" || method === "PATCH") {
      const text = await readBody(req);
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        return problem(res, 400, "Request body is not JSON");
      }
    }
    const fhirRequest: FhirRequest = {
      method,
      url: `${path}${url.search}`,
      pathname: "",
      body,
      params: {},
      query: Object.fromEntries(groupQuery(url.searchParams)),
      headers: req.headers,
    };
    const [outcome, resource] = await router.handleRequest(fhirRequest, repository);
    if (resource === undefined) return sendOutcome(res, outcome);
    if (resource.resourceType === "Bundle" && resource.type === "searchset") addOffsetPaging(resource, url);
    return send(res, getStatus(outcome), JSON.stringify(resource));
  }

  /** Searches the index cannot serve go to the router, which returns one unpaged slice: add `next`. */
  function addOffsetPaging(bundle: Bundle, url: URL): void {
    const count = Number(url.searchParams.get("_count") ?? 20);
    const offset = Number(url.searchParams.get("_offset") ?? 0);
    const links: NonNullable<Bundle["link"]> = [{ relation: "self", url: url.toString() }];
    if (bundle.total !== undefined && offset + count < bundle.total) {
      const next = new URL(url);
      next.searchParams.set("_offset", String(offset + count));
      links.push({ relation: "next", url: next.toString() });
    }
    bundle.link = links;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendOutcome(res, normalizeOperationOutcome(error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(
        new IngestError("SANDBOX_FAILED", `Sandbox FHIR server cannot listen: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}${basePath}`;

  return {
    baseUrl,
    repository,
    faults,
    auth,
    bulk,
    requests: () => requests,
    async seed(resources) {
      let n = 0;
      for (const resource of resources) {
        await repository.createResource(resource);
        n++;
      }
      return n;
    },
    async transaction(bundle) {
      const [outcome, result] = await router.handleRequest(
        { method: "POST", url: "", pathname: "", body: bundle, params: {}, query: {} },
        repository,
      );
      if (result === undefined) {
        throw new IngestError(
          "SANDBOX_FAILED",
          `Transaction failed: ${outcome.issue?.[0]?.diagnostics ?? outcome.issue?.[0]?.details?.text ?? "unknown"}`,
        );
      }
      return result as Bundle;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
