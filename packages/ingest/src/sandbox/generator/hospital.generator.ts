import type { Location, Organization, Practitioner, Resource } from "@medplum/fhirtypes";
import {
  ADDITIONAL_SYSTEM,
  CRITICAL_CARE_LOCATION_TYPE,
  SYSTEM,
  WARD_PHYSICAL_TYPE,
} from "../../terminology/default-codes.js";
import type { WardKind } from "./case-mix.js";
import { coding, concept, ref } from "./fhir.builders.js";
import { stableUuid } from "./ids.js";
import { FAMILY_NAMES, GIVEN_NAMES } from "./names.js";
import type { Prng } from "./prng.js";

/** How the ward documents the NEWS2 total: computed by the e-observations system, or added up by hand. */
export type News2Entry = "calculated" | "hand-entered";

export interface Ward {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: WardKind;
  readonly beds: number;
  /** The ward's policy for NEWS2 1–4: the RCP allows 4- to 6-hourly. */
  readonly lowScoreIntervalHours: 4 | 6;
  readonly news2Entry: News2Entry;
  /** Above 1: more late, missed and incomplete observation sets than average (staffing, culture). */
  readonly chartingFactor: number;
  readonly nurseIds: readonly string[];
  readonly doctorIds: readonly string[];
  readonly consultantIds: readonly string[];
}

export type StaffRole = "nurse" | "outreach-nurse" | "consultant" | "registrar" | "foundation-doctor";

export interface StaffMember {
  readonly id: string;
  readonly role: StaffRole;
  readonly given: string;
  readonly family: string;
  readonly gender: "female" | "male";
  readonly registration: string;
}

export interface Hospital {
  readonly organizationId: string;
  readonly name: string;
  readonly wards: readonly Ward[];
  readonly staff: readonly StaffMember[];
  readonly staffById: ReadonlyMap<string, StaffMember>;
  readonly wardsById: ReadonlyMap<string, Ward>;
  readonly outreachNurseIds: readonly string[];
  readonly registrarIds: readonly string[];
  readonly totalBeds: number;
}

interface WardTemplate {
  readonly kind: WardKind;
  readonly name: string;
  readonly code: string;
  /** Share of the hospital's beds. */
  readonly share: number;
  readonly news2Entry: News2Entry;
}

/**
 * An adult acute hospital's inpatient wards. The two wards that still transcribe NEWS2 totals by hand give
 * indicator D2 its data; critical care does not use NEWS2 (observations there are continuous).
 */
const WARD_TEMPLATES: readonly WardTemplate[] = [
  {
    kind: "acute-medical-unit",
    name: "Acute Medical Unit",
    code: "AMU",
    share: 0.18,
    news2Entry: "calculated",
  },
  { kind: "respiratory", name: "Respiratory Ward", code: "RESP", share: 0.14, news2Entry: "calculated" },
  { kind: "cardiology", name: "Cardiology Ward", code: "CARD", share: 0.12, news2Entry: "calculated" },
  { kind: "elderly-care", name: "Elderly Care Ward", code: "COE", share: 0.24, news2Entry: "calculated" },
  {
    kind: "general-medicine",
    name: "General Medicine Ward",
    code: "GM",
    share: 0.14,
    news2Entry: "hand-entered",
  },
  { kind: "surgical", name: "Surgical Ward", code: "SURG", share: 0.12, news2Entry: "hand-entered" },
  { kind: "critical-care", name: "Critical Care Unit", code: "CCU", share: 0.06, news2Entry: "calculated" },
];

const TARGET_WARD_BEDS = 26;

function nmcPin(prng: Prng): string {
  const letters = "ABCDEFGHJKLMNPRSTUVWXY";
  const letter = (): string => letters.charAt(prng.int(0, letters.length - 1));
  return `${String(prng.int(0, 99)).padStart(2, "0")}${letter()}${String(prng.int(0, 9999)).padStart(4, "0")}${letter()}`;
}

function gmcNumber(prng: Prng): string {
  return String(prng.int(2_000_000, 7_999_999));
}

