import { Redis } from "ioredis";
import { IngestError } from "../errors.js";
import type { EventBus, IngestTopics, Unsubscribe } from "./event-bus.type.js";

/**
 * Redis pub/sub bus for several processes (separate ingest workers and API replicas). Redis needs a
 * connection of its own for subscribing, so the bus holds two. Channels are `<prefix><topic>`.
 */
export class RedisEventBus<Topics extends object = IngestTopics> implements EventBus<Topics> {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(payload: never) => void>>();
  private pending: Promise<unknown>[] = [];

  constructor(
    url: string,
    private readonly prefix = "vigil:",
  ) {
    const options = { lazyConnect: false, maxRetriesPerRequest: 3, enableOfflineQueue: true };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    // Connection errors are retried by ioredis; they surface through failed publishes, not as crashes.
    this.publisher.on("error", () => undefined);
    this.subscriber.on("error", () => undefined);
    this.subscriber.on("message", (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix)) return;
      const handlers = this.handlers.get(channel.slice(this.prefix.length));
      if (handlers === undefined) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message);
      } catch {
        return;
      }
      for (const handler of [...handlers]) {
        try {
          (handler as (payload: unknown) => void)(payload);
        } catch {
          // Isolated like the in-memory bus.
        }
      }
    });
  }

  async publish<K extends keyof Topics & string>(topic: K, payload: Topics[K]): Promise<void> {
    try {
      await this.publisher.publish(`${this.prefix}${topic}`, JSON.stringify(payload));
    } catch (error) {
      throw new IngestError(
        "EVENT_BUS_FAILED",
        `Cannot publish ${topic} to Redis: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  subscribe<K extends keyof Topics & string>(topic: K, handler: (payload: Topics[K]) => void): Unsubscribe {
    let set = this.handlers.get(topic);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(topic, set);
      this.pending.push(this.subscriber.subscribe(`${this.prefix}${topic}`).catch(() => undefined));
    }
    set.add(handler);
    return () => {
      const current = this.handlers.get(topic);
      if (current === undefined) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(topic);
        this.pending.push(this.subscriber.unsubscribe(`${this.prefix}${topic}`).catch(() => undefined));
      }
    };
  }

  async ready(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
