// Shared by `npm start` and `npm test`: run the pinned pnpm whether or not it is installed globally,
// so the two README commands work on a machine that has only Node.js and npm.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];

function globalPnpmMatches() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  return probe.status === 0 && probe.stdout.trim() === pinned;
}

const useGlobal = globalPnpmMatches();

/** Runs pnpm with the given arguments in the repository root; exits the process if it fails. */
export function pnpm(args, options = {}) {
  const [command, commandArgs] = useGlobal ? ["pnpm", args] : ["npx", ["-y", `pnpm@${pinned}`, ...args]];
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
    ...options,
  });
  if (result.status !== 0) {
    console.error(`\n✖ pnpm ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** Installs exactly what the lockfile says (fast when nothing changed). */
export function install() {
  pnpm(["install", "--frozen-lockfile", "--reporter=append-only"]);
}
