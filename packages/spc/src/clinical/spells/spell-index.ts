import { SpcError } from "../../core/spc-error.js";
import { toEpochMs, toEpochMsOrNull } from "../time/instant.js";
import { type SpellRecord, UNKNOWN_WARD } from "./spell.type.js";

/** A ward stay in epoch milliseconds, half-open [startMs, endMs). */
export interface WardInterval {
  readonly wardName: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** A spell normalised once for repeated time lookups. */
export interface Spell {
  readonly id: string;
  readonly patientFhirId: string;
  readonly startMs: number;
  /** `Infinity` while the spell is open. */
  readonly endMs: number;
  readonly open: boolean;
  /** Ward stays sorted by start, clipped to the spell; gap-free coverage is not assumed. */
  readonly wards: readonly WardInterval[];
  /** Ward at discharge (the last ward stay, else `wardName`, else {@link UNKNOWN_WARD}). */
  readonly dischargeWard: string;
  readonly record: SpellRecord;
}

/**
 * Normalises a spell row. Ward stays without a start begin at admission; without an end they run to the
 * next stay's start, else to discharge. A spell without admission time is `INVALID_SPELL`: nothing can be
 * attributed to it.
 *
 * @example
 * normaliseSpell({ id: 1, patientFhirId: "p", periodStart: "2024-01-01T10:00Z", periodEnd: null,
 *   wardStays: [{ wardName: "Ward A", start: "2024-01-01T10:00Z", end: null }] }).open; // true
 */
export function normaliseSpell(record: SpellRecord): Spell {
  if (record.periodStart === null || record.periodStart === undefined) {
    throw new SpcError("INVALID_SPELL", `Spell ${String(record.id)} has no admission time`, "periodStart");
  }
  const startMs = toEpochMs(record.periodStart, "periodStart");
  const end = toEpochMsOrNull(record.periodEnd, "periodEnd");
  if (end !== null && end < startMs) {
    throw new SpcError("INVALID_SPELL", `Spell ${String(record.id)} ends before it starts`, "periodEnd");
  }
  const endMs = end ?? Number.POSITIVE_INFINITY;
  const stays = (record.wardStays ?? [])
    .map((stay) => ({
      wardName: stay.wardName,
      startMs: toEpochMsOrNull(stay.start, "wardStay.start") ?? startMs,
      endMs: toEpochMsOrNull(stay.end, "wardStay.end"),
    }))
    .sort((a, b) => a.startMs - b.startMs);
  const wards: WardInterval[] = [];
  for (let i = 0; i < stays.length; i++) {
    const stay = stays[i]!;
    const next = stays[i + 1];
    const stayEnd = stay.endMs ?? next?.startMs ?? endMs;
    const clippedStart = Math.max(stay.startMs, startMs);
    const clippedEnd = Math.min(stayEnd, endMs);
    if (clippedEnd > clippedStart || (clippedEnd === clippedStart && stays.length === 1)) {
      wards.push({ wardName: stay.wardName, startMs: clippedStart, endMs: clippedEnd });
    }
  }
  const dischargeWard = wards[wards.length - 1]?.wardName ?? record.wardName ?? UNKNOWN_WARD;
  return {
    id: String(record.id),
    patientFhirId: record.patientFhirId,
    startMs,
    endMs,
    open: end === null,
    wards,
    dischargeWard,
    record,
  };
}

/**
 * The ward a patient was on at `ms` — Vigil's ward attribution rule for every event-based indicator
 * (a trigger, an observation set, a pressure ulcer found): the ward stay containing the instant, half-open,
 * so at the instant of a transfer the patient is on the receiving ward. In a gap between recorded stays the
 * event stays with the ward the patient last left; before the first stay it goes to the first ward; with no
 * stays at all, to the spell's `wardName`.
 *
 * @example
 * // Ward A 08:00–14:00, Ward B from 14:00: a trigger at 14:00 belongs to Ward B.
 */
export function wardAt(spell: Spell, ms: number): string {
  const wards = spell.wards;
  if (wards.length === 0) return spell.record.wardName ?? UNKNOWN_WARD;
  let last = wards[0]!;
  for (const ward of wards) {
    if (ward.startMs > ms) break;
    last = ward;
    if (ms < ward.endMs) return ward.wardName;
  }
  return last.wardName;
}

/** Spells grouped by patient and sorted by admission, for "which spell was this patient in at t". */
export interface SpellIndex {
  readonly spells: readonly Spell[];
  readonly byId: ReadonlyMap<string, Spell>;
  readonly byPatient: ReadonlyMap<string, readonly Spell[]>;
}

/**
 * Builds a {@link SpellIndex}. Duplicate spell ids are `DUPLICATE_SPELL`: two rows for one spell would count
 * every event twice.
 */
export function indexSpells(records: readonly SpellRecord[]): SpellIndex {
  const spells: Spell[] = [];
  const byId = new Map<string, Spell>();
  const byPatient = new Map<string, Spell[]>();
  for (const record of records) {
    const spell = normaliseSpell(record);
    if (byId.has(spell.id))
      throw new SpcError("DUPLICATE_SPELL", `Spell ${spell.id} appears twice`, "spells");
    byId.set(spell.id, spell);
    spells.push(spell);
    let list = byPatient.get(spell.patientFhirId);
    if (list === undefined) {
      list = [];
      byPatient.set(spell.patientFhirId, list);
    }
    list.push(spell);
  }
  for (const list of byPatient.values()) list.sort((a, b) => a.startMs - b.startMs);
  return { spells, byId, byPatient };
}

/**
 * The spell of `patientFhirId` that contains `ms` (admission ≤ ms ≤ discharge), or `null`. When an explicit
 * encounter id is known it wins, as long as that spell belongs to the patient.
 */
export function spellAt(
  index: SpellIndex,
  patientFhirId: string,
  ms: number,
  encounterId?: string | null,
): Spell | null {
  if (encounterId !== null && encounterId !== undefined) {
    const spell = index.byId.get(encounterId);
    if (spell !== undefined && spell.patientFhirId === patientFhirId) return spell;
  }
  const list = index.byPatient.get(patientFhirId);
  if (list === undefined) return null;
  for (const spell of list) {
    if (spell.startMs > ms) break;
    if (ms <= spell.endMs) return spell;
  }
  return null;
}
