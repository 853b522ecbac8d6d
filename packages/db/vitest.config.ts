import { defineProject } from "vitest/config";
import { project } from "../../vitest.shared.ts";

// Database tests create real databases (PostgreSQL and PGlite) and apply migrations: allow them time.
export default defineProject(project("db", { testTimeout: 60_000, hookTimeout: 60_000 }));
