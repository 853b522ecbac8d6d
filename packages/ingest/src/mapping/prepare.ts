import { isUtf8 } from "node:buffer";
import * as crypto from "node:crypto";
import { asObject, asString, isObject, MAX_INDEXED_TEXT, toInstant } from "./fhir-values.js";
import { MappingProblem, type Mapped, type MappingContext } from "./mapped.type.js";
import type { ReferenceScope } from "./reference.js";
import { mapResource } from "./resource.mapper.js";

/** One resource as it arrives: its parsed JSON, and its text when the source had it (NDJSON lines). */
export interface IncomingResource {
  readonly resource: unknown;
  /** The exact text received; hashed and stored as is when present (saves a re-serialisation). */
  readonly text?: string;
  /** How `urn:uuid:` references resolve (the Bundle the resource came in). */
  readonly scope?: ReferenceScope;
}

/**
 * One NDJSON line as read (files, Bulk Data): parsed only when its batch is prepared, and when it is valid
 * UTF-8 hashed and stored as these very bytes — no decoding and re-encoding of the JSON text.
 */
export interface NdjsonLine {
  readonly bytes: Buffer;
  /** Where the line came from, for the reason of a quarantine entry (`file:line: ...`). */
  readonly file: string;
  readonly line: number;
}

/** A payload that could not be parsed at all (a broken NDJSON line). */
export interface UnparsedPayload {
  readonly text: string;
  readonly code: string;
  readonly reason: string;
}

export interface PreparedResource {
  readonly resourceType: string;
  readonly fhirId: string;
  readonly versionId: string;
  readonly lastUpdated: string | null;
  readonly contentHash: string;
  /** The JSON stored in raw_resource: text, or the UTF-8 bytes of an NDJSON line exactly as received. */
  readonly json: string | Buffer;
  readonly mapped: Mapped;
}

export interface QuarantineEntry {
  readonly resourceType: string | null;
  readonly fhirId: string | null;
  readonly code: string;
  readonly reason: string;
  readonly raw: string;
  readonly contentHash: string;
}

export interface PreparedBatch {
  readonly resources: PreparedResource[];
  readonly quarantined: QuarantineEntry[];
  /** Resources of a type the source was not asked for, dropped without a trace (e.g. Claims in Synthea). */
  readonly skipped: number;
  /**
   * Copies of a resource the batch held more than once that gave way to its newer copy: written nowhere,
   * counted as received and unchanged — what an older copy arriving in a later batch counts as.
   */
  readonly superseded?: number;
}

// One-shot hashing (Node ≥ 20.12) skips the Hash object a streaming digest needs.
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: "base64url") => string }
).hash;

/** SHA-256 (base64url) of JSON text, or of its UTF-8 bytes: both give the same hash for the same text. */
export function sha256(text: string | Buffer): string {
  return oneShot !== undefined
    ? oneShot("sha256", text, "base64url")
    : crypto.createHash("sha256").update(text).digest("base64url");
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** MappingProblems raised by the value readers in fhir-values.ts, whose messages do not name the resource. */
const NAMELESS_PROBLEMS = new Set(["invalid-date", "value-too-long"]);

/**
 * Deepest nesting kept. PostgreSQL's jsonb parser recurses per level and ran out of stack at 100,000 levels
 * ("stack depth limit exceeded", failing the batch); FHIR resources nest a few dozen levels deep.
 */
const MAX_DEPTH = 1_000;

/** Whether `text` holds more than `limit` opening brackets anywhere (native `indexOf`, ~15 × a char loop). */
function opensMoreThan(text: string, limit: number): boolean {
  let n = 0;
  for (const bracket of ["{", "["]) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) {
      if (++n > limit) return true;
    }
  }
  return false;
}

/** Whether JSON text nests objects and arrays more than `limit` deep (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  // Nesting deeper than `limit` needs more than `limit` opening brackets: almost every resource is ruled out
  // without walking it character by character.
  if (!opensMoreThan(text, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return false;
}

/** A lone UTF-16 surrogate: in `u` mode a well-formed pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * What in a parsed resource PostgreSQL's jsonb would refuse — a NUL character, or half a surrogate pair (a lone
 * `\uD800`–`\uDFFF` escape, which JavaScript reads but jsonb does not) — in any key or string; else undefined.
 */
