import type { EventBus, IngestTopics, Unsubscribe } from "./event-bus.type.js";

/** In-process bus: the embedded default (`vigil start` runs ingest and API in one process). */
export class MemoryEventBus<Topics extends object = IngestTopics> implements EventBus<Topics> {
  private readonly handlers = new Map<string, Set<(payload: never) => void>>();
  private closed = false;

  publish<K extends keyof Topics & string>(topic: K, payload: Topics[K]): Promise<void> {
    if (this.closed) return Promise.resolve();
    for (const handler of [...(this.handlers.get(topic) ?? [])]) {
      try {
        (handler as (payload: Topics[K]) => void)(payload);
      } catch {
        // A subscriber's failure is its own; it must not stop the ingest or other subscribers.
      }
    }
    return Promise.resolve();
  }

  subscribe<K extends keyof Topics & string>(topic: K, handler: (payload: Topics[K]) => void): Unsubscribe {
    let set = this.handlers.get(topic);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(topic, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    return Promise.resolve();
  }
}
