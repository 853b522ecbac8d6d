import type { VigilConfig } from "@vigil/db";
import type { EventBus, IngestTopics } from "./event-bus.type.js";
import { MemoryEventBus } from "./memory.event-bus.js";
import { RedisEventBus } from "./redis.event-bus.js";

/** Redis when `REDIS_URL` is configured, otherwise in memory (one process). */
export function createEventBus(config: Pick<VigilConfig, "redisUrl">): EventBus<IngestTopics> {
  return config.redisUrl === undefined ? new MemoryEventBus() : new RedisEventBus(config.redisUrl);
}
