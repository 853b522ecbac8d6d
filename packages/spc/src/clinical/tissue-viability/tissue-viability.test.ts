import { describe, expect, it } from "vitest";
import type { SpellRecord } from "../spells/spell.type.js";
import { daysBetweenEvents } from "./days-between-events.js";
import { occupiedBedDays } from "./occupied-bed-days.js";
import { hospitalAcquiredUlcers, type PressureUlcerRecord, pressureUlcerRate } from "./pressure-ulcers.js";

// INDICATORS.md §6: hospital-acquired pressure ulcers (category 2+, unstageable, suspected deep tissue injury;
// not present on admission) per 1,000 occupied bed days; days between events for g and t charts.

const utc = { timeZone: "UTC" } as const;

describe("occupiedBedDays", () => {
  it("splits a stay at the month boundary (elapsed time)", () => {
    const beds = occupiedBedDays(
      [
        {
          id: 1,
          patientFhirId: "p",
          periodStart: "2024-01-31T20:00:00Z",
          periodEnd: "2024-02-01T08:00:00Z",
          wardName: "W",
        },
      ],
      utc,
    );
    expect(beds.overall.map((p) => [p.period, p.bedDays])).toEqual([
      ["2024-01-01", 4 / 24],
      ["2024-02-01", 8 / 24],
    ]);
  });

  it("splits at local midnight: in summer the UK month ends at 23:00 UTC", () => {
    const beds = occupiedBedDays(
      [
        {
          id: 1,
          patientFhirId: "p",
          periodStart: "2024-06-30T22:00:00Z",
          periodEnd: "2024-07-01T02:00:00Z",
          wardName: "W",
        },
      ],
      { granularity: "day" },
    );
    expect(beds.overall.map((p) => [p.period, p.bedDays])).toEqual([
      ["2024-06-30", 1 / 24],
      ["2024-07-01", 3 / 24],
    ]);
  });

  it("counts a stay spanning months in each month, including a leap February", () => {
    const beds = occupiedBedDays(
      [
        {
          id: 1,
          patientFhirId: "p",
          periodStart: "2024-01-10T12:00:00Z",
          periodEnd: "2024-03-05T12:00:00Z",
          wardName: "W",
        },
      ],
      utc,
    );
    expect(beds.overall.map((p) => [p.period, p.bedDays])).toEqual([
      ["2024-01-01", 21.5],
      ["2024-02-01", 29],
      ["2024-03-01", 4.5],
    ]);
  });

  it("splits a transferred patient's bed days between wards, gaps going to the ward left", () => {
    const spell: SpellRecord = {
      id: 7,
      patientFhirId: "p",
      periodStart: "2024-01-01T08:00:00Z",
      periodEnd: "2024-01-02T08:00:00Z",
      wardStays: [
        { wardName: "AMU", start: "2024-01-01T08:00:00Z", end: "2024-01-01T12:00:00Z" },
        { wardName: "Ward 7", start: "2024-01-01T14:00:00Z", end: null },
      ],
    };
    const beds = occupiedBedDays([spell], utc);
    expect(beds.byWard.map((p) => [p.wardName, p.bedDays])).toEqual([
      ["AMU", 6 / 24],
      ["Ward 7", 18 / 24],
    ]);
    expect(beds.overall[0]!.bedDays).toBe(1);
  });

  it("counts a 23-hour clock-change day as 23/24 of a bed day", () => {
    const beds = occupiedBedDays(
      [
        {
          id: 1,
          patientFhirId: "p",
          periodStart: "2024-03-31T00:00:00Z",
          periodEnd: "2024-03-31T23:00:00Z",
          wardName: "W",
        },
      ],
      { granularity: "day" },
    );
    expect(beds.overall).toMatchObject([{ period: "2024-03-31", bedDays: 23 / 24 }]);
  });

  it("counts occupied midnights with the midnight census, credited to the day that ends", () => {
    const spells: SpellRecord[] = [
      {
        id: 1,
        patientFhirId: "p",
        periodStart: "2024-01-31T20:00:00Z",
        periodEnd: "2024-02-02T10:00:00Z",
        wardName: "W",
      },
      {
        id: 2,
        patientFhirId: "q",
        periodStart: "2024-02-05T09:00:00Z",
        periodEnd: "2024-02-05T17:00:00Z",
        wardName: "W",
      },
    ];
    const beds = occupiedBedDays(spells, { ...utc, method: "midnight-census" });
    expect(beds.overall.map((p) => [p.period, p.bedDays, p.spellIds])).toEqual([
      ["2024-01-01", 1, ["1"]],
      ["2024-02-01", 1, ["1"]],
    ]);
  });

  it("counts open spells only up to asOf", () => {
    const open: SpellRecord[] = [
      { id: 1, patientFhirId: "p", periodStart: "2024-01-01T00:00:00Z", periodEnd: null, wardName: "W" },
    ];
    expect(occupiedBedDays(open, utc).overall).toEqual([]);
    expect(occupiedBedDays(open, { ...utc, asOf: "2024-01-03T12:00:00Z" }).overall[0]!.bedDays).toBe(2.5);
  });
});

