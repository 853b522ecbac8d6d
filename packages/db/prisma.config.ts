import { defineConfig } from "prisma/config";

// Migrations are managed by Vigil's own runner over the WASM schema engine (src/migrate/); the Prisma CLI is
// used only for `generate`, which needs no database URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