export function buildHospital(seed: string, beds: number, prng: Prng): Hospital {
  const staff: StaffMember[] = [];
  const hire = (role: StaffRole): string => {
    const gender = prng.chance(role === "nurse" || role === "outreach-nurse" ? 0.85 : 0.5)
      ? "female"
      : "male";
    const id = stableUuid(seed, `practitioner/${staff.length}`);
    staff.push({
      id,
      role,
      gender,
      given: prng.pick(GIVEN_NAMES[gender]),
      family: prng.pick(FAMILY_NAMES),
      registration: role === "nurse" || role === "outreach-nurse" ? nmcPin(prng) : gmcNumber(prng),
    });
    return id;
  };

  const wards: Ward[] = [];
  for (const template of WARD_TEMPLATES) {
    const templateBeds = Math.max(1, Math.round(template.share * beds));
    const count = Math.max(1, Math.round(templateBeds / TARGET_WARD_BEDS));
    for (let i = 0; i < count; i += 1) {
      const wardBeds = Math.max(1, Math.round(templateBeds / count));
      const suffix = count > 1 ? ` ${String.fromCharCode(65 + i)}` : "";
      const code = count > 1 ? `${template.code}-${String.fromCharCode(65 + i)}` : template.code;
      const nurseIds = Array.from({ length: 3 + Math.ceil(wardBeds / 3) }, () => hire("nurse"));
      const consultantIds = Array.from({ length: wardBeds > 16 ? 2 : 1 }, () => hire("consultant"));
      const doctorIds = Array.from({ length: Math.max(1, Math.round(wardBeds / 14)) }, () =>
        hire("foundation-doctor"),
      );
      wards.push({
        id: stableUuid(seed, `location/${code}`),
        code,
        name: `${template.name}${suffix}`,
        kind: template.kind,
        beds: wardBeds,
        lowScoreIntervalHours: template.kind === "acute-medical-unit" || prng.chance(0.5) ? 4 : 6,
        news2Entry: template.news2Entry,
        chartingFactor: Math.round(prng.uniform(0.7, 1.45) * 100) / 100,
        nurseIds,
        doctorIds,
        consultantIds,
      });
    }
  }
  const registrarIds = Array.from({ length: Math.max(2, Math.ceil(wards.length / 2)) }, () =>
    hire("registrar"),
  );
  const outreachNurseIds = Array.from({ length: 3 + Math.floor(beds / 100) }, () => hire("outreach-nurse"));
  return {
    organizationId: stableUuid(seed, "organization"),
    name: "Vigil Sandbox General Hospital",
    wards,
    staff,
    staffById: new Map(staff.map((member) => [member.id, member])),
    wardsById: new Map(wards.map((ward) => [ward.id, ward])),
    outreachNurseIds,
    registrarIds,
    totalBeds: wards.reduce((sum, ward) => sum + ward.beds, 0),
  };
}

export function staffMember(hospital: Hospital, id: string): StaffMember {
  const member = hospital.staffById.get(id);
  if (member === undefined) throw new RangeError(`unknown practitioner ${id}`);
  return member;
}

export function wardById(hospital: Hospital, id: string): Ward {
  const ward = hospital.wardsById.get(id);
  if (ward === undefined) throw new RangeError(`unknown ward ${id}`);
  return ward;
}

export function organizationResource(hospital: Hospital): Organization {
  return {
    resourceType: "Organization",
    id: hospital.organizationId,
    identifier: [{ system: ADDITIONAL_SYSTEM.odsOrganisationCode, value: "XVG" }],
    active: true,
    name: hospital.name,
  };
}

export function wardResource(hospital: Hospital, ward: Ward): Location {
  return {
    resourceType: "Location",
    id: ward.id,
    identifier: [{ system: ADDITIONAL_SYSTEM.sandboxWard, value: ward.code }],
    status: "active",
    name: ward.name,
    description: `${ward.beds} beds`,
    mode: "instance",
    // Critical care says what it is (v3 RoleCode ICU), so NEWS2 indicators can leave it out.
    ...(ward.kind === "critical-care"
      ? { type: [concept([coding(SYSTEM.roleCode, CRITICAL_CARE_LOCATION_TYPE, "Intensive care unit")])] }
      : {}),
    physicalType: concept([coding(ADDITIONAL_SYSTEM.locationPhysicalType, WARD_PHYSICAL_TYPE, "Ward")]),
    managingOrganization: ref<Organization>("Organization", hospital.organizationId, hospital.name),
  };
}

const ROLE_PREFIX: Readonly<Record<StaffRole, string | undefined>> = {
  nurse: undefined,
  "outreach-nurse": undefined,
  consultant: "Dr",
  registrar: "Dr",
  "foundation-doctor": "Dr",
};

export function practitionerResource(member: StaffMember): Practitioner {
  const nurse = member.role === "nurse" || member.role === "outreach-nurse";
  const prefix = ROLE_PREFIX[member.role];
  return {
    resourceType: "Practitioner",
    id: member.id,
    identifier: [
      {
        system: nurse ? ADDITIONAL_SYSTEM.nmcNumber : ADDITIONAL_SYSTEM.gmcNumber,
        value: member.registration,
      },
    ],
    active: true,
    name: [
      prefix === undefined
        ? { family: member.family, given: [member.given] }
        : { family: member.family, given: [member.given], prefix: [prefix] },
    ],
    gender: member.gender,
  };
}

/** Organization, wards and staff, in that order. */
export function hospitalResources(hospital: Hospital): Resource[] {
  return [
    organizationResource(hospital),
    ...hospital.wards.map((ward) => wardResource(hospital, ward)),
    ...hospital.staff.map(practitionerResource),
  ];
}
