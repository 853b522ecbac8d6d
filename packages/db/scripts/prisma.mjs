#!/usr/bin/env node
// Runs the Prisma CLI without its native schema engine. Every Prisma command first tries to download that
// binary, which is neither reachable nor needed: `generate` only needs the variable to point at a file.
// Migrations go through the WASM engine instead (src/migrate/).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve("prisma/package.json")), "build", "index.js");

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd: join(here, ".."),
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: join(here, "no-schema-engine.mjs"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
