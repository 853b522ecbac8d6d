import { describe, expect, it } from "vitest";
import type { IngestProgress } from "./event-bus.type.js";
import { RedisEventBus } from "./redis.event-bus.js";

// Real Redis at 127.0.0.1:6379 (README); a per-run prefix keeps parallel runs apart.
const url = "redis://127.0.0.1:6379";

describe("RedisEventBus", () => {
  it("delivers a publish from one bus to a subscriber on another connection", async () => {
    const prefix = `vigil-test-${process.pid}-${Date.now()}:`;
    const publisher = new RedisEventBus(url, prefix);
    const subscriber = new RedisEventBus(url, prefix);
    try {
      const received = new Promise<IngestProgress>((resolve) => {
        subscriber.subscribe("IngestProgress", resolve);
      });
      await subscriber.ready();
      const event: IngestProgress = {
        sourceName: "sandbox",
        runId: 7,
        resourceType: "Observation",
        fetched: 10,
        stored: 9,
        quarantined: 1,
        ratePerSecond: 5,
        done: false,
      };
      await publisher.publish("IngestProgress", event);
      expect(await received).toEqual(event);
    } finally {
      await publisher.close();
      await subscriber.close();
    }
  });

  it("stops delivering after unsubscribe", async () => {
    const prefix = `vigil-test-${process.pid}-${Date.now()}-u:`;
    const bus = new RedisEventBus(url, prefix);
    try {
      const seen: number[] = [];
      const unsubscribe = bus.subscribe("DataChanged", (payload) => seen.push(payload.runId));
      await bus.ready();
      await bus.publish("DataChanged", {
        sourceName: "s",
        wards: [],
        from: null,
        to: null,
        resourceTypes: [],
        runId: 1,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      unsubscribe();
      await bus.ready();
      await bus.publish("DataChanged", {
        sourceName: "s",
        wards: [],
        from: null,
        to: null,
        resourceTypes: [],
        runId: 2,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toEqual([1]);
    } finally {
      await bus.close();
    }
  });
});
