import {
  matchesSearchRequest,
  Operator,
  parseSearchRequest,
  type Filter,
  type SearchRequest,
} from "@medplum/core";
import type { IndexedMemoryRepository, IndexEntry } from "./indexed.repository.js";

const MAX_COUNT = 5_000;
const DEFAULT_COUNT = 20;

/** A type-level search the index can answer: no sort or `_sort=_lastUpdated`, no includes or summary. */
export function canServeFromIndex(search: SearchRequest): boolean {
  if (
    search.include?.length ||
    search.revInclude?.length ||
    search.summary !== undefined ||
    search.fields !== undefined
  )
    return false;
  if (search.offset !== undefined && search.offset > 0) return false;
  const sort = search.sortRules ?? [];
  return (
    sort.length === 0 ||
    (sort.length === 1 && sort[0]!.code === "_lastUpdated" && sort[0]!.descending !== true)
  );
}

function parseCursor(cursor: string | undefined): { lastUpdated: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const colon = cursor.indexOf(":");
  if (colon < 0) return undefined;
  const lastUpdated = Number(cursor.slice(0, colon));
  return Number.isFinite(lastUpdated) ? { lastUpdated, id: cursor.slice(colon + 1) } : undefined;
}

/** Range of `_lastUpdated` filters as epoch ms bounds; other filters are matched per resource. */
function splitFilters(filters: readonly Filter[]): {
  min: number;
  minExclusive: boolean;
  max: number;
  maxExclusive: boolean;
  rest: Filter[];
} {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let minExclusive = false;
  let maxExclusive = false;
  const rest: Filter[] = [];
  for (const filter of filters) {
    if (filter.code !== "_lastUpdated") {
      rest.push(filter);
      continue;
    }
    const at = Date.parse(filter.value);
    if (Number.isNaN(at)) {
      rest.push(filter);
      continue;
    }
    switch (filter.operator) {
      case Operator.GREATER_THAN_OR_EQUALS:
      case Operator.STARTS_AFTER:
        if (at > min || (at === min && minExclusive))
          ({ min, minExclusive } = { min: at, minExclusive: filter.operator === Operator.STARTS_AFTER });
        break;
      case Operator.GREATER_THAN:
        if (at >= min) ({ min, minExclusive } = { min: at, minExclusive: true });
        break;
      case Operator.LESS_THAN_OR_EQUALS:
        if (at < max) ({ max, maxExclusive } = { max: at, maxExclusive: false });
        break;
      case Operator.LESS_THAN:
      case Operator.ENDS_BEFORE:
        if (at <= max) ({ max, maxExclusive } = { max: at, maxExclusive: true });
        break;
      default:
        rest.push(filter);
    }
  }
  return { min, minExclusive, max, maxExclusive, rest };
}

/**
 * Answers a type-level search from the `_lastUpdated` index as a search-set Bundle (JSON text, built from
 * the stored resources' pre-serialised JSON). Paging is keyset-based — the `next` link carries the
 * (lastUpdated, id) of the last entry in `_cursor` — so a resource updated while a client pages moves to
 * the end of the result instead of shifting every later page, and nothing is skipped.
 */
export function searchFromIndex(
  repo: IndexedMemoryRepository,
  baseUrl: string,
  resourceType: string,
  query: URLSearchParams,
): string {
  const search = parseSearchRequest(resourceType, Object.fromEntries([...groupQuery(query)]));
  const count = Math.min(MAX_COUNT, Math.max(0, search.count ?? DEFAULT_COUNT));
  const { min, minExclusive, max, maxExclusive, rest } = splitFilters(search.filters ?? []);
  const entries = repo.entries(resourceType);
  const cursor = parseCursor(search.cursor);
  let start =
    min === Number.NEGATIVE_INFINITY
      ? 0
      : repo.lowerBound(resourceType, { lastUpdated: min, id: minExclusive ? "\uffff" : "" }, minExclusive);
  if (cursor !== undefined) start = Math.max(start, repo.lowerBound(resourceType, cursor, true));
  const matcher = { resourceType, filters: rest } as SearchRequest;
  const inRange = (entry: IndexEntry) => (maxExclusive ? entry.lastUpdated < max : entry.lastUpdated <= max);
  const page: IndexEntry[] = [];
  let more = false;
  let i = start;
  for (; i < entries.length; i++) {
    const entry = entries[i]!;
    if (!inRange(entry)) break;
    if (rest.length > 0 && !matchesSearchRequest(entry.resource, matcher)) continue;
    if (page.length === count) {
      more = true;
      break;
    }
    page.push(entry);
  }
  let total: number | undefined;
  if (cursor === undefined) {
    // The first page reports the total, as clients use it for progress.
    if (rest.length === 0) {
      let end = start;
      while (end < entries.length && inRange(entries[end]!)) end++;
      total = end - start;
    } else {
      total = page.length;
      for (let j = i; j < entries.length && inRange(entries[j]!); j++)
        if (matchesSearchRequest(entries[j]!.resource, matcher)) total++;
    }
  }
  const links = [
    `{"relation":"self","url":${JSON.stringify(`${baseUrl}/${resourceType}?${query.toString()}`)}}`,
  ];
  if (more && page.length > 0) {
    const last = page[page.length - 1]!;
    const next = new URLSearchParams(query);
    next.set("_cursor", `${last.lastUpdated}:${last.id}`);
    links.push(
      `{"relation":"next","url":${JSON.stringify(`${baseUrl}/${resourceType}?${next.toString()}`)}}`,
    );
  }
  const parts = page.map(
    (e) =>
      `{"fullUrl":${JSON.stringify(`${baseUrl}/${resourceType}/${e.id}`)},"resource":${e.json},"search":{"mode":"match"}}`,
  );
  return `{"resourceType":"Bundle","type":"searchset"${total === undefined ? "" : `,"total":${total}`},"link":[${links.join(",")}]${
    parts.length > 0 ? `,"entry":[${parts.join(",")}]` : ""
  }}`;
}

/** URLSearchParams → the record parseSearchRequest expects (repeated keys as arrays). */
export function groupQuery(query: URLSearchParams): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [key, value] of query) {
    const existing = out.get(key);
    out.set(
      key,
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value],
    );
  }
  return out;
}
