import { SpcError } from "../../core/spc-error.js";
import { news2Score } from "../news2/news2-score.js";
import type { Consciousness, News2Result, Spo2Scale } from "../news2/news2.type.js";
import {
  decisionInForce,
  isValidScale2Decision,
  type Spo2ScaleDecision,
  type Spo2ScaleSource,
} from "../news2/spo2-scale.js";
import { choiceOption } from "../indicators/option-checks.js";
import { indexSpells, spellAt, type SpellIndex, wardAt } from "../spells/spell-index.js";
import type { RecordId, SpellRecord } from "../spells/spell.type.js";
import { MINUTE_MS, toEpochMs } from "../time/instant.js";
import type { ObservationItem, ObservationSet, VitalSignReading } from "./observation-set.type.js";

export interface AssembleObservationSetsOptions {
  /**
   * Readings within this many minutes of a set's first reading join that set (inclusive). Default 15
   * (ARCHITECTURE.md). The window is anchored on the first reading, so a set never spans more than it.
   */
  readonly windowMinutes?: number;
  /**
   * What a second reading of a parameter already in the open set means. `"new-set"` (default): a new round
   * of observations has started, so the open set is closed and a new one begins. `"keep-latest"`: a
   * re-check within the window replaces the earlier value in the same set.
   */
  readonly duplicateParameter?: "new-set" | "keep-latest";
  /** Documented SpO2 scale decisions of any patients (INDICATORS.md §1.1); Scale 1 without one. */
  readonly spo2ScaleDecisions?: readonly Spo2ScaleDecision[];
  /** Spells, to attach each set's spell (`encounterId`) and ward by the ward attribution rule. */
  readonly spells?: readonly SpellRecord[] | SpellIndex;
}

const ITEMS: readonly ObservationItem[] = [
  "respiratoryRate",
  "spo2",
  "onOxygen",
  "systolicBP",
  "pulse",
  "consciousness",
  "temperature",
];
const RR = 0;
const SPO2 = 1;
const O2 = 2;
const SBP = 3;
const PULSE = 4;
const ACVPU = 5;
const TEMP = 6;
const TOTAL = 7;
const UNUSED = -1;

function slotOf(parameter: string): number {
  switch (parameter) {
    case "respiratoryRate":
      return RR;
    case "spo2":
      return SPO2;
    case "onOxygen":
      return O2;
    case "systolicBP":
      return SBP;
    case "pulse":
      return PULSE;
    case "consciousness":
      return ACVPU;
    case "temperature":
      return TEMP;
    case "news2Total":
      return TOTAL;
    default:
      return UNUSED;
  }
}

/** Shared empty arrays: most sets are complete, and an empty array per set is pure garbage. */
const NONE_MISSING: readonly ObservationItem[] = Object.freeze([]);
const NO_SUBSCORES: readonly number[] = Object.freeze([]);

const CONSCIOUSNESS: ReadonlySet<string> = new Set(["A", "C", "V", "P", "U"]);

/**
 * Assembles the vital-sign readings of one or more patients into observation sets, marks completeness and
 * scores each complete set with {@link news2Score} (ARCHITECTURE.md "Mapping FHIR to indicators";
 * INDICATORS.md §1.5: a total is computed only when all seven items are present — never from a partial
 * set, never with a missing item counted as 0).
 *
 * Readings are grouped by patient (patients in order of first appearance) and ordered by time; input
 * already in that order — as `ORDER BY patient_fhir_id, effective_at` returns it — is used as is. A set starts at a reading and takes
 * every later reading within `windowMinutes` of that first reading. Values carry over as recorded; the
 * SpO2 scale comes from the set's readings, else a documented decision in force, else Scale 1. A complete
 * set with an implausible value gets `scoreError` instead of a score.
 *
 * @example
 * const sets = assembleObservationSets([
 *   { fhirId: "o1", patientFhirId: "p", parameter: "respiratoryRate", value: 22, effectiveAt: "2024-01-01T10:00Z" },
 *   { fhirId: "o2", patientFhirId: "p", parameter: "spo2", value: 93, effectiveAt: "2024-01-01T10:02Z" },
 *   { fhirId: "o3", patientFhirId: "p", parameter: "onOxygen", value: 0, effectiveAt: "2024-01-01T10:02Z" },
 *   { fhirId: "o4", patientFhirId: "p", parameter: "systolicBP", value: 98, effectiveAt: "2024-01-01T10:03Z" },
 *   { fhirId: "o5", patientFhirId: "p", parameter: "pulse", value: 112, effectiveAt: "2024-01-01T10:03Z" },
 *   { fhirId: "o6", patientFhirId: "p", parameter: "consciousness", valueCode: "A", effectiveAt: "2024-01-01T10:04Z" },
 *   { fhirId: "o7", patientFhirId: "p", parameter: "temperature", value: 38.4, effectiveAt: "2024-01-01T10:05Z" },
 * ]);
 * // one complete set at 10:00 with news2Total 9, clinicalRisk "high"
 */
