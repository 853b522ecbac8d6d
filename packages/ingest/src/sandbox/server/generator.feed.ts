import type { Resource } from "@medplum/fhirtypes";
import {
  generateSandboxDataset,
  HospitalSimulation,
  resolveSandboxOptions,
  type SandboxOptions as GeneratorOptions,
} from "../generator/index.js";
import type { SandboxFeed } from "./demo.feed.js";

export interface GeneratorFeedOptions extends GeneratorOptions {
  /** Simulated minutes each live tick advances the hospital clock (default 60). */
  readonly liveStepMinutes?: number;
}

/**
 * The sandbox hospital generator as a server feed: the initial load is the generated window (the same
 * resources `vigil sandbox generate` writes); live ticks advance the hospital simulation past the window
 * end, returning new resources and new versions of changed ones (transfers, discharges, deaths).
 */
export function generatorFeed(options: GeneratorFeedOptions = {}): SandboxFeed {
  const { liveStepMinutes, ...generator } = options;
  let simulation: HospitalSimulation | undefined;
  return {
    *initial(): Generator<Resource> {
      const dataset = generateSandboxDataset(generator);
      yield* dataset.hospital;
      for (const patient of dataset.patients) yield* patient.resources;
    },
    tick(): Resource[] {
      if (simulation === undefined) {
        // Catch the simulation up to the end of the served window once, then step on from there.
        simulation = new HospitalSimulation(generator);
        const resolved = resolveSandboxOptions(generator);
        simulation.advanceTo(resolved.end ?? resolved.start);
      }
      return simulation.advanceBy((liveStepMinutes ?? 60) * 60_000).changes.map((change) => change.resource);
    },
  };
}
