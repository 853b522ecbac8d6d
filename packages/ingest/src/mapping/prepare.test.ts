import { describe, expect, it } from "vitest";
import { compileCodes } from "../terminology/code-config.js";
import { isNewer, nestsDeeperThan, prepareBatch, sha256 } from "./prepare.js";

const codes = compileCodes();

describe("prepareBatch", () => {
  it("quarantines what cannot be mapped, with its reason and raw JSON, and keeps the rest", () => {
    const batch = prepareBatch(
      [
        { resource: { resourceType: "Patient", id: "p1" } },
        { resource: { resourceType: "Encounter", id: "e1", status: "finished" } },
        { resource: { id: "x" } },
        { resource: { resourceType: "Patient", id: "bad id!" } },
      ],
      { codes },
      { unparsed: [{ text: "{oops", code: "invalid-json", reason: "line 3" }] },
    );
    expect(batch.resources.map((r) => r.fhirId)).toEqual(["p1"]);
    expect(batch.quarantined.map((q) => [q.code, q.resourceType, q.fhirId])).toEqual([
      ["invalid-json", null, null],
      ["missing-subject", "Encounter", "e1"],
      ["missing-resource-type", null, null],
      ["invalid-id", "Patient", "bad id!"],
    ]);
    expect(batch.quarantined[1]!.raw).toBe('{"resourceType":"Encounter","id":"e1","status":"finished"}');
  });

  it("keeps the newer of two copies of a resource in one batch, whatever their order", () => {
    const v1 = {
      resourceType: "Patient",
      id: "p1",
      gender: "male",
      meta: { lastUpdated: "2025-01-01T00:00:00Z" },
    };
    const v2 = {
      resourceType: "Patient",
      id: "p1",
      gender: "female",
      meta: { lastUpdated: "2025-01-02T00:00:00Z" },
    };
    for (const order of [
      [v1, v2],
      [v2, v1],
    ]) {
      const batch = prepareBatch(
        order.map((resource) => ({ resource })),
        { codes },
      );
      expect(batch.resources).toHaveLength(1);
      expect(batch.resources[0]!.lastUpdated).toBe("2025-01-02T00:00:00.000Z");
      // The copy that gave way is still accounted for.
      expect(batch.superseded).toBe(1);
    }
  });

  it("keeps the higher numeric versionId of two copies with the same lastUpdated, whatever their order and hashes", () => {
    // Servers stamp lastUpdated to the millisecond, so two versions saved within one millisecond tie.
    const at = "2025-01-01T00:00:00.000Z";
    const low = { lastUpdated: at, contentHash: "a", versionId: "1" };
    const high = { lastUpdated: at, contentHash: "b", versionId: "2" };
    expect(isNewer(high, low)).toBe(true);
    expect(isNewer(low, high)).toBe(false);
    // The larger hash does not rescue the older version.
    expect(isNewer({ ...high, contentHash: "a" }, { ...low, contentHash: "b" })).toBe(true);
    expect(isNewer({ ...low, contentHash: "b" }, { ...high, contentHash: "a" })).toBe(false);
    // Compared as numbers, not as text, however long.
    expect(isNewer({ ...high, versionId: "10" }, { ...low, versionId: "9" })).toBe(true);
    expect(isNewer({ ...low, versionId: "9" }, { ...high, versionId: "10" })).toBe(false);
    const big = "123456789012345678901234567890";
    expect(isNewer({ ...low, versionId: `${big}1` }, { ...high, versionId: `${big}0` })).toBe(true);
    // A later lastUpdated still wins over a higher versionId.
    expect(isNewer({ ...low, lastUpdated: "2025-01-01T00:00:00.001Z" }, high)).toBe(true);
  });

  it("falls back to the content hash on a lastUpdated tie when versionIds are not distinct decimal numbers", () => {
    const at = "2025-01-01T00:00:00.000Z";
    for (const [x, y] of [
      ["b7f1c2", "a3e9d0"], // opaque (Medplum sends UUIDs)
      ["2", "v1"],
      ["2", ""], // no versionId
      ["1", "01"], // the same number
      ["", ""],
      ["-2", "1"],
    ] as const) {
      const a = { lastUpdated: at, contentHash: "b", versionId: x };
      const b = { lastUpdated: at, contentHash: "a", versionId: y };
      // Each pair is decided the same way in both arrival orders: by hash.
      expect([isNewer(a, b), isNewer(b, a)]).toEqual([true, false]);
    }
  });

  it("keeps version 2 of a resource over version 1 with the same lastUpdated in one batch, in either order", () => {
    const base = { resourceType: "Patient", id: "p1" };
    const at = "2025-01-01T10:00:00.123Z";
    const v1 = { ...base, gender: "male", meta: { versionId: "1", lastUpdated: at } };
    // Pick v2's content so that its hash is the smaller: hash order alone would keep v1.
    const v2 = Array.from({ length: 64 }, (_, i) => ({
      ...base,
      gender: "female",
      name: [{ text: `Version two ${i}` }],
      meta: { versionId: "2", lastUpdated: at },
    })).find((v) => sha256(JSON.stringify(v)) < sha256(JSON.stringify(v1)))!;
    for (const order of [
      [v1, v2],
      [v2, v1],
    ]) {
      const batch = prepareBatch(
        order.map((resource) => ({ resource })),
        { codes },
      );
      expect(batch.resources.map((r) => r.versionId)).toEqual(["2"]);
    }
  });

  it("skips resource types it was not asked to store", () => {
    const batch = prepareBatch(
      [{ resource: { resourceType: "Claim", id: "c" } }],
      { codes },
      { resourceTypes: new Set(["Patient"]) },
    );
    expect(batch).toMatchObject({ resources: [], quarantined: [], skipped: 1 });
  });

  it("prepares NDJSON lines as bytes: the same hash as the text, bytes kept when valid UTF-8, broken lines quarantined", () => {
    const text = '{"resourceType":"Patient","id":"p1","name":[{"text":"Zoë"}]}';
    const invalid = Buffer.concat([
      Buffer.from('{"resourceType":"Patient","id":"p2","name":[{"text":"'),
      Buffer.from([0xff]),
      Buffer.from('"}]}'),
    ]);
    const batch = prepareBatch(
      [],
      { codes },
      {
        lines: [
          { bytes: Buffer.from(text), file: "Patient.ndjson", line: 1 },
          { bytes: invalid, file: "Patient.ndjson", line: 2 },
          { bytes: Buffer.from("{oops"), file: "Patient.ndjson", line: 3 },
        ],
      },
    );
    const [p1, p2] = batch.resources;
    expect(p1!.contentHash).toBe(sha256(text));
    expect(Buffer.isBuffer(p1!.json) && p1!.json.toString("utf8")).toBe(text);
    // PostgreSQL refuses invalid UTF-8: such a line is stored (and hashed) as its decoded text.
    expect(p2!.json).toBe(invalid.toString("utf8"));
    expect(p2!.contentHash).toBe(sha256(invalid.toString("utf8")));
    expect(batch.quarantined).toMatchObject([
      { code: "invalid-json", raw: "{oops", contentHash: sha256("{oops"), resourceType: null, fhirId: null },
    ]);
    expect(batch.quarantined[0]!.reason).toMatch(/^Patient\.ndjson:3: /);
  });

  it("quarantines what PostgreSQL's jsonb refuses: a NUL character or half a surrogate pair, in a key or a value", () => {
    const lines = [
      String.raw`{"resourceType":"Patient","id":"nul","name":[{"text":"a\u0000b"}]}`,
      String.raw`{"resourceType":"Patient","id":"high","name":[{"text":"\ud800"}]}`,
      String.raw`{"resourceType":"Patient","id":"low","extension":[{"url":"x","valueString":"x\uDC00"}]}`,
      String.raw`{"resourceType":"Patient","id":"key","\ud83d":1}`,
      // A well-formed pair (an emoji), and a backslash followed by the letters u0000, are fine.
      String.raw`{"resourceType":"Patient","id":"pair","name":[{"text":"\ud83d\ude00"}]}`,
      String.raw`{"resourceType":"Patient","id":"backslash","name":[{"text":"\\u0000"}]}`,
    ].map((text, i) => ({ bytes: Buffer.from(text), file: "p.ndjson", line: i + 1 }));
    const batch = prepareBatch([], { codes }, { lines });
    expect(batch.resources.map((r) => r.fhirId)).toEqual(["pair", "backslash"]);
    const half = "half a UTF-16 surrogate pair (a lone \\uD800–\\uDFFF escape)";
    expect(batch.quarantined.map((q) => [q.code, q.fhirId, q.reason])).toEqual([
      ["unsupported-character", "nul", "Patient/nul contains a NUL character (\\u0000)"],
      ["unsupported-character", "high", `Patient/high contains ${half}`],
      ["unsupported-character", "low", `Patient/low contains ${half}`],
      ["unsupported-character", "key", `Patient/key contains ${half}`],
    ]);
    // A resource that came parsed (search pages) is checked the same way.
    const parsed = prepareBatch(
      [{ resource: { resourceType: "Patient", id: "p", name: [{ text: "\ud800" }] } }],
      { codes },
    );
    expect(parsed.quarantined.map((q) => q.code)).toEqual(["unsupported-character"]);
  });

  it("quarantines a resource nested deeper than PostgreSQL's jsonb parser can follow", () => {
    // 100,000 levels: "stack depth limit exceeded" in PostgreSQL 15 with its default max_stack_depth.
    const deep = `{"resourceType":"Patient","id":"deep","extension":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    // Brackets inside strings are text, not nesting.
    const text = `{"resourceType":"Patient","id":"text","name":[{"text":"${"[{".repeat(2_000)}"}]}`;
    const lines = [deep, text].map((t, i) => ({ bytes: Buffer.from(t), file: "p.ndjson", line: i + 1 }));
    const batch = prepareBatch([], { codes }, { lines });
    expect(batch.resources.map((r) => r.fhirId)).toEqual(["text"]);
    expect(batch.quarantined.map((q) => [q.code, q.reason])).toEqual([
      ["too-deep", "Patient/deep nests more than 1,000 levels deep"],
    ]);
    expect(nestsDeeperThan(`[[["]]]]]]"]]]`, 3)).toBe(false);
    expect(nestsDeeperThan(`[[[["\\"["]]]]`, 3)).toBe(true);
    // Objects and arrays both count, whichever kind of bracket opens first.
    expect(nestsDeeperThan(`{"a":[{"b":[1]}]}`, 3)).toBe(true);
    expect(nestsDeeperThan(`{"a":[{"b":[1]}]}`, 4)).toBe(false);

    // A parsed resource too deep even to serialise (search pages) is quarantined too.
    let nested: unknown = [];
    for (let i = 0; i < 200_000; i++) nested = [nested];
    const parsed = prepareBatch([{ resource: { resourceType: "Patient", id: "p", extension: nested } }], {
      codes,
    });
    expect(parsed.quarantined.map((q) => q.code)).toEqual(["too-deep"]);
  });
});