export function assembleObservationSets(
  readings: readonly VitalSignReading[],
  options: AssembleObservationSetsOptions = {},
): ObservationSet[] {
  const windowMs = (options.windowMinutes ?? 15) * MINUTE_MS;
  if (!(windowMs >= 0) || !Number.isFinite(windowMs)) {
    throw new SpcError("INVALID_OPTION", "windowMinutes must be a non-negative number", "windowMinutes");
  }
  const keepLatest =
    choiceOption(options.duplicateParameter, ["new-set", "keep-latest"], "duplicateParameter") ===
    "keep-latest";
  const decisionsByPatient = groupDecisions(options.spo2ScaleDecisions ?? []);
  const spells =
    options.spells === undefined
      ? null
      : "byId" in options.spells
        ? options.spells
        : indexSpells(options.spells);

  const n = readings.length;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = toEpochMs(readings[i]!.effectiveAt, "effectiveAt");
  const order = orderByPatientAndTime(readings, times);

  const out: ObservationSet[] = [];
  const builder = new SetBuilder();
  let patient: string | null = null;
  let decisions: readonly Spo2ScaleDecision[] = [];
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k]!;
    const reading = readings[i]!;
    const slot = slotOf(reading.parameter);
    if (slot === UNUSED) continue;
    const t = times[i]!;
    if (reading.patientFhirId !== patient) {
      if (builder.open) out.push(builder.close(decisions, spells));
      patient = reading.patientFhirId;
      decisions = decisionsByPatient.get(patient) ?? [];
    } else if (builder.open && (t - builder.startMs > windowMs || (!keepLatest && builder.has(slot)))) {
      out.push(builder.close(decisions, spells));
    }
    if (!builder.open) builder.start(patient, t);
    builder.add(slot, reading);
  }
  if (builder.open) out.push(builder.close(decisions, spells));
  return out;
}

/** Index order sorted by (patient, time, input position), or `null` when the input is already in that order. */
function orderByPatientAndTime(
  readings: readonly VitalSignReading[],
  times: Float64Array,
): Uint32Array | null {
  const n = readings.length;
  let sorted = true;
  const finished = new Set<string>();
  for (let i = 1; i < n && sorted; i++) {
    const previous = readings[i - 1]!.patientFhirId;
    const current = readings[i]!.patientFhirId;
    if (previous === current) {
      if (times[i]! < times[i - 1]!) sorted = false;
    } else {
      finished.add(previous);
      if (finished.has(current)) sorted = false;
    }
  }
  if (sorted) return null;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = readings[i]!.patientFhirId;
    let group = groups.get(key);
    if (group === undefined) {
      group = [];
      groups.set(key, group);
    }
    group.push(i);
  }
  const order = new Uint32Array(n);
  let k = 0;
  for (const group of groups.values()) {
    group.sort((a, b) => times[a]! - times[b]! || a - b);
    for (const i of group) order[k++] = i;
  }
  return order;
}

function groupDecisions(decisions: readonly Spo2ScaleDecision[]): Map<string, Spo2ScaleDecision[]> {
  const map = new Map<string, Spo2ScaleDecision[]>();
  for (const decision of decisions) {
    let list = map.get(decision.patientFhirId);
    if (list === undefined) {
      list = [];
      map.set(decision.patientFhirId, list);
    }
    list.push(decision);
  }
  return map;
}

/** The open set: one slot per item, reused across sets so assembly allocates only the sets it emits. */
class SetBuilder {
  open = false;
  patient = "";
  startMs = 0;
  private readonly present = new Uint8Array(8);
  private readonly numbers = new Float64Array(8);
  private consciousnessCode: Consciousness | null = null;
  private documentedScale: number | null = null;
  private encounterId: RecordId | null = null;
  private readingIds: string[] = [];

  start(patient: string, t: number): void {
    this.open = true;
    this.patient = patient;
    this.startMs = t;
    this.present.fill(0);
    this.consciousnessCode = null;
    this.documentedScale = null;
    this.encounterId = null;
    this.readingIds = [];
  }

