import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Bundle, BundleEntry, Resource } from "@medplum/fhirtypes";
import { generateSandboxDataset, type PatientRecord } from "./generate-hospital.js";
import type { SandboxOptions } from "./sandbox-options.js";
import { SandboxError } from "./sandbox.error.js";

export type SandboxFormat = "bundles" | "ndjson";
export const SANDBOX_FORMATS: readonly SandboxFormat[] = ["bundles", "ndjson"];

export interface WriteSandboxFilesOptions extends SandboxOptions {
  /** Output folder (created if missing; files of the same name are replaced). */
  readonly out: string;
  /** `bundles` (default): one transaction Bundle per patient plus `hospitalInformation.json`; `ndjson`: one file per resource type. */
  readonly format?: SandboxFormat;
  /** Stops between patients when aborted; the files written so far stay valid. */
  readonly signal?: AbortSignal;
}

export interface SandboxFilesSummary {
  readonly out: string;
  readonly format: SandboxFormat;
  readonly files: number;
  readonly patients: number;
  /** Resources written per resource type. */
  readonly resources: Readonly<Record<string, number>>;
  /** False when the signal stopped the run early. */
  readonly complete: boolean;
}

/** The file of the hospital's shared resources, named as Synthea names it so loaders take it first. */
export const HOSPITAL_BUNDLE_FILE = "hospitalInformation.json";

/**
 * Writes the sandbox hospital to files: transaction Bundles like Synthea's (the hospital's Organization,
 * Locations and Practitioners in `hospitalInformation.json`; then one Bundle per patient whose entries refer to
 * each other by `urn:uuid:` and to the hospital's resources by `Location/<id>`), or Bulk Data style NDJSON, one
 * `<Type>.ndjson` per resource type. Every entry is a PUT to the resource's stable id, so loading the files twice
 * leaves one copy. Streams patient by patient, in bounded memory.
 */
export async function writeSandboxFiles(options: WriteSandboxFilesOptions): Promise<SandboxFilesSummary> {
  const format = options.format ?? "bundles";
  if (!SANDBOX_FORMATS.includes(format)) {
    throw new SandboxError(
      "invalid-option",
      `format must be one of ${SANDBOX_FORMATS.join(", ")}, got "${format}"`,
    );
  }
  const dataset = generateSandboxDataset(options);
  try {
    await mkdir(options.out, { recursive: true });
  } catch (error) {
    throw new SandboxError("output-failed", `cannot create ${options.out}`, { cause: error });
  }
  const counts: Record<string, number> = {};
  const count = (resources: readonly Resource[]): void => {
    for (const resource of resources)
      counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
  };
  count(dataset.hospital);
  return format === "bundles"
    ? writeBundles(options, dataset.hospital, dataset.patients, count, counts)
    : writeNdjson(options, dataset.hospital, dataset.patients, count, counts);
}

async function writeBundles(
  options: WriteSandboxFilesOptions,
  hospital: readonly Resource[],
  patients: Iterable<PatientRecord>,
  count: (resources: readonly Resource[]) => void,
  counts: Record<string, number>,
): Promise<SandboxFilesSummary> {
  await write(
    join(options.out, HOSPITAL_BUNDLE_FILE),
    `${JSON.stringify(transactionBundle(hospital, false), null, 2)}\n`,
  );
  let files = 1;
  let written = 0;
  let complete = true;
  for (const patient of patients) {
    if (options.signal?.aborted === true) {
      complete = false;
      break;
    }
    const file = join(options.out, `${patient.given}_${patient.family}_${patient.patientId}.json`);
    await write(file, `${JSON.stringify(transactionBundle(patient.resources, true), null, 2)}\n`);
    count(patient.resources);
    files += 1;
    written += 1;
  }
  return { out: options.out, format: "bundles", files, patients: written, resources: counts, complete };
}

async function write(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new SandboxError("output-failed", `cannot write ${file}`, { cause: error });
  }
}

/**
 * A transaction Bundle of PUTs. With `internal`, references between the bundle's own resources become their
 * `urn:uuid:` full URLs (the server resolves them to the stable ids); other references stay literal.
 */
export function transactionBundle(resources: readonly Resource[], internal: boolean): Bundle {
  const ids = new Set(resources.map((resource) => `${resource.resourceType}/${resource.id ?? ""}`));
  const entry: BundleEntry[] = resources.map((resource) => {
    const id = resource.id ?? "";
    return {
      fullUrl: `urn:uuid:${id}`,
      resource: internal ? rewriteReferences(resource, ids) : resource,
      request: { method: "PUT", url: `${resource.resourceType}/${id}` },
    };
  });
  return { resourceType: "Bundle", type: "transaction", entry };
}

function rewriteReferences<T>(value: T, ids: ReadonlySet<string>): T {
  if (Array.isArray(value)) return value.map((item: unknown) => rewriteReferences(item, ids)) as T;
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "reference" && typeof child === "string" && ids.has(child)) {
      result[key] = `urn:uuid:${child.slice(child.indexOf("/") + 1)}`;
    } else {
      result[key] = rewriteReferences(child, ids);
    }
  }
  return result as T;
}

/** Resolves when the stream drains, rejects if it fails first; leaves no listener behind either way. */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      stream.off("error", onError);
      resolve();
    };
    const onError = (error: unknown): void => {
      stream.off("drain", onDrain);
      reject(new SandboxError("output-failed", `cannot write ${String(stream.path)}`, { cause: error }));
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
}

async function writeNdjson(
  options: WriteSandboxFilesOptions,
  hospital: readonly Resource[],
  patients: Iterable<PatientRecord>,
  count: (resources: readonly Resource[]) => void,
  counts: Record<string, number>,
): Promise<SandboxFilesSummary> {
  const streams = new Map<string, WriteStream>();
  const failures: unknown[] = [];
  const streamFor = (type: string): WriteStream => {
    let stream = streams.get(type);
    if (stream === undefined) {
      stream = createWriteStream(join(options.out, `${type}.ndjson`));
      stream.on("error", (error) => failures.push(error));
      streams.set(type, stream);
    }
    return stream;
  };
  const append = async (resources: readonly Resource[]): Promise<void> => {
    const lines = new Map<string, string[]>();
    for (const resource of resources) {
      let list = lines.get(resource.resourceType);
      if (list === undefined) {
        list = [];
        lines.set(resource.resourceType, list);
      }
      list.push(JSON.stringify(resource));
    }
    for (const [type, list] of lines) {
      const stream = streamFor(type);
      // Respect back-pressure so a million Observations never pile up in memory.
      if (!stream.write(`${list.join("\n")}\n`)) await drained(stream);
      if (failures.length > 0)
        throw new SandboxError("output-failed", `cannot write ${type}.ndjson`, { cause: failures[0] });
    }
  };
  let written = 0;
  let complete = true;
  try {
    await append(hospital);
    for (const patient of patients) {
      if (options.signal?.aborted === true) {
        complete = false;
        break;
      }
      await append(patient.resources);
      count(patient.resources);
      written += 1;
    }
  } finally {
    await Promise.all(
      [...streams.values()].map(async (stream) => {
        stream.end();
        if (!stream.closed) await once(stream, "close").catch(() => undefined);
      }),
    );
  }
  if (failures.length > 0)
    throw new SandboxError("output-failed", `cannot write to ${options.out}`, { cause: failures[0] });
  return {
    out: options.out,
    format: "ndjson",
    files: streams.size,
    patients: written,
    resources: counts,
    complete,
  };
}
