import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A migration on disk, in Prisma's layout: `prisma/migrations/<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  /** Folder name, e.g. `20261125120000_init`: the key recorded in `_prisma_migrations`. */
  readonly name: string;
  readonly sql: string;
  /** sha-256 of the file, hex, as Prisma records it. */
  readonly checksum: string;
}

/** `packages/db/prisma/migrations`, from both `src/` (tests, tsx) and `dist/` (built). */
export const defaultMigrationsDir = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "prisma",
  "migrations",
);

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export async function readMigrations(dir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return [];
    throw error;
  }
  const folders = entries.filter((name) => /^\d{14}_[\w-]+$/.test(name)).sort();
  return Promise.all(
    folders.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}