  has(slot: number): boolean {
    return this.present[slot] === 1;
  }

  add(slot: number, reading: VitalSignReading): void {
    const ids = this.readingIds;
    if (ids[ids.length - 1] !== reading.fhirId) ids.push(reading.fhirId);
    if (this.encounterId === null && reading.encounterId !== null && reading.encounterId !== undefined) {
      this.encounterId = reading.encounterId;
    }
    const scale = reading.spo2Scale;
    if (scale !== null && scale !== undefined) this.documentedScale = scale;
    if (slot === ACVPU) {
      const code = reading.valueCode;
      // An unknown ACVPU code is kept out rather than guessed: the set is then incomplete, not mis-scored.
      if (code !== null && code !== undefined && CONSCIOUSNESS.has(code)) {
        this.consciousnessCode = code as Consciousness;
        this.present[slot] = 1;
      }
      return;
    }
    const value = reading.value;
    if (value === null || value === undefined) return;
    this.numbers[slot] = value;
    this.present[slot] = 1;
  }

  close(decisions: readonly Spo2ScaleDecision[], spells: SpellIndex | null): ObservationSet {
    this.open = false;
    const p = this.present;
    const v = this.numbers;
    const t = this.startMs;

    let spo2Scale: Spo2Scale = 1;
    let spo2ScaleSource: Spo2ScaleSource = "default";
    if (this.documentedScale === 1 || this.documentedScale === 2) {
      spo2Scale = this.documentedScale;
      spo2ScaleSource = "reading";
    } else if (decisions.length > 0) {
      const decision = decisionInForce(decisions, t);
      if (decision !== null && (decision.scale === 1 || isValidScale2Decision(decision))) {
        spo2Scale = decision.scale;
        spo2ScaleSource = "decision";
      }
    }

    let missing: readonly ObservationItem[] = NONE_MISSING;
    for (let slot = 0; slot < 7; slot++) {
      if (p[slot] !== 1) missing = missing === NONE_MISSING ? [ITEMS[slot]!] : [...missing, ITEMS[slot]!];
    }
    const complete = missing === NONE_MISSING;
    const onOxygen = p[O2] === 1 ? v[O2]! > 0 : null;

    let news2: News2Result | null = null;
    let scoreError: string | null = null;
    if (complete) {
      try {
        news2 = news2Score({
          respiratoryRate: v[RR]!,
          spo2: v[SPO2]!,
          spo2Scale,
          onOxygen: onOxygen === true,
          systolicBP: v[SBP]!,
          pulse: v[PULSE]!,
          consciousness: this.consciousnessCode!,
          temperature: v[TEMP]!,
        });
      } catch (error) {
        if (!(error instanceof SpcError)) throw error;
        scoreError = `${error.code}:${error.argument ?? ""}`;
      }
    }

    let encounterId = this.encounterId;
    let wardName: string | null = null;
    if (spells !== null) {
      const spell = spellAt(spells, this.patient, t, encounterId === null ? null : String(encounterId));
      if (spell !== null) {
        encounterId = spell.record.id;
        wardName = wardAt(spell, t);
      }
    }

    const s = news2?.subscores;
    return {
      id: `${this.patient}@${t}`,
      patientFhirId: this.patient,
      encounterId,
      wardName,
      effectiveAt: new Date(t),
      respiratoryRate: p[RR] === 1 ? v[RR]! : null,
      spo2: p[SPO2] === 1 ? v[SPO2]! : null,
      spo2Scale,
      spo2ScaleSource,
      onOxygen,
      systolicBP: p[SBP] === 1 ? v[SBP]! : null,
      pulse: p[PULSE] === 1 ? v[PULSE]! : null,
      consciousness: this.consciousnessCode,
      temperature: p[TEMP] === 1 ? v[TEMP]! : null,
      complete,
      missing,
      subscores:
        s === undefined
          ? NO_SUBSCORES
          : [s.respiratoryRate, s.spo2, s.airOrOxygen, s.systolicBP, s.pulse, s.consciousness, s.temperature],
      news2Total: news2?.total ?? null,
      clinicalRisk: news2?.clinicalRisk ?? null,
      redScore: news2?.redScore ?? null,
      news2,
      documentedTotal: p[TOTAL] === 1 ? v[TOTAL]! : null,
      scoreError,
      readingFhirIds: this.readingIds,
    };
  }
}
