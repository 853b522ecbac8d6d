export {};
export * from "./sandbox/generator/index.js";
