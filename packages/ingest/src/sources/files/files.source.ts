import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { IngestError } from "../../errors.js";
import { asArray, asObject, asString, isObject } from "../../mapping/fhir-values.js";
import type { IncomingResource, NdjsonLine, UnparsedPayload } from "../../mapping/prepare.js";
import type { SourceBatch, SourceIssueSink } from "../source.type.js";
import { readNdjsonLines } from "./ndjson-lines.reader.js";

export interface FilesSourceOptions {
  /** A folder (searched recursively) or a single file. */
  readonly path: string;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}

async function listFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new IngestError("FILES_NOT_FOUND", `No such file or folder: ${path}`, { cause: error });
  }
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const ext = extname(entry.name).toLowerCase();
    if (ext === ".json" || ext === ".ndjson") out.push(join(entry.parentPath, entry.name));
  }
  if (out.length === 0) throw new IngestError("FILES_NOT_FOUND", `No *.json or *.ndjson files in ${path}`);
  // Deterministic order: the same folder always lands in the same batches. Bulk Data style files named by
  // type (`Patient.ndjson`, `Patient.002.ndjson`) go referenced-first, so rows find their patient and
  // encounter on arrival instead of being linked afterwards.
  const rank = (file: string) => {
    const type = basename(file).split(".")[0] ?? "";
    const index = LOAD_ORDER.indexOf(type);
    return index < 0 ? LOAD_ORDER.length : index;
  };
  return out.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const LOAD_ORDER = ["Organization", "Location", "Practitioner", "Patient", "Encounter"];

/**
 * The resources of a Bundle (or a single resource), each with the Bundle's `fullUrl` map so `urn:uuid:`
 * references resolve to the ids they name. Entries without an id take the UUID of their `urn:uuid:`
 * fullUrl, which is the id a transaction would have referenced.
 */
export function resourcesOfJson(json: unknown): IncomingResource[] {
  if (!isObject(json) || json["resourceType"] !== "Bundle") return [{ resource: json }];
  const bundleUrls = new Map<string, string>();
  const resources: unknown[] = [];
  for (const entry of asArray(json["entry"])) {
    const resource = asObject(asObject(entry)?.["resource"]);
    if (resource === undefined) continue;
    const fullUrl = asString(asObject(entry)?.["fullUrl"]);
    let id = asString(resource["id"]);
    if (id === undefined && fullUrl?.startsWith("urn:uuid:") === true) {
      id = fullUrl.slice("urn:uuid:".length);
      resource["id"] = id;
    }
    const type = asString(resource["resourceType"]);
    if (fullUrl !== undefined && type !== undefined && id !== undefined)
      bundleUrls.set(fullUrl, `${type}/${id}`);
    resources.push(resource);
  }
  // Stored raw JSON must stand on its own (mappings are re-run from it later without the Bundle), so
  // references to other entries are rewritten to `Type/id`, as a server does when it processes a transaction.
  for (const resource of resources) rewriteReferences(resource, bundleUrls);
  const scope = { bundleUrls };
  return resources.map((resource) => ({ resource, scope }));
}

function rewriteReferences(value: unknown, bundleUrls: ReadonlyMap<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteReferences(item, bundleUrls);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "reference" && typeof child === "string") {
      const target = bundleUrls.get(child);
      if (target !== undefined) value[key] = target;
    } else if (typeof child === "object" && child !== null) {
      rewriteReferences(child, bundleUrls);
    }
  }
}

/**
 * Reads Bundles (`*.json`, e.g. Synthea output) and NDJSON (`*.ndjson`, one resource per line, streamed) from
 * a folder in batches. NDJSON lines travel as bytes and are parsed when their batch is prepared. A line or
 * file that is not JSON becomes a quarantine entry; the rest go on.
 */
export async function* readFilesSource(
  options: FilesSourceOptions,
  issues?: SourceIssueSink,
): AsyncGenerator<SourceBatch> {
  const batchSize = options.batchSize ?? 2_000;
  const files = await listFiles(options.path);
  let incoming: IncomingResource[] = [];
  let lines: NdjsonLine[] = [];
  let unparsed: UnparsedPayload[] = [];
  let fetched = 0;
  const pending = () => incoming.length + lines.length + unparsed.length;
  const flush = (): SourceBatch => {
    const batch: SourceBatch = { resourceType: "*", incoming, lines, unparsed, fetched };
    incoming = [];
    lines = [];
    unparsed = [];
    return batch;
  };
  for (const file of files) {
    options.signal?.throwIfAborted();
    if (extname(file).toLowerCase() === ".ndjson") {
      // A batch holds parsed resources or lines, never both, so resources keep their order of arrival.
      if (incoming.length > 0) yield flush();
      for await (const chunk of readNdjsonLines(
        file,
        options.signal === undefined ? {} : { signal: options.signal },
      )) {
        for (const line of chunk) {
          fetched++;
          lines.push(line);
          if (pending() >= batchSize) yield flush();
        }
      }
    } else {
      if (lines.length > 0) yield flush();
      const read = await readFile(file, "utf8");
      // One byte-order mark at the start of the file (Windows tools, some EHR exports) is not JSON: drop it.
      const text = read.startsWith("\uFEFF") ? read.slice(1) : read;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        unparsed.push({ text, code: "invalid-json", reason: `${file}: ${(error as Error).message}` });
        issues?.issue({ severity: "error", code: "invalid-json", message: `${file} is not valid JSON` });
        continue;
      }
      for (const item of resourcesOfJson(json)) {
        fetched++;
        incoming.push(item);
        if (pending() >= batchSize) yield flush();
      }
    }
  }
  if (pending() > 0) yield flush();
}
