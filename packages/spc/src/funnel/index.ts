// Comparing units: SHMI banding (NHS England) and the CQC / Spiegelhalter variant.
export {
  shmiBanding,
  type ShmiUnit,
  type ShmiBandingOptions,
  type ShmiBandedUnit,
  type ShmiBandingResult,
} from "./shmi-banding.js";
export { derSimonianLairdTau2 } from "./dersimonian-laird-tau2.js";
