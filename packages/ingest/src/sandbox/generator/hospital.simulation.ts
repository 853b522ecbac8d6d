import type { Resource } from "@medplum/fhirtypes";
import { type AdmissionRecord, buildAdmission } from "./admission.record.js";
import { ArrivalStream } from "./arrivals.js";
import { WardCensus } from "./census.js";
import { buildHospital, type Hospital, hospitalResources } from "./hospital.generator.js";
import { Prng } from "./prng.js";
import {
  type ResolvedSandboxOptions,
  resolveSandboxOptions,
  type SandboxOptions,
} from "./sandbox-options.js";
import { SandboxError } from "./sandbox.error.js";
import { DAY, isoInstant } from "./time.js";

/**
 * Admissions start this long before the window so the wards are already full on its first day, as a real
 * hospital's are; patients who left before the window are generated (to keep every later draw identical) but
 * not output.
 */
export const WARM_UP_DAYS = 21;

/** The hospital and the admission process, shared by batch output and live mode so both give the same data. */
export class HospitalModel {
  readonly options: ResolvedSandboxOptions;
  readonly hospital: Hospital;
  private readonly root: Prng;
  private readonly arrivals: ArrivalStream;
  private readonly census: WardCensus;

  constructor(options: SandboxOptions | ResolvedSandboxOptions) {
    this.options = "interventionAt" in options ? options : resolveSandboxOptions(options);
    this.root = Prng.fromSeed(this.options.seed);
    this.hospital = buildHospital(this.options.seed, this.options.beds, this.root.fork("hospital"));
    this.census = new WardCensus(this.hospital);
    this.arrivals = new ArrivalStream(
      this.root.fork("arrivals"),
      this.hospital.totalBeds,
      this.options.start - WARM_UP_DAYS * DAY,
    );
  }

  /** The instant the model's first admissions arrive. */
  get warmUpStart(): number {
    return this.options.start - WARM_UP_DAYS * DAY;
  }

  hospitalResources(): Resource[] {
    return hospitalResources(this.hospital);
  }

  /**
   * Admissions arriving before `until`, in arrival order, each generated in full; those discharged before the
   * window starts are left out.
   */
  *admissionsUntil(until: number): Generator<AdmissionRecord> {
    for (const arrival of this.arrivals.takeUntil(until)) {
      this.census.prune(arrival.at);
      const record = buildAdmission(
        this.options.seed,
        arrival,
        this.hospital,
        this.census,
        this.options.interventionAt,
        this.root,
      );
      if (record.endAt >= this.options.start) yield record;
    }
  }
}

/** The resources of an admission as they stood at `asOf`, in the record's stable order. */
export function snapshotAdmission(record: AdmissionRecord, asOf: number): Resource[] {
  const resources: Resource[] = [];
  for (const entry of record.entries) {
    if ((entry.versions[0] ?? Infinity) <= asOf) resources.push(entry.render(asOf));
  }
  return resources;
}

export interface SimulationChange {
  readonly change: "created" | "updated";
  /** When this version came into being (simulated time). */
  readonly at: string;
  readonly resource: Resource;
}

export interface SimulationBatch {
  readonly from: string;
  readonly to: string;
  /** New resources and new versions of earlier ones, latest version only, ordered by time of change. */
  readonly changes: readonly SimulationChange[];
}

interface ActiveAdmission {
  readonly record: AdmissionRecord;
  /** Every version instant of every entry, in time order, and how far the clock has consumed them. */
  readonly timeline: readonly { readonly at: number; readonly entry: number }[];
  cursor: number;
}

/**
 * The sandbox hospital in live mode: a simulation advanced by simulated time. Each advance returns what became
 * known since the last one (new Observations, a new admission's Patient and Encounter, an Encounter updated on
 * transfer or discharge, a Patient updated on death), with stable ids, so a FHIR server can apply the changes as
 * updates and keep adding data for as long as it runs. The same seed gives the same history as batch output.
 */
export class HospitalSimulation {
  private readonly model: HospitalModel;
  private readonly active: ActiveAdmission[] = [];
  private clock: number;
  private started = false;

  constructor(options: SandboxOptions = {}) {
    this.model = new HospitalModel(options);
    this.clock = this.model.warmUpStart;
  }

  get options(): ResolvedSandboxOptions {
    return this.model.options;
  }

  get hospital(): Hospital {
    return this.model.hospital;
  }

  /** Admissions still followed (in hospital, or with something still to happen); bounded by the bed count. */
  get trackedAdmissions(): number {
    return this.active.length;
  }

  /** Simulated time up to which changes have been returned. */
  get now(): Date {
    return new Date(this.clock);
  }

  /** Advances simulated time by `milliseconds`. */
  advanceBy(milliseconds: number): SimulationBatch {
    return this.advanceTo(this.clock + milliseconds);
  }

  /**
   * Advances simulated time to `time` and returns the changes in (previous time, time]. The first call also
   * returns the hospital's Organization, Locations and Practitioners, and everything before `time`.
   */
  advanceTo(time: Date | string | number): SimulationBatch {
    const to = time instanceof Date ? time.getTime() : typeof time === "string" ? Date.parse(time) : time;
    if (Number.isNaN(to)) throw new SandboxError("invalid-option", `not a time: ${String(time)}`);
    if (to < this.clock) {
      throw new SandboxError(
        "clock-backwards",
        `the simulation is at ${isoInstant(this.clock)} and cannot go back to ${isoInstant(to)}`,
      );
    }
    const from = this.clock;
    const firstAdvance = !this.started;
    const collected: { at: number; admission: number; entry: number; change: SimulationChange }[] = [];
    if (!this.started) {
      this.started = true;
      this.model.hospitalResources().forEach((resource, i) => {
        collected.push({
          at: from,
          admission: -1,
          entry: i,
          change: { change: "created", at: isoInstant(from), resource },
        });
      });
    }
    for (const record of this.model.admissionsUntil(to + 1)) {
      const timeline = record.entries
        .flatMap((entry, index) => entry.versions.map((at) => ({ at, entry: index })))
        .sort((a, b) => a.at - b.at || a.entry - b.entry);
      this.active.push({ record, timeline, cursor: 0 });
    }
    for (const admission of this.active) {
      const latest = new Map<number, number>();
      while (admission.cursor < admission.timeline.length) {
        const point = admission.timeline[admission.cursor];
        if (point === undefined || point.at > to) break;
        latest.set(point.entry, point.at);
        admission.cursor += 1;
      }
      for (const [entryIndex, at] of latest) {
        const entry = admission.record.entries[entryIndex];
        if (entry === undefined) continue;
        const created = firstAdvance || (entry.versions[0] ?? 0) > from;
        collected.push({
          at,
          admission: admission.record.index,
          entry: entryIndex,
          change: { change: created ? "created" : "updated", at: isoInstant(at), resource: entry.render(to) },
        });
      }
    }
    // Admissions with nothing left to happen leave the simulation: memory stays bounded in a long live run.
    for (let i = this.active.length - 1; i >= 0; i -= 1) {
      const admission = this.active[i];
      if (admission !== undefined && admission.cursor >= admission.timeline.length) this.active.splice(i, 1);
    }
    this.clock = to;
    collected.sort((a, b) => a.at - b.at || a.admission - b.admission || a.entry - b.entry);
    return { from: isoInstant(from), to: isoInstant(to), changes: collected.map(({ change }) => change) };
  }
}
