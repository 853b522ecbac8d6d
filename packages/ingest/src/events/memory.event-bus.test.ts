import { describe, expect, it } from "vitest";
import type { DataChanged } from "./event-bus.type.js";
import { MemoryEventBus } from "./memory.event-bus.js";

const change: DataChanged = {
  sourceName: "s",
  wards: ["Ward 7"],
  from: null,
  to: null,
  resourceTypes: ["Observation"],
  runId: 1,
};

describe("MemoryEventBus", () => {
  it("delivers to subscribers of a topic until they unsubscribe", async () => {
    const bus = new MemoryEventBus();
    const seen: DataChanged[] = [];
    const unsubscribe = bus.subscribe("DataChanged", (payload) => seen.push(payload));
    await bus.publish("DataChanged", change);
    unsubscribe();
    await bus.publish("DataChanged", change);
    expect(seen).toEqual([change]);
    await bus.close();
  });

  it("keeps delivering to other subscribers when one throws", async () => {
    const bus = new MemoryEventBus();
    const seen: number[] = [];
    bus.subscribe("DataChanged", () => {
      throw new Error("subscriber bug");
    });
    bus.subscribe("DataChanged", (payload) => seen.push(payload.runId));
    await bus.publish("DataChanged", change);
    expect(seen).toEqual([1]);
    await bus.close();
  });
});
