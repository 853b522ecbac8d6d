export type * from "./chart-frame.type.js";
export { SpcError } from "./spc-error.js";
