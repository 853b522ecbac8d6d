import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "./data-dir-lock.js";

describe("acquireDataDirLock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vigil-lock-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a data folder held by another live process, naming VIGIL_DATA_DIR", async () => {
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      await writeFile(join(dir, "pglite.lock"), String(other.pid));
      await expect(acquireDataDirLock(dir)).rejects.toThrow(
        `The embedded database in ${dir} (VIGIL_DATA_DIR) is in use by process ${other.pid}.`,
      );
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("takes over a lock left by a process that died (kill -9)", async () => {
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    await writeFile(join(dir, "pglite.lock"), String(dead.pid));
    const lock = await acquireDataDirLock(dir);
    expect(await readFile(join(dir, "pglite.lock"), "utf8")).toBe(String(process.pid));
    await lock.release();
    await expect(readFile(join(dir, "pglite.lock"), "utf8")).rejects.toMatchObject({ code: "ENOENT" });
  });
});
