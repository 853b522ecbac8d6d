// `npm test`: the whole suite from a fresh clone — install, type-check, lint, then every test project.
// Database tests need the PostgreSQL server described in the README (VIGIL_TEST_ADMIN_URL); `.ci/run`
// starts it on CI machines.
import { install, pnpm } from "./pnpm.mjs";

install();
pnpm(["-r", "typecheck"]);
pnpm(["lint"]);
const reporter = process.env.CI ? ["--reporter=verbose"] : [];
pnpm(["exec", "vitest", "run", ...reporter, ...process.argv.slice(2)]);
