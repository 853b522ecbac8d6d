import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Resource } from "@medplum/fhirtypes";
import { IngestError } from "../../errors.js";
import { demoFeed, type DemoFeedOptions, type SandboxFeed } from "./demo.feed.js";
import { startFhirServer, type FhirServer, type FhirServerOptions } from "./fhir-server.js";

/** What the sandbox serves. */
export type SandboxData =
  | { readonly kind: "demo"; readonly options?: DemoFeedOptions }
  | { readonly kind: "feed"; readonly feed: SandboxFeed }
  /** A folder (or file) of Bundles (`*.json`: transactions are processed, others stored) and NDJSON. */
  | { readonly kind: "files"; readonly path: string }
  | { readonly kind: "empty" };

export interface SandboxOptions extends FhirServerOptions {
  readonly data?: SandboxData;
  /** Live mode: add the feed's next slice every `intervalMs` (needs a feed). */
  readonly live?: { readonly intervalMs: number };
  readonly log?: (line: string) => void;
}

export interface Sandbox {
  readonly server: FhirServer;
  readonly baseUrl: string;
  /** Resources loaded at start. */
  readonly loaded: number;
  /** Adds the feed's next slice now (what live mode does on its timer); resolves to how many. */
  tick(): Promise<number>;
  close(): Promise<void>;
}

/** A live version is a new version: the server stamps its own versionId and lastUpdated. */
function fresh(resource: Resource): Resource {
  if (resource.meta === undefined) return resource;
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = resource.meta;
  return { ...resource, meta };
}

async function loadFiles(server: FhirServer, path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new IngestError("FILES_NOT_FOUND", `No such file or folder: ${path}`, { cause: error });
  }
  const files = info.isFile()
    ? [path]
    : (await readdir(path, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && [".json", ".ndjson"].includes(extname(e.name).toLowerCase()))
        .map((e) => join(e.parentPath, e.name))
        .sort();
  let n = 0;
  for (const file of files) {
    if (extname(file).toLowerCase() === ".ndjson") {
      const batch: Resource[] = [];
      for await (const line of createInterface({
        input: createReadStream(file, "utf8"),
        crlfDelay: Infinity,
      })) {
        if (line.trim() !== "") batch.push(JSON.parse(line) as Resource);
      }
      n += await server.seed(batch);
      continue;
    }
    const json = JSON.parse(await readFile(file, "utf8")) as Resource;
    if (json.resourceType === "Bundle" && (json.type === "transaction" || json.type === "batch")) {
      const result = await server.transaction(json);
      n += result.entry?.length ?? 0;
    } else if (json.resourceType === "Bundle") {
      n += await server.seed(
        (json.entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined),
      );
    } else {
      n += await server.seed([json]);
    }
  }
  return n;
}

/**
 * Starts the sandbox: the FHIR server, loaded with the demo ward, a feed (the sandbox hospital generator),
 * or files; in live mode it keeps adding the feed's new data every few seconds until closed.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const server = await startFhirServer(options);
  const data: SandboxData = options.data ?? { kind: "demo" };
  let feed: SandboxFeed | undefined;
  let loaded = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    switch (data.kind) {
      case "demo":
        feed = demoFeed(data.options);
        loaded = await server.seed(feed.initial());
        break;
      case "feed":
        feed = data.feed;
        loaded = await server.seed(feed.initial());
        break;
      case "files":
        loaded = await loadFiles(server, data.path);
        break;
      case "empty":
        break;
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  const tick = async (): Promise<number> => {
    if (feed === undefined) return 0;
    return server.seed(feed.tick().map(fresh));
  };
  if (options.live !== undefined) {
    if (feed === undefined) {
      await server.close();
      throw new IngestError("INVALID_OPTIONS", "Live mode needs generated data (not --files).");
    }
    let running = false;
    timer = setInterval(() => {
      if (running) return;
      running = true;
      tick()
        .then((n) => options.log?.(`live: added ${n} resources`))
        .catch((error: unknown) => options.log?.(`live: ${(error as Error).message}`))
        .finally(() => {
          running = false;
        });
    }, options.live.intervalMs);
    timer.unref();
  }
  return {
    server,
    baseUrl: server.baseUrl,
    loaded,
    tick,
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await server.close();
    },
  };
}
