import { news2Response } from "../news2/news2-response.js";
import type { ClinicalRisk } from "../news2/news2.type.js";
import { indexSpells, type Spell, type SpellIndex, spellAt, wardAt } from "../spells/spell-index.js";
import { UNKNOWN_WARD } from "../spells/spell.type.js";
import { toEpochMs } from "../time/instant.js";
import type { DeteriorationData, ObservationSetRecord } from "./deterioration.type.js";

/** An observation set placed on its spell, ward and time. */
export interface TimelineSet {
  readonly id: string;
  readonly ms: number;
  readonly wardName: string;
  readonly complete: boolean;
  /** `null` when unscored. */
  readonly total: number | null;
  readonly redScore: boolean;
  /** Derived from total and red score with RCP Chart 2 precedence; `null` when unscored. */
  readonly clinicalRisk: ClinicalRisk | null;
  readonly record: ObservationSetRecord;
}

/** One eligible spell with its sets in time order. */
export interface SpellTimeline {
  readonly spell: Spell;
  readonly sets: readonly TimelineSet[];
  /** The scored sets only (those with a NEWS2 total), in time order. */
  readonly scored: readonly TimelineSet[];
}

export interface TimedEvent {
  readonly id: string;
  readonly ms: number;
  readonly kind: string;
}

export interface DeteriorationTimeline {
  readonly spells: SpellIndex;
  readonly timelines: readonly SpellTimeline[];
  /** Care events per patient, sorted by time. */
  readonly eventsByPatient: ReadonlyMap<string, readonly TimedEvent[]>;
}

const cache = new WeakMap<DeteriorationData, DeteriorationTimeline>();

/**
 * Places every observation set on its spell and ward, once per data object (cached in a WeakMap keyed by the
 * object, so computing all eight indicators from one `DeteriorationData` indexes it once — treat the object as
 * immutable; build a new one when the rows change). A set belongs to the spell named by its
 * `encounterId`, else to the patient's spell containing its time; sets outside any inpatient spell, and
 * sets of excluded spells, are not in the cohort. Its ward is the ward the patient was on at the set's time
 * ({@link wardAt}); the set's own `wardName` is used only when the spell has no ward information.
 */
export function deteriorationTimeline(data: DeteriorationData): DeteriorationTimeline {
  const cached = cache.get(data);
  if (cached !== undefined) return cached;
  const spells = indexSpells(data.spells);
  const excluded = new Set((data.excludedSpellIds ?? []).map(String));
  const setsBySpell = new Map<string, TimelineSet[]>();
  for (const record of data.observationSets) {
    const ms = toEpochMs(record.effectiveAt, "effectiveAt");
    const encounterId =
      record.encounterId === null || record.encounterId === undefined ? null : String(record.encounterId);
    const spell = spellAt(spells, record.patientFhirId, ms, encounterId);
    if (spell === null || excluded.has(spell.id)) continue;
    let wardName = wardAt(spell, ms);
    if (wardName === UNKNOWN_WARD && record.wardName) wardName = record.wardName;
    const total = record.news2Total;
    const redScore = record.redScore === true;
    let list = setsBySpell.get(spell.id);
    if (list === undefined) {
      list = [];
      setsBySpell.set(spell.id, list);
    }
    list.push({
      id: String(record.id),
      ms,
      wardName,
      complete: record.complete,
      total,
      redScore,
      clinicalRisk: total === null ? null : news2Response(total, redScore).clinicalRisk,
      record,
    });
  }
  const timelines: SpellTimeline[] = [];
  for (const spell of spells.spells) {
    if (excluded.has(spell.id)) continue;
    const sets = setsBySpell.get(spell.id) ?? [];
    sets.sort((a, b) => a.ms - b.ms);
    timelines.push({ spell, sets, scored: sets.filter((s) => s.total !== null) });
  }
  const eventsByPatient = new Map<string, TimedEvent[]>();
  for (const event of data.careEvents ?? []) {
    if (event.occurredAt === null) continue;
    let list = eventsByPatient.get(event.patientFhirId);
    if (list === undefined) {
      list = [];
      eventsByPatient.set(event.patientFhirId, list);
    }
    list.push({ id: String(event.id), ms: toEpochMs(event.occurredAt, "occurredAt"), kind: event.kind });
  }
  for (const list of eventsByPatient.values()) list.sort((a, b) => a.ms - b.ms);
  const timeline = { spells, timelines, eventsByPatient };
  cache.set(data, timeline);
  return timeline;
}

/**
 * The first event of one of `kinds` at or after `fromMs` and at or before `toMs`, or `null`.
 * Binary search to `fromMs`, then a scan: events per patient are few, trigger lookups many.
 */
export function firstEventBetween(
  events: readonly TimedEvent[] | undefined,
  kinds: readonly string[],
  fromMs: number,
  toMs: number,
): TimedEvent | null {
  if (events === undefined) return null;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.ms < fromMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < events.length; i++) {
    const event = events[i]!;
    if (event.ms > toMs) return null;
    if (kinds.includes(event.kind)) return event;
  }
  return null;
}

/**
 * Indices of trigger episodes among scored sets: a set meeting `meets` whose previous scored set in the spell
 * does not (or that is the spell's first scored set), per INDICATORS.md §3 D4 ("first set with total ≥ 5
 * after a set < 5, or the first set of the spell"). A run of qualifying sets is one episode.
 */
export function triggerEpisodeStarts(
  scored: readonly TimelineSet[],
  meets: (set: TimelineSet) => boolean,
): number[] {
  const starts: number[] = [];
  let previous = false;
  for (let i = 0; i < scored.length; i++) {
    const now = meets(scored[i]!);
    if (now && !previous) starts.push(i);
    previous = now;
  }
  return starts;
}
