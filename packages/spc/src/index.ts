// @vigil/spc — pure TypeScript, no I/O, no runtime dependencies; runs in Node and the browser.
export * from "./core/index.js";
export * from "./charts/index.js";
export * from "./mdc/index.js";
export * from "./funnel/index.js";
export * from "./clinical/index.js";
