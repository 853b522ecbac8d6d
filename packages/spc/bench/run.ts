// `pnpm bench` in packages/spc: runs every bench/*.bench.ts in turn (each prints its own report).
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const file of (await readdir(here)).filter((f) => f.endsWith(".bench.ts")).sort()) {
  if (only !== undefined && !file.includes(only)) continue;
  console.log(`\n## ${file}\n`);
  await import(pathToFileURL(join(here, file)).href);
}
