import { describe, expect, it } from "vitest";
import { SpcError } from "../../core/spc-error.js";
import { indexSpells, normaliseSpell, spellAt, wardAt } from "./spell-index.js";
import { UNKNOWN_WARD } from "./spell.type.js";

// The ward attribution rule of the package README ("Ward", wardAt): half-open ward stays, so an event at a transfer
// belongs to the receiving ward; in a gap, the ward last left; without stays, the encounter's ward.

const t = (iso: string) => Date.parse(iso);

const transferred = normaliseSpell({
  id: 7,
  patientFhirId: "p1",
  periodStart: "2024-03-01T08:00:00Z",
  periodEnd: "2024-03-05T12:00:00Z",
  wardName: "Ward B",
  wardStays: [
    { wardName: "Ward B", start: "2024-03-02T14:00:00Z", end: null },
    { wardName: "AMU", start: "2024-03-01T08:00:00Z", end: "2024-03-02T14:00:00Z" },
  ],
});

describe("wardAt (ward attribution rule)", () => {
  it("puts an event on the ward whose stay contains it", () => {
    expect(wardAt(transferred, t("2024-03-01T23:59:00Z"))).toBe("AMU");
    expect(wardAt(transferred, t("2024-03-03T10:00:00Z"))).toBe("Ward B");
  });

  it("puts an event at the instant of transfer on the receiving ward", () => {
    expect(wardAt(transferred, t("2024-03-02T14:00:00Z"))).toBe("Ward B");
    expect(wardAt(transferred, t("2024-03-02T13:59:59Z"))).toBe("AMU");
  });

  it("keeps an event in a gap between stays with the ward the patient last left", () => {
    const gap = normaliseSpell({
      id: "g",
      patientFhirId: "p",
      periodStart: "2024-01-01T00:00:00Z",
      periodEnd: "2024-01-03T00:00:00Z",
      wardStays: [
        { wardName: "A", start: "2024-01-01T00:00:00Z", end: "2024-01-01T12:00:00Z" },
        { wardName: "B", start: "2024-01-02T00:00:00Z", end: "2024-01-03T00:00:00Z" },
      ],
    });
    expect(wardAt(gap, t("2024-01-01T18:00:00Z"))).toBe("A");
  });

  it("falls back to the spell's ward, then to the unknown ward, when no stays are recorded", () => {
    const spell = { id: 1, patientFhirId: "p", periodStart: "2024-01-01T00:00:00Z" };
    expect(wardAt(normaliseSpell({ ...spell, wardName: "Ward 9" }), t("2024-01-01T01:00:00Z"))).toBe(
      "Ward 9",
    );
    expect(wardAt(normaliseSpell(spell), t("2024-01-01T01:00:00Z"))).toBe(UNKNOWN_WARD);
  });

  it("runs an open last stay to discharge and names it the discharge ward", () => {
    expect(transferred.wards[1]).toMatchObject({ wardName: "Ward B", endMs: t("2024-03-05T12:00:00Z") });
    expect(transferred.dischargeWard).toBe("Ward B");
  });
});

describe("indexSpells and spellAt", () => {
  const index = indexSpells([
    { id: 1, patientFhirId: "p1", periodStart: "2024-01-01T00:00:00Z", periodEnd: "2024-01-02T00:00:00Z" },
    { id: 2, patientFhirId: "p1", periodStart: "2024-02-01T00:00:00Z", periodEnd: null },
  ]);

  it("finds the spell containing an instant, including its discharge instant", () => {
    expect(spellAt(index, "p1", t("2024-01-02T00:00:00Z"))?.id).toBe("1");
    expect(spellAt(index, "p1", t("2024-03-01T00:00:00Z"))?.id).toBe("2");
    expect(spellAt(index, "p1", t("2024-01-15T00:00:00Z"))).toBeNull();
    expect(spellAt(index, "p2", t("2024-01-01T12:00:00Z"))).toBeNull();
  });

  it("prefers an explicit encounter id of the same patient", () => {
    expect(spellAt(index, "p1", t("2024-01-15T00:00:00Z"), "2")?.id).toBe("2");
    expect(spellAt(index, "p2", t("2024-01-15T00:00:00Z"), "2")).toBeNull();
  });

  it("rejects duplicate spell ids and spells without admission", () => {
    expect(() =>
      indexSpells([
        { id: 1, patientFhirId: "a", periodStart: 0 },
        { id: "1", patientFhirId: "a", periodStart: 0 },
      ]),
    ).toThrow(SpcError);
    expect(() => normaliseSpell({ id: 1, patientFhirId: "a", periodStart: null })).toThrow(SpcError);
    expect(() => normaliseSpell({ id: 1, patientFhirId: "a", periodStart: 10, periodEnd: 5 })).toThrow(
      SpcError,
    );
  });
});