describe("hospitalAcquiredUlcers", () => {
  const spells: SpellRecord[] = [
    {
      id: 1,
      patientFhirId: "p",
      periodStart: "2024-01-01T00:00:00Z",
      periodEnd: "2024-01-20T00:00:00Z",
      wardStays: [
        { wardName: "AMU", start: "2024-01-01T00:00:00Z", end: "2024-01-05T00:00:00Z" },
        { wardName: "Ward 7", start: "2024-01-05T00:00:00Z", end: null },
      ],
    },
  ];
  const ulcer = (
    id: string,
    onsetAt: string,
    extra: Partial<PressureUlcerRecord> = {},
  ): PressureUlcerRecord => ({
    id,
    patientFhirId: "p",
    onsetAt,
    pressureUlcerCategory: 2,
    ...extra,
  });

  it("counts category 2–4, unstageable and suspected deep tissue injury, not category 1 or uncategorised", () => {
    const found = hospitalAcquiredUlcers(spells, [
      ulcer("c1", "2024-01-10T00:00:00Z", { pressureUlcerCategory: 1 }),
      ulcer("c2", "2024-01-10T00:00:00Z", { pressureUlcerCategory: 2 }),
      ulcer("c4", "2024-01-10T00:00:00Z", { pressureUlcerCategory: 4 }),
      ulcer("u", "2024-01-10T00:00:00Z", { pressureUlcerCategory: 5 }),
      ulcer("sdti", "2024-01-10T00:00:00Z", { pressureUlcerCategory: 6 }),
      ulcer("none", "2024-01-10T00:00:00Z", { pressureUlcerCategory: null }),
    ]);
    expect(found.map((u) => u.id)).toEqual(["c2", "c4", "u", "sdti"]);
    expect(
      hospitalAcquiredUlcers(
        spells,
        [ulcer("none", "2024-01-10T00:00:00Z", { pressureUlcerCategory: null })],
        {
          includeUncategorised: true,
        },
      ),
    ).toHaveLength(1);
  });

  it("uses the present-on-admission flag, else the configurable window after admission", () => {
    const ulcers = [
      ulcer("poa", "2024-01-10T00:00:00Z", { presentOnAdmission: true }),
      ulcer("early-flagged-new", "2024-01-01T12:00:00Z", { presentOnAdmission: false }),
      ulcer("early-unflagged", "2024-01-03T23:00:00Z"),
      ulcer("late-unflagged", "2024-01-04T01:00:00Z"),
    ];
    expect(hospitalAcquiredUlcers(spells, ulcers).map((u) => u.id)).toEqual([
      "early-flagged-new",
      "late-unflagged",
    ]);
    expect(hospitalAcquiredUlcers(spells, ulcers, { presentOnAdmissionHours: 48 }).map((u) => u.id)).toEqual([
      "early-flagged-new",
      "early-unflagged",
      "late-unflagged",
    ]);
  });

  it("puts an ulcer on the ward where it was found, and ignores ulcers outside a spell", () => {
    const found = hospitalAcquiredUlcers(spells, [
      ulcer("amu", "2024-01-04T12:00:00Z"),
      ulcer("ward7", "2024-01-05T00:00:00Z"),
      ulcer("community", "2024-02-01T00:00:00Z"),
    ]);
    expect(found.map((u) => [u.id, u.wardName])).toEqual([
      ["amu", "AMU"],
      ["ward7", "Ward 7"],
    ]);
  });
});