export function jsonbRefuses(value: unknown): string | undefined {
  if (typeof value === "string") {
    if (value.includes("\0")) return "a NUL character (\\u0000)";
    return LONE_SURROGATE.test(value)
      ? "half a UTF-16 surrogate pair (a lone \\uD800–\\uDFFF escape)"
      : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const refused = jsonbRefuses(item);
      if (refused !== undefined) return refused;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const refused = jsonbRefuses(key) ?? jsonbRefuses(item);
    if (refused !== undefined) return refused;
  }
  return undefined;
}

const DECIMAL = /^[0-9]+$/;

/**
 * `a` and `b` compared as decimal numbers when both are digit strings (any length: versionIds are text, and
 * "10" follows "9"): positive when `a` is the larger, negative when `b` is, 0 when they are the same number or
 * either is not a number.
 */
function compareDecimal(a: string, b: string): number {
  if (!DECIMAL.test(a) || !DECIMAL.test(b)) return 0;
  const x = a.replace(/^0+(?=.)/, "");
  const y = b.replace(/^0+(?=.)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x === y ? 0 : x > y ? 1 : -1;
}

/**
 * Is `a` a later version than `b`? By `meta.lastUpdated`; on a tie — servers stamp it to the millisecond, so
 * two saves within one millisecond collide (STACK.md) — by `meta.versionId` when both are decimal numbers that
 * differ: FHIR calls versionId opaque, but servers that number versions (HAPI, Microsoft's FHIR server) count
 * 1, 2, 3, so the higher number is the later save; others (Medplum's UUIDs) say nothing. Only when that does
 * not decide, by content hash, an arbitrary but fixed order, so the outcome never depends on arrival order.
 * Without timestamps the later arrival wins.
 *
 * The single rule for every comparison: copies in one batch, batches merged into one transaction, and an
 * incoming version against the stored raw_resource row (the writer reads its version_id for this).
 */
export function isNewer(
  a: Pick<PreparedResource, "lastUpdated" | "versionId" | "contentHash">,
  b: Pick<PreparedResource, "lastUpdated" | "versionId" | "contentHash">,
): boolean {
  if (a.lastUpdated === null || b.lastUpdated === null) return true;
  if (a.lastUpdated !== b.lastUpdated) return a.lastUpdated > b.lastUpdated;
  const byVersion = compareDecimal(a.versionId, b.versionId);
  if (byVersion !== 0) return byVersion > 0;
  return a.contentHash > b.contentHash;
}

/**
 * Validates, hashes and maps a batch. Never throws for bad data: a resource that cannot be mapped becomes
 * a quarantine entry with its reason and raw JSON, and the rest of the batch goes on. Two copies of one
 * resource in a batch keep the newer.
 */
export function prepareBatch(
  incoming: readonly IncomingResource[],
  context: Omit<MappingContext, "scope">,
  options: PrepareOptions = {},
): PreparedBatch {
  const steps = prepareSteps(incoming, context, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link prepareBatch} in slices of `sliceSize` resources, handing the event loop back between slices: the
 * transaction being written meanwhile gets its next statement sent as soon as the previous one completes,
 * instead of PostgreSQL waiting for a whole batch to be parsed and mapped.
 */
export async function prepareBatchInSlices(
  incoming: readonly IncomingResource[],
  context: Omit<MappingContext, "scope">,
  options: PrepareOptions & { readonly sliceSize?: number } = {},
): Promise<PreparedBatch> {
  const sliceSize = options.sliceSize ?? 50;
  const steps = prepareSteps(incoming, context, options);
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (n % sliceSize === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export interface PrepareOptions {
  readonly resourceTypes?: ReadonlySet<string>;
  readonly unparsed?: readonly UnparsedPayload[];
  /** NDJSON lines, prepared after `incoming` (a source sends one or the other per batch). */
  readonly lines?: readonly NdjsonLine[];
}

/** The work of {@link prepareBatch}, one step per resource. */
function* prepareSteps(
  incoming: readonly IncomingResource[],
  context: Omit<MappingContext, "scope">,
  options: PrepareOptions,
): Generator<void, PreparedBatch> {
  const byKey = new Map<string, PreparedResource>();
  // One context for every resource without a Bundle of its own (NDJSON, search pages): mapping reads it only.
  const unscoped: MappingContext = { ...context, scope: {} };
  const quarantined: QuarantineEntry[] = [];
  /** A payload no resource could be read from: quarantined with no type or id, hashed by `hashed`. */
  const unreadable = (code: string, reason: string, raw: string, hashed: string = raw): void => {
    quarantined.push({ resourceType: null, fhirId: null, code, reason, raw, contentHash: sha256(hashed) });
  };
  let skipped = 0;
  let superseded = 0;
  for (const payload of options.unparsed ?? []) {
    unreadable(payload.code, payload.reason, payload.text);
  }
  const take = (
    resource: unknown,
    json: string | Buffer,
    text: string,
    scope: ReferenceScope | undefined,
  ) => {
    const contentHash = sha256(json);
    const quarantine = (code: string, reason: string, resourceType: string | null, fhirId: string | null) =>
      quarantined.push({ resourceType, fhirId, code, reason, raw: text, contentHash });
    if (!isObject(resource)) {
      quarantine("not-a-resource", "Payload is not a JSON object", null, null);
      return;
    }
    const resourceType = asString(resource["resourceType"]);
    if (resourceType === undefined) {
      quarantine("missing-resource-type", "Resource has no resourceType", null, null);
      return;
    }
    if (options.resourceTypes !== undefined && !options.resourceTypes.has(resourceType)) {
      skipped++;
      return;
    }
    const fhirId = asString(resource["id"]);
    if (fhirId === undefined || !ID.test(fhirId)) {
      // The quarantine's key is indexed: an id too long for that is kept only in the raw JSON.
      const kept = fhirId === undefined || fhirId.length > MAX_INDEXED_TEXT ? null : fhirId;
      quarantine("invalid-id", `${resourceType} has no valid id`, resourceType, kept);
      return;
    }
    if (text.length > 2 * MAX_DEPTH && nestsDeeperThan(text, MAX_DEPTH)) {
      quarantine(
        "too-deep",
        `${resourceType}/${fhirId} nests more than ${MAX_DEPTH.toLocaleString("en-GB")} levels deep`,
        resourceType,
        fhirId,
      );
      return;
    }
    // Characters PostgreSQL's jsonb refuses arrive only as \u escapes in JSON text: look closer only then.
    const refused = text.includes("\\u") ? jsonbRefuses(resource) : undefined;
    if (refused !== undefined) {
      // One such resource would fail its whole batch, on every re-run.
      quarantine(
        "unsupported-character",
        `${resourceType}/${fhirId} contains ${refused}`,
        resourceType,
        fhirId,
      );
      return;
    }
    const meta = asObject(resource["meta"]);
    let mapped: Mapped;
    let lastUpdated: string | null;
    try {
      lastUpdated = toInstant(meta?.["lastUpdated"]);
      mapped = mapResource(resource, scope === undefined ? unscoped : { ...context, scope });
    } catch (error) {
      if (error instanceof MappingProblem) {
        // The generic value readers do not know which resource they read for; the mappers name it themselves.
        const reason = NAMELESS_PROBLEMS.has(error.code)
          ? `${resourceType}/${fhirId}: ${error.message}`
          : error.message;
        quarantine(error.code, reason, resourceType, fhirId);
      } else
        quarantine(
          "mapping-failed",
          `${resourceType}/${fhirId}: ${String((error as Error)?.message ?? error)}`,
          resourceType,
          fhirId,
        );
      return;
    }
    const prepared: PreparedResource = {
      resourceType,
      fhirId,
      versionId: asString(meta?.["versionId"]) ?? "",
      lastUpdated,
      contentHash,
      json,
      mapped,
    };
    const key = `${resourceType}/${fhirId}`;
    const existing = byKey.get(key);
    if (existing !== undefined) superseded++;
    if (existing === undefined || isNewer(prepared, existing)) byKey.set(key, prepared);
  };
  for (const item of incoming) {
    let text: string;
    try {
      text = item.text ?? JSON.stringify(item.resource);
    } catch (error) {
      // Nested too deep for the serialiser's stack: nothing to store, nothing PostgreSQL could parse either.
      unreadable(
        "too-deep",
        `Payload cannot be serialised: ${(error as Error).message}`,
        "",
        `too-deep:${String(error)}`,
      );
      yield;
      continue;
    }
    take(item.resource, text, text, item.scope);
    yield;
  }
  for (const line of options.lines ?? []) {
    // Parsed here, one line at a time, so its objects are garbage as soon as the line is mapped.
    const text = line.bytes.toString("utf8");
    let resource: unknown;
    try {
      resource = JSON.parse(text);
    } catch (error) {
      unreadable("invalid-json", `${line.file}:${line.line}: ${(error as Error).message}`, text);
      yield;
      continue;
    }
    // Invalid UTF-8 was decoded with replacement characters: store (and hash) that text, as PostgreSQL
    // would refuse the bytes.
    take(resource, isUtf8(line.bytes) ? line.bytes : text, text, undefined);
    yield;
  }
  return { resources: [...byKey.values()], quarantined, skipped, superseded };
}
