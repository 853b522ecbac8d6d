import { describe, expect, it } from "vitest";
import { classifyError } from "./retry.js";
import { readWithIdleTimeout } from "./idle-timeout.js";

function trickle(chunks: readonly string[], gapMs: number): ReadableStream<string> {
  let i = 0;
  return new ReadableStream<string>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

describe("readWithIdleTimeout", () => {
  it("lets a slow body take longer than the idle limit in total, as long as it keeps arriving", async () => {
    const reader = readWithIdleTimeout(trickle(["a", "b", "c", "d", "e", "f"], 30).getReader(), 100);
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toBe("abcdef");
  });

  it("fails a stalled body with a retryable TimeoutError and cancels the stream", async () => {
    let cancelled = false;
    const stream = new ReadableStream<string>({
      start(controller) {
        controller.enqueue("first");
      },
      cancel() {
        cancelled = true;
      },
    });
    const reader = readWithIdleTimeout(stream.getReader(), 50);
    expect((await reader.read()).value).toBe("first");
    const stalled = reader.read();
    await expect(stalled).rejects.toMatchObject({ name: "TimeoutError" });
    expect(classifyError(await stalled.catch((e: unknown) => e)).retryable).toBe(true);
    expect(cancelled).toBe(true);
  });
});
