import type {
  Condition,
  Device,
  DeviceUseStatement,
  Encounter,
  EncounterDiagnosis,
  Location,
  MedicationAdministration,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Resource,
  Task,
} from "@medplum/fhirtypes";
import {
  ADDITIONAL_SYSTEM,
  ADMISSION_PRIORITY,
  ANTIBIOTIC_SNOMED,
  CARE_EVENT_CODES,
  COMORBIDITY_CODES,
  CONDITION_CATEGORY,
  CONDITION_CLINICAL_STATUS,
  CONDITION_VERIFICATION_STATUS,
  DIAGNOSIS_ROLE,
  END_OF_LIFE_CARE_CODE,
  INPATIENT_CLASS_CODES,
  OXYGEN_DEVICE_SNOMED,
  PRESENT_ON_ADMISSION_EXTENSIONS,
  PRESSURE_ULCER_ICD10_BY_CATEGORY,
  PRESSURE_ULCER_SNOMED,
  ROUTE_SNOMED,
  SEPSIS_ICD10,
  SEPSIS_SNOMED,
  SYSTEM,
  UCUM_UNITS,
} from "../../terminology/default-codes.js";
import type { Arrival } from "./arrivals.js";
import type { WardCensus } from "./census.js";
import { type CoursePlan, planCourse, type PressureUlcerPlan, wardAt } from "./course.planner.js";
import {
  type AntibioticDose,
  type DeteriorationResponse,
  type Escalation,
  generateResponse,
  type Review,
  type Trigger,
} from "./deterioration.generator.js";
import { coding, concept, icd10, ref, snomed, ucum } from "./fhir.builders.js";
import type { Hospital } from "./hospital.generator.js";
import { stableUuid } from "./ids.js";
import {
  news2Observation,
  type ObservationContext,
  VITAL_ITEM_ORDER,
  vitalObservation,
} from "./observation.builders.js";
import { generatePatient, type PatientProfile } from "./patient.generator.js";
import type { Prng } from "./prng.js";
import { HOUR, isoDate, isoInstant } from "./time.js";
import {
  generateObservationSets,
  type ObservationSetRecord,
  type OxygenEpisode,
  oxygenEpisodes,
} from "./vitals.generator.js";

/**
 * One resource of an admission and the instants at which each of its versions becomes known (the first is its
 * creation: an Observation when it is entered, an Encounter when the patient arrives, then again at clerking, each
 * transfer and discharge). `render(asOf)` gives the version current at `asOf`. Batch output renders every
 * resource as of the end of the window; live mode renders what changed as simulated time passes.
 */
export interface ResourceEntry {
  readonly id: string;
  readonly resourceType: Resource["resourceType"];
  readonly versions: readonly number[];
  render(asOf: number): Resource;
}

export interface AdmissionRecord {
  readonly index: number;
  readonly patientId: string;
  readonly encounterId: string;
  readonly given: string;
  readonly family: string;
  readonly admittedAt: number;
  readonly endAt: number;
  /** The last instant at which anything about this admission changes (e.g. a death after discharge). */
  readonly lastChangeAt: number;
  /** In a stable order: by creation time, then by the order the generator made them. */
  readonly entries: readonly ResourceEntry[];
  readonly patient: PatientProfile;
  readonly plan: CoursePlan;
  readonly sets: readonly ObservationSetRecord[];
  readonly response: DeteriorationResponse;
}

const ANTIBIOTIC_DISPLAY: Readonly<Record<keyof typeof ANTIBIOTIC_SNOMED, string>> = {
  amoxicillin: "Amoxicillin",
  clarithromycin: "Clarithromycin",
  ceftriaxone: "Ceftriaxone",
  gentamicin: "Gentamicin",
};

const CARE_EVENT = {
  escalation: CARE_EVENT_CODES.escalation[0].code,
  clinicalReview: CARE_EVENT_CODES["clinical-review"][0].code,
  emergencyReview: CARE_EVENT_CODES["emergency-review"][0].code,
  scale2Decision: CARE_EVENT_CODES["scale2-decision"][0].code,
} as const;

