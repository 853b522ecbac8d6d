import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigration, pendingSchemaChanges } from "./create-migration.js";
import { defaultMigrationsDir } from "./migration-files.js";

const schemaPath = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "prisma", "schema.prisma");

describe("pendingSchemaChanges", () => {
  // The drift check: CI fails when schema.prisma changes without a migration (`pnpm db:migrate --name X`).
  it("finds nothing between prisma/schema.prisma and the committed migrations", async () => {
    expect(await pendingSchemaChanges(schemaPath, defaultMigrationsDir)).toBe("");
  });
});

describe("createMigration", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-migrations-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the first migration in Prisma's layout, then only the difference", async () => {
    const schema = join(dir, "schema.prisma");
    const migrations = join(dir, "migrations");
    await writeFile(
      schema,
      `datasource db {\n  provider = "postgresql"\n}\nmodel Ward {\n  id Int @id @default(autoincrement())\n  name String @unique\n}\n`,
    );
    const first = await createMigration({
      schemaPath: schema,
      migrationsDir: migrations,
      name: "init",
      now: new Date("2026-01-02T03:04:05Z"),
    });
    expect(first).toMatchObject({ created: true, folder: "20260102030405_init" });
    const sql = await readFile(join(migrations, "20260102030405_init", "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Ward"');
    expect(sql).toContain('CREATE UNIQUE INDEX "Ward_name_key"');
    expect(await readFile(join(migrations, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );

    expect(await createMigration({ schemaPath: schema, migrationsDir: migrations, name: "again" })).toEqual({
      created: false,
      reason: "no-changes",
    });

    await writeFile(
      schema,
      (await readFile(schema, "utf8")).replace("name String @unique", "name String @unique\n  beds Int?"),
    );
    const second = await createMigration({
      schemaPath: schema,
      migrationsDir: migrations,
      name: "add_beds",
      now: new Date("2026-01-03T00:00:00Z"),
    });
    expect(second).toMatchObject({ created: true, folder: "20260103000000_add_beds" });
    if (second.created) {
      expect(second.sql).toContain('ALTER TABLE "Ward" ADD COLUMN     "beds" INTEGER');
      expect(second.sql).not.toContain("CREATE TABLE");
    }
    expect((await readdir(migrations)).sort()).toEqual([
      "20260102030405_init",
      "20260103000000_add_beds",
      "migration_lock.toml",
    ]);
  });

  it("rejects a migration name that is not a folder-safe identifier", async () => {
    await expect(createMigration({ schemaPath, migrationsDir: dir, name: "../escape" })).rejects.toThrow(
      /Invalid migration name/,
    );
  });
});
