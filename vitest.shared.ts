import type { UserWorkspaceConfig } from "vitest/config";

/**
 * Settings every package's test project shares. Workspace packages resolve to their TypeScript sources
 * through the "@vigil/source" export condition, so tests never need a build first.
 */
export function project(
  name: string,
  test: NonNullable<UserWorkspaceConfig["test"]> = {},
): UserWorkspaceConfig {
  return {
    resolve: { conditions: ["@vigil/source", "module", "node", "default"] },
    ssr: { resolve: { conditions: ["@vigil/source"], externalConditions: ["@vigil/source"] } },
    test: {
      name,
      include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts", "e2e/**/*.test.ts"],
      environment: "node",
      // Two cores shared by parallel test files: allow slow starts (PGlite, servers) without flaking.
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  };
}