/** A nurse of the ward the patient is on, rotating with the 12-hour shift so records vary without a random draw. */
function nurseOnShift(plan: CoursePlan, at: number): string {
  const nurses = wardAt(plan, at).ward.nurseIds;
  return nurses[Math.floor(at / (12 * HOUR)) % nurses.length] ?? plan.consultantId;
}

/** Generates one admission in full: patient, course, observations, responses, and its FHIR resources. */
export function buildAdmission(
  seed: string,
  arrival: Arrival,
  hospital: Hospital,
  census: WardCensus,
  interventionAt: number,
  root: Prng,
): AdmissionRecord {
  const prng = root.fork(`admission/${arrival.index}`);
  const patient = generatePatient(seed, arrival, prng.fork("patient"));
  const plan = planCourse(patient, arrival.at, hospital, census, prng.fork("course"));
  const sets = generateObservationSets(patient, plan, interventionAt, prng.fork("vitals"));
  const response = generateResponse(patient, plan, sets, hospital, interventionAt, prng.fork("response"));
  return assembleRecord(seed, arrival.index, hospital, patient, plan, sets, response);
}

function assembleRecord(
  seed: string,
  index: number,
  hospital: Hospital,
  patient: PatientProfile,
  plan: CoursePlan,
  sets: readonly ObservationSetRecord[],
  response: DeteriorationResponse,
): AdmissionRecord {
  const key = (suffix: string): string => stableUuid(seed, `admission/${index}/${suffix}`);
  const patientId = patient.patientId;
  const encounterId = key("encounter");
  const context: ObservationContext = { patientId, encounterId };
  const entries: { entry: ResourceEntry; order: number }[] = [];
  const add = (entry: ResourceEntry): void => {
    entries.push({ entry, order: entries.length });
  };
  const subject = ref<Patient>("Patient", patientId);
  const encounterRef = ref<Encounter>("Encounter", encounterId);
  const organizationRef = ref<Organization>("Organization", hospital.organizationId, hospital.name);
  const practitioner = (id: string): ReturnType<typeof ref<Practitioner>> =>
    ref<Practitioner>("Practitioner", id);

  // ── Patient: created on arrival, updated when they die (in hospital or after discharge).
  const deathAt = plan.diedInHospital ? plan.endAt : plan.diedAfterDischargeAt;
  add({
    id: patientId,
    resourceType: "Patient",
    versions: deathAt === undefined ? [plan.admittedAt] : [plan.admittedAt, deathAt],
    render: (asOf): Patient => ({
      resourceType: "Patient",
      id: patientId,
      identifier: [{ system: ADDITIONAL_SYSTEM.nhsNumber, value: patient.nhsNumber }],
      active: true,
      name: [{ use: "official", family: patient.family, given: [patient.given] }],
      gender: patient.sex,
      birthDate: isoDate(patient.birthDate),
      ...(deathAt !== undefined && asOf >= deathAt ? { deceasedDateTime: isoInstant(deathAt) } : {}),
      managingOrganization: organizationRef,
    }),
  });

  // ── Conditions recorded at clerking: the primary diagnosis and the comorbidities (Charlson, Quan 2005 ICD-10).
  const primaryId = key("condition/primary");
  const comorbidityIds = patient.comorbidities.map((group) => ({
    group,
    id: key(`condition/comorbidity/${group}`),
  }));
  const conditionBase = (id: string, verification: "confirmed" | "provisional"): Condition => ({
    resourceType: "Condition",
    id,
    clinicalStatus: concept([coding(ADDITIONAL_SYSTEM.conditionClinical, CONDITION_CLINICAL_STATUS.active)]),
    verificationStatus: concept([
      coding(SYSTEM.conditionVerification, CONDITION_VERIFICATION_STATUS[verification]),
    ]),
    category: [concept([coding(ADDITIONAL_SYSTEM.conditionCategory, CONDITION_CATEGORY.encounterDiagnosis)])],
    subject,
    encounter: encounterRef,
  });

  // ── Encounter: versions on arrival, at clerking, at each transfer and at discharge or death.
  const transferTimes = plan.stays.slice(1).map((stay) => stay.start);
  const encounterVersions = [
    ...new Set([plan.admittedAt, plan.clerkedAt, ...transferTimes, plan.endAt]),
  ].sort((a, b) => a - b);
  const consultant = practitioner(plan.consultantId);
  add({
    id: encounterId,
    resourceType: "Encounter",
    versions: encounterVersions,
    render: (asOf): Encounter => {
      const finished = asOf >= plan.endAt;
      const diagnosis: EncounterDiagnosis[] =
        asOf >= plan.clerkedAt
          ? [
              {
                condition: ref<Condition>("Condition", primaryId),
                use: concept([
                  coding(ADDITIONAL_SYSTEM.diagnosisRole, DIAGNOSIS_ROLE.admission, "Admission diagnosis"),
                ]),
                rank: 1,
              },
              ...comorbidityIds.map(({ id }, i) => ({
                condition: ref<Condition>("Condition", id),
                use: concept([
                  coding(
                    ADDITIONAL_SYSTEM.diagnosisRole,
                    DIAGNOSIS_ROLE.comorbidity,
                    "Comorbidity diagnosis",
                  ),
                ]),
                rank: i + 2,
              })),
            ]
          : [];
      const emergency = patient.admissionType === "emergency";
      return {
        resourceType: "Encounter",
        id: encounterId,
        identifier: [{ system: ADDITIONAL_SYSTEM.sandboxSpell, value: `S${String(index).padStart(7, "0")}` }],
        status: finished ? "finished" : "in-progress",
        class: coding(SYSTEM.actCode, INPATIENT_CLASS_CODES[0], "inpatient encounter"),
        priority: concept([
          emergency
            ? coding(SYSTEM.actPriority, ADMISSION_PRIORITY.emergency, "emergency")
            : coding(SYSTEM.actPriority, ADMISSION_PRIORITY.elective, "elective"),
        ]),
        subject,
        participant: [{ individual: consultant }],
        period: finished
          ? { start: isoInstant(plan.admittedAt), end: isoInstant(plan.endAt) }
          : { start: isoInstant(plan.admittedAt) },
        ...(diagnosis.length > 0 ? { diagnosis } : {}),
        hospitalization: {
          admitSource: concept([coding(SYSTEM.admitSource, patient.admitSource)]),
          ...(finished
            ? {
                dischargeDisposition: concept([
                  coding(SYSTEM.dischargeDisposition, plan.dischargeDisposition),
                ]),
              }
            : {}),
        },
        location: plan.stays
          .filter((stay) => stay.start <= asOf)
          .map((stay) => {
            const ended = stay.end <= asOf && (stay.end < plan.endAt || finished);
            return {
              location: ref<Location>("Location", stay.ward.id, stay.ward.name),
              status: ended ? ("completed" as const) : ("active" as const),
              period: ended
                ? { start: isoInstant(stay.start), end: isoInstant(stay.end) }
                : { start: isoInstant(stay.start) },
            };
          }),
        serviceProvider: organizationRef,
      };
    },
  });

  add({
    id: primaryId,
    resourceType: "Condition",
    versions: [plan.clerkedAt],
    render: (): Condition => ({
      ...conditionBase(primaryId, "confirmed"),
      code: concept(
        [
          snomed(patient.diagnosisCodes.snomed, patient.diagnosisCodes.display),
          icd10(patient.diagnosisCodes.icd10),
        ],
        patient.diagnosisCodes.display,
      ),
      onsetDateTime: isoInstant(plan.admittedAt),
      recordedDate: isoInstant(plan.clerkedAt),
      recorder: consultant,
    }),
  });
  for (const { group, id } of comorbidityIds) {
    const codes = COMORBIDITY_CODES[group];
    add({
      id,
      resourceType: "Condition",
      versions: [plan.clerkedAt],
      render: (): Condition => ({
        ...conditionBase(id, "confirmed"),
        code: concept([snomed(codes.snomed, codes.display), icd10(codes.icd10)], codes.display),
        recordedDate: isoInstant(plan.clerkedAt),
        recorder: consultant,
      }),
    });
  }

  // ── Timed events of the stay, created in time order below (stable sort keeps generation order on ties).
  const scale2At = plan.scale2DecisionAt;
  if (scale2At !== undefined) {
    const id = key("procedure/scale2-decision");
    add({
      id,
      resourceType: "Procedure",
      versions: [scale2At],
      render: (): Procedure => ({
        resourceType: "Procedure",
        id,
        status: "completed",
        code: concept([
          coding(SYSTEM.vigilCareEvent, CARE_EVENT.scale2Decision, "NEWS2 SpO2 Scale 2 decision"),
        ]),
        subject,
        encounter: encounterRef,
        performedDateTime: isoInstant(scale2At),
        performer: [{ actor: consultant }],
        location: ref<Location>("Location", wardAt(plan, scale2At).ward.id),
        note: [
          {
            text: "Confirmed hypercapnic respiratory failure: prescribed target SpO2 88–92%; score NEWS2 on SpO2 Scale 2.",
          },
        ],
      }),
    });
  }

  const setObservationIds = new Map<number, { readings: string[]; news2: string | undefined }>();
  for (const set of sets) {
    const readings: string[] = [];
    for (const item of VITAL_ITEM_ORDER) {
      if (set.missing.includes(item)) continue;
      const id = key(`set/${set.index}/${item}`);
      readings.push(id);
      add({
        id,
        resourceType: "Observation",
        versions: [set.issuedAt],
        render: (): Observation => vitalObservation(id, item, set, context),
      });
    }
    let news2: string | undefined;
    if (set.documented !== undefined) {
      const id = key(`set/${set.index}/news2`);
      news2 = id;
      const readingIds = [...readings];
      add({
        id,
        resourceType: "Observation",
        versions: [set.issuedAt],
        render: (): Observation => news2Observation(id, set, context, readingIds),
      });
    }
    setObservationIds.set(set.index, { readings, news2 });
  }
  for (const episode of oxygenEpisodes(sets, plan.endAt)) addOxygenDevice(episode);
  const triggerReason = (trigger: Trigger): string | undefined =>
    setObservationIds.get(trigger.set.index)?.news2;

  for (const escalation of response.escalations) addEscalation(escalation);
  for (const review of response.reviews) addReview(review);
  for (const sepsis of response.sepsis) {
    const conditionId = key(`condition/sepsis/${sepsis.index}`);
    add({
      id: conditionId,
      resourceType: "Condition",
      versions: [sepsis.recognisedAt],
      render: (): Condition => ({
        ...conditionBase(conditionId, "provisional"),
        code: concept([snomed(SEPSIS_SNOMED, "Sepsis"), icd10(SEPSIS_ICD10)], "Suspected sepsis"),
        onsetDateTime: isoInstant(sepsis.trigger.set.at),
        recordedDate: isoInstant(sepsis.recognisedAt),
      }),
    });
    sepsis.antibiotics.forEach((dose, i) => addDose(dose, `sepsis/${sepsis.index}/${i}`, conditionId));
  }
  response.admissionAntibiotics.forEach((dose, i) => addDose(dose, `admission/${i}`, primaryId));
  plan.pressureUlcers.forEach(addUlcer);

  const eolAt = plan.endOfLifeAt;
  if (eolAt !== undefined) {
    const id = key("procedure/end-of-life");
    add({
      id,
      resourceType: "Procedure",
      versions: [eolAt],
      render: (): Procedure => ({
        resourceType: "Procedure",
        id,
        status: "completed",
        code: concept([
          coding(
            SYSTEM.vigilCareEvent,
            END_OF_LIFE_CARE_CODE,
            "End of life care: routine observations stopped",
          ),
        ]),
        subject,
        encounter: encounterRef,
        performedDateTime: isoInstant(eolAt),
        performer: [{ actor: consultant }],
        location: ref<Location>("Location", wardAt(plan, eolAt).ward.id),
      }),
    });
  }

  /**
   * Oxygen therapy as the record of the device in use: a Device (nasal cannula up to 4 L/min, else a Venturi
   * mask) and a DeviceUseStatement whose period runs from the first set charted on oxygen until it was weaned,
   * "active" until then. A set charted without its air/oxygen item still shows the patient was on oxygen.
   */
  function addOxygenDevice(episode: OxygenEpisode): void {
    const deviceId = key(`device/oxygen/${episode.index}`);
    const statementId = key(`device-use/oxygen/${episode.index}`);
    const cannula = episode.maxFlow <= 4;
    add({
      id: deviceId,
      resourceType: "Device",
      versions: [episode.start],
      render: (): Device => ({
        resourceType: "Device",
        id: deviceId,
        status: "active",
        type: concept(
          [
            cannula
              ? snomed(OXYGEN_DEVICE_SNOMED.nasalCannula, "Oxygen nasal cannula")
              : snomed(OXYGEN_DEVICE_SNOMED.venturiMask, "Venturi mask"),
          ],
          cannula ? "Nasal cannula" : "Venturi mask",
        ),
        patient: subject,
      }),
    });
    add({
      id: statementId,
      resourceType: "DeviceUseStatement",
      versions: episode.end > episode.start ? [episode.start, episode.end] : [episode.start],
      render: (asOf): DeviceUseStatement => {
        const ended = asOf >= episode.end;
        return {
          resourceType: "DeviceUseStatement",
          id: statementId,
          status: ended ? "completed" : "active",
          subject,
          timingPeriod: ended
            ? { start: isoInstant(episode.start), end: isoInstant(episode.end) }
            : { start: isoInstant(episode.start) },
          recordedOn: isoInstant(ended ? episode.end : episode.start),
          device: ref<Device>("Device", deviceId),
        };
      },
    });
  }

  function addEscalation(escalation: Escalation): void {
    const id = key(`task/escalation/${escalation.index}`);
    const closedAt = escalation.reviewedAt ?? escalation.cancelledAt;
    const reason = triggerReason(escalation.trigger);
    const emergency = escalation.trigger.kind === "emergency";
    add({
      id,
      resourceType: "Task",
      versions: closedAt === undefined ? [escalation.at] : [escalation.at, closedAt],
      render: (asOf): Task => {
        const closed = closedAt !== undefined && asOf >= closedAt;
        const status = !closed
          ? "requested"
          : escalation.reviewedAt !== undefined
            ? "completed"
            : "cancelled";
        return {
          resourceType: "Task",
          id,
          status,
          intent: "order",
          priority: emergency ? "stat" : "urgent",
          code: concept([coding(SYSTEM.vigilCareEvent, CARE_EVENT.escalation, "Escalation to medical team")]),
          description: `NEWS2 ${escalation.trigger.set.seenTotal}: medical team informed`,
          for: subject,
          encounter: encounterRef,
          authoredOn: isoInstant(escalation.at),
          lastModified: isoInstant(closed && closedAt !== undefined ? closedAt : escalation.at),
          requester: practitioner(escalation.requesterId),
          owner: practitioner(escalation.ownerId),
          ...(reason === undefined ? {} : { reasonReference: ref<Observation>("Observation", reason) }),
          executionPeriod:
            closed && escalation.reviewedAt !== undefined
              ? { start: isoInstant(escalation.at), end: isoInstant(escalation.reviewedAt) }
              : { start: isoInstant(escalation.at) },
        };
      },
    });
  }

  function addReview(review: Review): void {
    const id = key(`procedure/${review.kind}/${review.index}`);
    const reason = triggerReason(review.trigger);
    const emergency = review.kind === "emergency-review";
    add({
      id,
      resourceType: "Procedure",
      versions: [review.at],
      render: (): Procedure => ({
        resourceType: "Procedure",
        id,
        status: "completed",
        code: concept([
          emergency
            ? coding(SYSTEM.vigilCareEvent, CARE_EVENT.emergencyReview, "Critical care outreach review")
            : coding(SYSTEM.vigilCareEvent, CARE_EVENT.clinicalReview, "Clinical review"),
        ]),
        subject,
        encounter: encounterRef,
        performedDateTime: isoInstant(review.at),
        performer: [{ actor: practitioner(review.performerId) }],
        location: ref<Location>("Location", wardAt(plan, review.at).ward.id),
        ...(reason === undefined ? {} : { reasonReference: [ref<Observation>("Observation", reason)] }),
      }),
    });
  }

  function addDose(dose: AntibioticDose, suffix: string, conditionId: string): void {
    const id = key(`medication-administration/${suffix}`);
    const nurse = nurseOnShift(plan, dose.at);
    add({
      id,
      resourceType: "MedicationAdministration",
      versions: [dose.at],
      render: (): MedicationAdministration => ({
        resourceType: "MedicationAdministration",
        id,
        status: "completed",
        medicationCodeableConcept: concept(
          [snomed(ANTIBIOTIC_SNOMED[dose.drug], ANTIBIOTIC_DISPLAY[dose.drug])],
          ANTIBIOTIC_DISPLAY[dose.drug],
        ),
        subject,
        context: encounterRef,
        effectiveDateTime: isoInstant(dose.at),
        performer: [{ actor: practitioner(nurse) }],
        reasonReference: [ref<Condition>("Condition", conditionId)],
        dosage: {
          route: concept([
            dose.route === "intravenous"
              ? snomed(ROUTE_SNOMED.intravenous, "Intravenous route")
              : snomed(ROUTE_SNOMED.oral, "Oral route"),
          ]),
          dose: ucum(
            dose.dose.value,
            dose.dose.unit === "g" ? UCUM_UNITS.gram : UCUM_UNITS.milligram,
            dose.dose.unit,
          ),
        },
      }),
    });
  }

  function addUlcer(ulcer: PressureUlcerPlan, i: number): void {
    const id = key(`condition/pressure-ulcer/${i}`);
    const recorder = practitioner(nurseOnShift(plan, ulcer.foundAt));
    add({
      id,
      resourceType: "Condition",
      versions: [ulcer.foundAt],
      render: (): Condition => ({
        ...conditionBase(id, "confirmed"),
        extension: [{ url: PRESENT_ON_ADMISSION_EXTENSIONS[0], valueBoolean: ulcer.presentOnAdmission }],
        code: concept(
          [
            snomed(PRESSURE_ULCER_SNOMED[0], "Pressure ulcer"),
            icd10(PRESSURE_ULCER_ICD10_BY_CATEGORY[ulcer.category]),
          ],
          `Pressure ulcer category ${ulcer.category}`,
        ),
        bodySite: [{ text: ulcer.site }],
        stage: [{ summary: { text: `Category ${ulcer.category}` } }],
        onsetDateTime: isoInstant(ulcer.onset),
        recordedDate: isoInstant(ulcer.foundAt),
        recorder,
      }),
    });
  }

  entries.sort((a, b) => (a.entry.versions[0] ?? 0) - (b.entry.versions[0] ?? 0) || a.order - b.order);
  const lastChangeAt = entries.reduce(
    (latest, { entry }) => Math.max(latest, entry.versions[entry.versions.length - 1] ?? 0),
    plan.endAt,
  );
  return {
    index,
    patientId,
    encounterId,
    given: patient.given,
    family: patient.family,
    admittedAt: plan.admittedAt,
    endAt: plan.endAt,
    lastChangeAt,
    entries: entries.map(({ entry }) => entry),
    patient,
    plan,
    sets,
    response,
  };
}
