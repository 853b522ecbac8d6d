import type { WithId } from "@medplum/core";
import { MemoryRepository } from "@medplum/fhir-router";
import type { Resource } from "@medplum/fhirtypes";

/** One stored resource in the `_lastUpdated` index, with its JSON pre-serialised for paging. */
export interface IndexEntry {
  readonly lastUpdated: number;
  readonly id: string;
  readonly resource: Resource;
  readonly json: string;
}

function compareKey(a: { lastUpdated: number; id: string }, b: { lastUpdated: number; id: string }): number {
  return a.lastUpdated - b.lastUpdated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Medplum's MemoryRepository plus a per-type index sorted by (`meta.lastUpdated`, id). The repository
 * re-scans every resource on each search (seconds for a few thousand Observations, STACK.md); the sandbox
 * server answers type-level `_lastUpdated` searches from this index instead. Every write of the repository
 * (create, update, patch, transaction) goes through `createResource`, so overriding it and `deleteResource`
 * keeps the index exact.
 */
export class IndexedMemoryRepository extends MemoryRepository {
  private readonly index = new Map<string, IndexEntry[]>();
  private readonly current = new Map<string, IndexEntry>();

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const stored = await super.createResource(resource);
    this.indexResource(stored);
    return stored;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.unindex(resourceType, id);
  }

  override clear(): void {
    super.clear();
    this.index.clear();
    this.current.clear();
  }

  /** Entries of a type in (lastUpdated, id) order. */
  entries(resourceType: string): readonly IndexEntry[] {
    return this.index.get(resourceType) ?? [];
  }

  resourceTypes(): string[] {
    return [...this.index.keys()].filter((type) => (this.index.get(type)?.length ?? 0) > 0).sort();
  }

  count(resourceType?: string): number {
    if (resourceType !== undefined) return this.entries(resourceType).length;
    let n = 0;
    for (const list of this.index.values()) n += list.length;
    return n;
  }

  /** First position whose key is ≥ (or > when `exclusive`) the given key. */
  lowerBound(resourceType: string, key: { lastUpdated: number; id: string }, exclusive = false): number {
    const list = this.entries(resourceType);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKey(list[mid]!, key);
      if (c < 0 || (exclusive && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexResource(resource: WithId<Resource>): void {
    const type = resource.resourceType;
    this.unindex(type, resource.id);
    const entry: IndexEntry = {
      lastUpdated: Date.parse(resource.meta?.lastUpdated ?? "") || 0,
      id: resource.id,
      resource,
      json: JSON.stringify(resource),
    };
    let list = this.index.get(type);
    if (list === undefined) {
      list = [];
      this.index.set(type, list);
    }
    // New versions almost always carry the newest timestamp: append; seeded history inserts in place.
    const last = list[list.length - 1];
    if (last === undefined || compareKey(last, entry) < 0) list.push(entry);
    else list.splice(this.lowerBound(type, entry), 0, entry);
    this.current.set(`${type}/${resource.id}`, entry);
  }

  private unindex(resourceType: string, id: string): void {
    const key = `${resourceType}/${id}`;
    const old = this.current.get(key);
    if (old === undefined) return;
    this.current.delete(key);
    const list = this.index.get(resourceType)!;
    const at = this.lowerBound(resourceType, old);
    if (list[at] === old) list.splice(at, 1);
  }
}
