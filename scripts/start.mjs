// `npm start`: install, build, then run the platform on the embedded default (no external server).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { install, pnpm, root } from "./pnpm.mjs";

install();
pnpm(["-r", "build"]);
const cli = join(root, "packages", "api", "dist", "cli.js");
const result = spawnSync(process.execPath, [cli, "start", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
