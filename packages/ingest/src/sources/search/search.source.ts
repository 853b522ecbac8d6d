import { asObject, asString, isObject, toInstant } from "../../mapping/fhir-values.js";
import type { IncomingResource } from "../../mapping/prepare.js";
import type { Checkpoint } from "../../store/source.store.js";
import type { SourceBatch } from "../source.type.js";
import type { FhirSearchClient, SearchBundle } from "./fhir-client.js";

/** Resource types a search sync fetches, in an order that lets most references resolve on arrival. */
export const DEFAULT_SEARCH_TYPES: readonly string[] = [
  "Location",
  "Organization",
  "Practitioner",
  "Patient",
  "Encounter",
  "Condition",
  "Observation",
  "Procedure",
  "Task",
  "MedicationAdministration",
  "Device",
  "DeviceUseStatement",
];

/**
 * Extra search parameters per type: only vital signs and NEWS2 scores of Observations (UK Core puts the
 * NEWS2 total in the `survey` category).
 */
export const DEFAULT_SEARCH_FILTERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Observation: { category: "vital-signs,survey" },
};

export interface SearchSourceOptions {
  readonly client: FhirSearchClient;
  readonly resourceTypes: readonly string[];
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly pageSize?: number;
  readonly filters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly signal?: AbortSignal;
}

function lastUpdatedOf(resource: unknown): string | null {
  try {
    return toInstant(asObject(asObject(resource)?.["meta"])?.["lastUpdated"]);
  } catch {
    // An impossible meta.lastUpdated moves no high-water mark; preparing the resource quarantines it.
    return null;
  }
}

/**
 * Paged `_lastUpdated` search per resource type. Each type resumes with `_lastUpdated=ge<high water>`
 * (server timestamps collide, so `gt` would lose resources; the overlap is de-duplicated by id and version
 * when written). Pages are requested sorted by `_lastUpdated`: while the server honours that, every page
 * advances the checkpoint to its newest timestamp; if a page arrives out of order the checkpoint waits for
 * the end of the type's pass, so a crash can only cause re-fetching, never a gap.
 *
 * The next page is requested while the caller writes the current one.
 */
export async function* readSearchSource(options: SearchSourceOptions): AsyncGenerator<SourceBatch> {
  const pageSize = options.pageSize ?? 500;
  const firstPage = (resourceType: string): Promise<SearchBundle> => {
    const highWater = options.checkpoints.get(resourceType)?.highWater ?? null;
    const params: Record<string, string> = {
      _sort: "_lastUpdated",
      _count: String(pageSize),
      ...(options.filters?.[resourceType] ?? {}),
    };
    if (highWater !== null) params["_lastUpdated"] = `ge${highWater.toISOString()}`;
    const promise = options.client.search(resourceType, params, options.signal);
    // Keep a prefetch from surfacing as an unhandled rejection before it is awaited.
    promise.catch(() => undefined);
    return promise;
  };
  let upcoming: Promise<SearchBundle> | undefined;
  for (const [index, resourceType] of options.resourceTypes.entries()) {
    const following = options.resourceTypes[index + 1];
    let page: SearchBundle | undefined = await (upcoming ?? firstPage(resourceType));
    upcoming = undefined;
    let sorted = true;
    let maxSeen: string | null = null;
    let fetched = 0;
    const total = typeof page.total === "number" ? page.total : undefined;
    while (page !== undefined) {
      const current: SearchBundle = page;
      const nextPromise = options.client.nextPage(current, options.signal);
      // Keep the prefetch from surfacing as an unhandled rejection while this page is being written.
      nextPromise.catch(() => undefined);
      const incoming: IncomingResource[] = [];
      for (const entry of current.entry ?? []) {
        if (!isObject(entry) || asString(asObject(entry["search"])?.["mode"]) === "include") continue;
        const resource = entry["resource"];
        if (asString(asObject(resource)?.["resourceType"]) !== resourceType) continue;
        incoming.push({ resource });
        const lu = lastUpdatedOf(resource);
        if (lu === null) continue;
        if (maxSeen !== null && lu < maxSeen) sorted = false;
        if (maxSeen === null || lu > maxSeen) maxSeen = lu;
      }
      fetched += incoming.length;
      const next = current.link?.find((l) => l.relation === "next")?.url ?? null;
      // The type's last page: the next type's first page is requested while this one is written.
      if (next === null && following !== undefined) upcoming = firstPage(following);
      yield {
        resourceType,
        incoming,
        ...(total === undefined ? {} : { total }),
        fetched,
        checkpoint: { resourceType, highWater: sorted ? maxSeen : null, cursor: next },
      };
      page = await nextPromise;
    }
    // The pass is complete: whatever the order, everything up to the newest timestamp seen is committed.
    yield {
      resourceType,
      incoming: [],
      fetched,
      ...(total === undefined ? {} : { total }),
      checkpoint: { resourceType, highWater: maxSeen, cursor: null },
    };
  }
}
