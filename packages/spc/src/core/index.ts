export type * from "./chart-frame.type.js";
