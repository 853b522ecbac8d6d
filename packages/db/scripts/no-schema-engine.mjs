#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which Vigil does not use.
console.error(
  "Vigil manages migrations with the WASM schema engine: use `pnpm db:migrate`, `pnpm db:deploy`, `pnpm db:status`.",
);
process.exit(1);
