import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { IngestProgress } from "../events/event-bus.type.js";
import { MemoryEventBus } from "../events/memory.event-bus.js";
import { ProgressReporter, type ProgressReporterOptions } from "./progress.reporter.js";

/** A reporter of source "s", run 1, with the options a test needs. */
const reporterWith = (options: Omit<ProgressReporterOptions, "sourceName" | "runId">) =>
  new ProgressReporter({ sourceName: "s", runId: 1, ...options });

function sink(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 200 });
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join("") };
}

/** The events a reporter publishes, and the latest of one type. */
function published() {
  const bus = new MemoryEventBus();
  const events: IngestProgress[] = [];
  bus.subscribe("IngestProgress", (event) => events.push(event));
  return { bus, events, last: (type: string) => events.findLast((e) => e.resourceType === type) };
}

/** What a terminal shows after `text`: its rows, with the cursor moves the reporter uses applied. */
function screen(text: string): string[] {
  const rows = [""];
  let row = 0;
  const write = (chars: string): void => {
    for (const [i, part] of chars.split("\n").entries()) {
      if (i > 0) rows[++row] ??= "";
      rows[row] = part + rows[row]!.slice(part.length);
    }
  };
  for (const [i, part] of text.split("\x1b").entries()) {
    const [control = "", n = "", command] = (i === 0 ? undefined : /^\[(\d*)([FKJ])/.exec(part)) ?? [];
    if (command === "F") row -= Number(n === "" ? 1 : n);
    else if (command === "K") rows[row] = "";
    else if (command === "J") rows.splice(row, rows.length, "");
    write(part.slice(control.length));
  }
  return rows;
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
    const ttyReporter = reporterWith({ output: tty.stream, intervalMs: 0 });
    await ttyReporter.update("Patient", { stored: 5, quarantined: 0, total: 10 });
    await ttyReporter.update("Patient", { stored: 5, quarantined: 0, total: 10 });
    expect(tty.text()).toContain("\x1b[1F");
    expect(tty.text()).toMatch(/Patient\s+\[█{12}░{12}\] 5\/10/);

    const plain = sink(false);
    const plainReporter = reporterWith({ output: plain.stream, intervalMs: 0 });
    await plainReporter.update("Patient", { stored: 10, quarantined: 0, total: 10 });
    await plainReporter.done("Patient");
    expect(plain.text()).not.toContain("\x1b[");
    expect(plain.text().trim().split("\n").at(-1)).toMatch(/^Patient\s+\[█{24}\] 10\/10 .* done$/);
  });

  it("measures a type's rate from the run start, or from the batch before its first, never from its own first batch", async () => {
    let now = 0;
    const { bus, events, last } = published();
    const reporter = reporterWith({ bus, intervalMs: 0, now: () => now });
    // The first type's first page took 2 s to fetch and write: 500 in 2 s, not 500 in no time.
    now = 2_000;
    await reporter.update("Location", { fetchedTotal: 500, stored: 500, quarantined: 0, total: 1_000 });
    expect(events.at(-1)).toMatchObject({ fetched: 500, ratePerSecond: 250, etaSeconds: 2 });
    reporter.committed();
    now = 4_000;
    await reporter.update("Location", { fetchedTotal: 1_000, stored: 500, quarantined: 0, total: 1_000 });
    reporter.committed();
    await reporter.done("Location");
    // The next type is charged from the end of Location's last batch, not from the run start.
    now = 6_000;
    await reporter.update("Observation", { fetchedTotal: 500, stored: 500, quarantined: 0, total: 100_000 });
    reporter.committed();
    expect(events.at(-1)).toMatchObject({ fetched: 500, ratePerSecond: 250, etaSeconds: 398 });

    // Mixed batches (files): types first seen together share the run start; a later one starts at the batch before.
    now = 0;
    const mixed = new ProgressReporter({ sourceName: "s", runId: 2, bus, intervalMs: 0, now: () => now });
    now = 1_500;
    await mixed.update("Patient", { stored: 300, quarantined: 0 });
    await mixed.update("Encounter", { stored: 300, quarantined: 0 });
    mixed.committed();
    now = 3_000;
    await mixed.update("Encounter", { stored: 300, quarantined: 0 });
    await mixed.update("Observation", { stored: 450, quarantined: 0 });
    mixed.committed();
    expect(last("Encounter")).toMatchObject({ fetched: 600, ratePerSecond: 200 });
    expect(last("Observation")).toMatchObject({ fetched: 450, ratePerSecond: 300 });
  });

  it("reports no rate or ETA until a type has run for a second", async () => {
    let now = 0;
    const tty = sink(true);
    const { bus, events } = published();
    const reporter = reporterWith({ output: tty.stream, bus, intervalMs: 0, now: () => now });
    now = 300;
    await reporter.update("Observation", { fetchedTotal: 500, stored: 500, quarantined: 0, total: 100_000 });
    expect(events.at(-1)).toMatchObject({ fetched: 500, ratePerSecond: 0 });
    expect(events.at(-1)).not.toHaveProperty("etaSeconds");
    expect(screen(tty.text())[0]).toMatch(/ 500\/100,000 {2}--\/s {2}ETA --:--$/);
    now = 1_000;
    await reporter.update("Observation", {
      fetchedTotal: 1_000,
      stored: 500,
      quarantined: 0,
      total: 100_000,
    });
    expect(events.at(-1)).toMatchObject({ fetched: 1_000, ratePerSecond: 1_000, etaSeconds: 99 });
    expect(screen(tty.text())[0]).toMatch(/ 1,000\/100,000 {2}1,000\/s {2}ETA 01:39$/);
  });

  it("shows no rate for a type done within its first second", async () => {
    let now = 0;
    const tty = sink(true);
    const reporter = reporterWith({ output: tty.stream, intervalMs: 0, now: () => now });
    now = 200;
    await reporter.update("Patient", { fetchedTotal: 215, stored: 215, quarantined: 0, total: 215 });
    await reporter.done("Patient");
    expect(screen(tty.text())[0]).toMatch(/^Patient\s+\[█{24}\] 215\/215 {2}done$/);
  });

  it("gives a finished type the rate of its own batches, not of the wait until the run ends", async () => {
    let now = 0;
    const { bus, events } = published();
    const reporter = reporterWith({ bus, intervalMs: 0, now: () => now });
    now = 2_000;
    await reporter.update("Patient", { stored: 1_000, quarantined: 0 });
    now = 30_000; // the observation sets are rebuilt before the run finishes its types
    await reporter.finish();
    expect(events.at(-1)).toMatchObject({ done: true, fetched: 1_000, ratePerSecond: 500, etaSeconds: 0 });
  });

  it("prints a log line above the bars on a terminal instead of letting the next redraw overwrite it", async () => {
    const tty = sink(true);
    const reporter = reporterWith({
      output: tty.stream,
      intervalMs: 0,
      log: (line) => tty.stream.write(`${line}\n`),
    });
    await reporter.update("Patient", { stored: 5, quarantined: 0, total: 10 });
    await reporter.update("Observation", { stored: 5, quarantined: 0, total: 10 });
    reporter.log("retry 1 of GET Observation in 500 ms (429)");
    await reporter.update("Observation", { stored: 1, quarantined: 0, total: 10 });
    const rows = screen(tty.text());
    expect(rows[0]).toBe("retry 1 of GET Observation in 500 ms (429)");
    expect(rows[1]).toMatch(/^Patient\s+\[█{12}░{12}\] 5\/10 /);
    expect(rows[2]).toMatch(/^Observation\s+\[█{14}░{10}\] 6\/10 /);
    expect(rows.slice(3)).toEqual([""]);

    const plain = sink(false);
    const lines = reporterWith({ output: plain.stream, log: (line) => plain.stream.write(`${line}\n`) });
    lines.log("retry 2 of GET Patient");
    expect(plain.text()).toBe("retry 2 of GET Patient\n");
  });
});
