import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import type * as SchemaEngineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";

type EngineModule = typeof SchemaEngineGlue;

// Node 20's type declarations leave WebAssembly to lib.dom; declare the two calls used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let engineModule: Promise<EngineModule> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly. Its package entry imports the .wasm file as an ES
 * module, which Node 20 cannot do without a flag, so we instantiate it by hand with the JS glue as imports.
 * The engine's API is internal to Prisma: the version is pinned exactly in package.json.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    // The package exports only its JS entry points; the .wasm file sits beside them.
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return glue;
  })();
  return engineModule;
}

export interface ScratchEngine {
  readonly engine: SchemaEngine;
  close(): Promise<void>;
}

/**
 * A schema engine connected to a throw-away in-memory PGlite (its shadow database is in memory too).
 * Generating migrations this way never touches a user's database and needs no server.
 */
export async function openScratchEngine(schemaPath: string, schema: string): Promise<ScratchEngine> {
  const { SchemaEngine } = await loadEngineModule();
  const pglite = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => undefined, factory);
  return {
    engine,
    async close() {
      engine.free();
      await pglite.close();
    },
  };
}
