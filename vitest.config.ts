import { defineConfig } from "vitest/config";

// One root config with a project per package (tRPC-style); `pnpm test` runs them all.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts"],
  },
});
