// Clinical indicators: NEWS2, observation sets, deterioration response (D1–D8), mortality and risk
// adjustment, structured judgement review, tissue viability, and the indicator catalogue.
export * from "./time/instant.js";
export * from "./time/calendar.js";
export * from "./news2/news2.type.js";
export * from "./news2/news2-score.js";
export * from "./news2/news2-response.js";
export * from "./news2/plausible-ranges.js";
export * from "./news2/round-half-up.js";
export * from "./news2/spo2-scale.js";
export * from "./news2/documented-total.js";
export * from "./news2/news2-codes.js";
