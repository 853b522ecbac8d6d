export type * from "./chart-frame.type.js";
export { SpcError } from "./spc-error.js";
export { SIGNAL_RULES, SignalBit, SignalMask, type SignalRule } from "./signal-bits.js";
