// The sandbox hospital generator: batch files, a lazy resource stream, and a live simulation.
export { generateHospital, generateSandboxDataset } from "./generate-hospital.js";
export type { PatientRecord, SandboxDataset } from "./generate-hospital.js";
export { HospitalSimulation, WARM_UP_DAYS } from "./hospital.simulation.js";
export type { SimulationBatch, SimulationChange } from "./hospital.simulation.js";
export {
  HOSPITAL_BUNDLE_FILE,
  SANDBOX_FORMATS,
  transactionBundle,
  writeSandboxFiles,
} from "./sandbox-files.writer.js";
export type { SandboxFilesSummary, SandboxFormat, WriteSandboxFilesOptions } from "./sandbox-files.writer.js";
export {
  parseSandboxGenerateArgs,
  runSandboxGenerate,
  SANDBOX_GENERATE_USAGE,
} from "./sandbox-generate.cli.js";
export type { SandboxGenerateIo } from "./sandbox-generate.cli.js";
export {
  DEFAULT_SANDBOX_BEDS,
  DEFAULT_SANDBOX_DAYS,
  DEFAULT_SANDBOX_SEED,
  DEFAULT_SANDBOX_START,
  resolveSandboxOptions,
} from "./sandbox-options.js";
export type { ResolvedSandboxOptions, SandboxOptions } from "./sandbox-options.js";
/** The generator's options under a name that cannot clash with the sandbox server's `SandboxOptions`. */
export type { SandboxOptions as SandboxHospitalOptions } from "./sandbox-options.js";
export { SandboxError } from "./sandbox.error.js";
export type { SandboxErrorCode } from "./sandbox.error.js";