describe("pressureUlcerRate", () => {
  const spells: SpellRecord[] = [
    {
      id: 1,
      patientFhirId: "p",
      periodStart: "2024-01-01T00:00:00Z",
      periodEnd: "2024-01-21T00:00:00Z",
      wardName: "W",
    },
    {
      id: 2,
      patientFhirId: "q",
      periodStart: "2024-01-01T00:00:00Z",
      periodEnd: "2024-01-21T00:00:00Z",
      wardName: "W",
    },
    { id: 3, patientFhirId: "r", periodStart: "2024-01-25T00:00:00Z", periodEnd: null, wardName: "W" },
  ];
  const ulcers: PressureUlcerRecord[] = [
    { id: "u1", patientFhirId: "p", onsetAt: "2024-01-15T00:00:00Z", pressureUlcerCategory: 3 },
  ];

  it("divides new ulcers by occupied bed days, per 1,000", () => {
    const series = pressureUlcerRate(spells, ulcers, { ...utc, asOf: "2024-02-01T00:00:00Z" });
    // Bed days: 20 + 20 + 7 (25 Jan to 1 Feb) = 47.
    expect(series.overall).toMatchObject([
      { period: "2024-01-01", ulcers: 1, bedDays: 47, ulcerIds: ["u1"] },
    ]);
    expect(series.overall[0]!.ratePer1000).toBeCloseTo((1 / 47) * 1000, 12);
    expect(series).toMatchObject({ chart: "u", multiplier: 1000 });
  });

  it("refuses to drop ulcers found where no bed days were counted", () => {
    const late: PressureUlcerRecord[] = [
      { id: "u9", patientFhirId: "r", onsetAt: "2024-02-10T00:00:00Z", pressureUlcerCategory: 2 },
    ];
    expect(() => pressureUlcerRate(spells, late, utc)).toThrow(
      expect.objectContaining({ code: "ULCERS_WITHOUT_BED_DAYS" }),
    );
  });
});

describe("daysBetweenEvents", () => {
  it("measures elapsed and calendar days between successive events", () => {
    const gaps = daysBetweenEvents(
      [
        { id: "u2", at: "2024-01-17T22:00:00Z" },
        { id: "u1", at: "2024-01-03T10:00:00Z" },
      ],
      utc,
    );
    expect(gaps).toMatchObject([
      { fromEventId: "u1", toEventId: "u2", days: 14.5, calendarDays: 14, zeroReplaced: false },
    ]);
  });

  it("replaces a zero gap for the t-chart transform but keeps 0 calendar days for the g-chart", () => {
    const gaps = daysBetweenEvents(
      [
        { id: "a", at: "2024-01-03T10:00:00Z" },
        { id: "b", at: "2024-01-03T10:00:00Z" },
      ],
      utc,
    );
    expect(gaps[0]).toMatchObject({ days: 1 / 24, calendarDays: 0, zeroReplaced: true });
  });

  it("adds the open gap since the last event at asOf", () => {
    const gaps = daysBetweenEvents([{ id: "a", at: "2024-01-03T00:00:00Z" }], {
      ...utc,
      asOf: "2024-01-13T00:00:00Z",
    });
    expect(gaps).toMatchObject([{ fromEventId: "a", toEventId: null, days: 10, calendarDays: 10 }]);
  });

  it("measures gaps in occupied bed days, prorating partial days", () => {
    const spells: SpellRecord[] = [
      {
        id: 1,
        patientFhirId: "p",
        periodStart: "2024-01-01T00:00:00Z",
        periodEnd: "2024-01-11T00:00:00Z",
        wardName: "W",
      },
      {
        id: 2,
        patientFhirId: "q",
        periodStart: "2024-01-01T00:00:00Z",
        periodEnd: "2024-01-11T00:00:00Z",
        wardName: "W",
      },
    ];
    const bedDays = occupiedBedDays(spells, { ...utc, granularity: "day" });
    const gaps = daysBetweenEvents(
      [
        { id: "a", at: "2024-01-02T12:00:00Z" },
        { id: "b", at: "2024-01-05T00:00:00Z" },
      ],
      { ...utc, bedDays, wardName: "W" },
    );
    // 2.5 days with two patients in beds: 5 bed days.
    expect(gaps[0]!.bedDays).toBeCloseTo(5, 12);
    expect(() => daysBetweenEvents([], { bedDays: occupiedBedDays(spells, utc) })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });
});

describe("tissue-viability options are checked, naming the option", () => {
  it.each([
    ["a NaN present-on-admission window", { presentOnAdmissionHours: NaN }, "presentOnAdmissionHours"],
    ["a negative present-on-admission window", { presentOnAdmissionHours: -24 }, "presentOnAdmissionHours"],
    // "true" as text must not silently mean false.
    [
      "a text includeUncategorised",
      { includeUncategorised: "true" as unknown as boolean },
      "includeUncategorised",
    ],
  ])("refuses %s", (_, options, argument) => {
    expect(() => hospitalAcquiredUlcers([], [], options)).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", argument }),
    );
  });
});
