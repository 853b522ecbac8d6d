import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { IngestProgress } from "../events/event-bus.type.js";
import { MemoryEventBus } from "../events/memory.event-bus.js";
import { ProgressReporter } from "./progress.reporter.js";

function sink(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 200 });
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join("") };
}

describe("ProgressReporter", () => {
  it("publishes progress with rate and ETA, and a final done event", async () => {
    let now = 0;
    const bus = new MemoryEventBus();
    const events: IngestProgress[] = [];
    bus.subscribe("IngestProgress", (event) => events.push(event));
    const reporter = new ProgressReporter({ sourceName: "s", runId: 3, bus, intervalMs: 0, now: () => now });
    await reporter.update("Observation", { fetchedTotal: 0, stored: 0, quarantined: 0, total: 1000 });
    now = 2_000;
    await reporter.update("Observation", { fetchedTotal: 500, stored: 499, quarantined: 1, total: 1000 });
    await reporter.done("Observation");
    expect(events[1]).toEqual({
      sourceName: "s",
      runId: 3,
      resourceType: "Observation",
      fetched: 500,
      stored: 499,
      quarantined: 1,
      total: 1000,
      ratePerSecond: 250,
      etaSeconds: 2,
      done: false,
    });
    expect(events.at(-1)).toMatchObject({ done: true, etaSeconds: 0 });
  });

  it("draws bars in place on a terminal and plain lines otherwise", async () => {
    const tty = sink(true);
    const ttyReporter = new ProgressReporter({
      sourceName: "s",
      runId: 1,
      output: tty.stream,
      intervalMs: 0,
    });
    await ttyReporter.update("Patient", { stored: 5, quarantined: 0, total: 10 });
    await ttyReporter.update("Patient", { stored: 5, quarantined: 0, total: 10 });
    expect(tty.text()).toContain("\x1b[1F");
    expect(tty.text()).toMatch(/Patient\s+\[█{12}░{12}\] 5\/10/);

    const plain = sink(false);
    const plainReporter = new ProgressReporter({
      sourceName: "s",
      runId: 1,
      output: plain.stream,
      intervalMs: 0,
    });
    await plainReporter.update("Patient", { stored: 10, quarantined: 0, total: 10 });
    await plainReporter.done("Patient");
    expect(plain.text()).not.toContain("\x1b[");
    expect(plain.text().trim().split("\n").at(-1)).toMatch(/^Patient\s+\[█{24}\] 10\/10 .* done$/);
  });
});
