import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { DbError } from "./errors.js";

export interface DataDirLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM";
  }
}

/**
 * PGlite corrupts its folder if two processes open it. A pid file makes the second process fail with a
 * clear message instead; a lock left by a dead process (kill -9) is taken over.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return {
        async release() {
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(path, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DbError(
          "DATABASE_UNREACHABLE",
          `The embedded database in ${dataDir} (VIGIL_DATA_DIR) is in use by process ${owner}. ` +
            "Stop it, or set DATABASE_URL to share a PostgreSQL database between processes.",
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new DbError(
    "DATABASE_UNREACHABLE",
    `Cannot lock the embedded database in ${dataDir} (VIGIL_DATA_DIR).`,
  );
}
