// @vigil/spc/compat — the R packages' arguments in, their column names out (INTERFACES.md C3).
export * from "./qic.js";
export * from "./ptd-spc.js";
