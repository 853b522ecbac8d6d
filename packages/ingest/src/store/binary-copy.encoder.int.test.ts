import { openTestDatabase, type TestDatabase } from "@vigil/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BinaryCopyEncoder } from "./binary-copy.encoder.js";
import { withTransaction } from "./sql.js";

const COLUMNS = ["i", "f", "b", "t", "j", "ts", "ia", "ta"] as const;

describe.each(["postgres", "pglite"] as const)("binary COPY into %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function roundTrip(fill: (copy: BinaryCopyEncoder) => void): Promise<Record<string, unknown>[]> {
    return withTransaction(db, async (tx) => {
      await tx.query(
        `CREATE TEMP TABLE copied (n serial, i int4, f float8, b bool, t text, j jsonb, ts timestamptz, ia int4[], ta text[])
           ON COMMIT DROP`,
      );
      const copy = new BinaryCopyEncoder();
      fill(copy);
      await tx.copyFrom("copied", COLUMNS, copy.finish());
      return tx.query(
        `SELECT i, f, b, t, j, (extract(epoch FROM ts) * 1000)::float8 AS ms, ia, ta FROM copied ORDER BY n`,
      );
    });
  }

  it("round-trips every column type, NULLs, Unicode and times before and after 2000", async () => {
    const json = '{"resourceType":"Observation","note":"é 😀 \\" \\\\ \\n tab\\t","v":[1,2.5,null]}';
    const rows = await roundTrip((copy) => {
      copy
        .row(8)
        .int4(-2_147_483_648)
        .float8(36.6)
        .bool(true)
        .text("Ward 7 — 🛏️")
        .jsonb(json)
        .timestamptz("1969-07-20T20:17:40.123Z")
        .int4Array([0, 1, 2, 0, 0, 3, 0])
        .textArray(["a,b", 'c"d', "é"]);
      copy
        .row(8)
        .int4(null)
        .float8(null)
        .bool(false)
        .text(null)
        .jsonb(null)
        .timestamptz(null)
        .int4Array([])
        .textArray([]);
      copy
        .row(8)
        .int4(7)
        .float8(-0.5)
        .bool(null)
        .text("")
        .jsonb("[]")
        .timestamptz(Date.UTC(2026, 10, 25, 23, 59, 59, 999))
        .int4Array(null)
        .textArray(null);
    });
    expect(rows).toEqual([
      {
        i: -2_147_483_648,
        f: 36.6,
        b: true,
        t: "Ward 7 — 🛏️",
        j: JSON.parse(json) as unknown,
        ms: Date.parse("1969-07-20T20:17:40.123Z"),
        ia: [0, 1, 2, 0, 0, 3, 0],
        ta: ["a,b", 'c"d', "é"],
      },
      { i: null, f: null, b: false, t: null, j: null, ms: null, ia: [], ta: [] },
      {
        i: 7,
        f: -0.5,
        b: null,
        t: "",
        j: [],
        ms: Date.UTC(2026, 10, 25, 23, 59, 59, 999),
        ia: null,
        ta: null,
      },
    ]);
  });

  it("splits rows across chunks without losing a byte", async () => {
    // Fields larger than a chunk and many rows that straddle chunk boundaries.
    const big = "x".repeat(1_500_000);
    const rows = await roundTrip((copy) => {
      for (let n = 0; n < 3_000; n++) {
        copy
          .row(8)
          .int4(n)
          .float8(n / 2)
          .bool(n % 2 === 0)
          .text(n === 1_500 ? big : `row ${n} ${"é".repeat(n % 500)}`)
          .jsonb(JSON.stringify({ n, pad: "y".repeat(n % 700) }))
          .timestamptz(n * 60_000)
          .int4Array([n, n + 1])
          .textArray([`p${n}`, "q".repeat(n % 300)]);
      }
    });
    expect(rows).toHaveLength(3_000);
    for (const [n, row] of rows.entries()) {
      expect(row).toEqual({
        i: n,
        f: n / 2,
        b: n % 2 === 0,
        t: n === 1_500 ? big : `row ${n} ${"é".repeat(n % 500)}`,
        j: { n, pad: "y".repeat(n % 700) },
        ms: n * 60_000,
        ia: [n, n + 1],
        ta: [`p${n}`, "q".repeat(n % 300)],
      });
    }
  });
});
