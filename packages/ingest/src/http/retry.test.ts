import { describe, expect, it } from "vitest";
import { IngestError } from "../errors.js";
import { backoffDelay, classifyError, classifyStatus, parseRetryAfter, withRetry } from "./retry.js";

const fast = { retries: 3, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 1_000 };

describe("retries", () => {
  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", Date.parse("2025-01-01T00:00:00Z"))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("retries 429, 5xx, dropped connections and malformed bodies, not other 4xx", () => {
    expect(classifyStatus(429).retryable).toBe(true);
    expect(classifyStatus(503).retryable).toBe(true);
    expect(classifyStatus(404).retryable).toBe(false);
    expect(classifyStatus(401).unauthorized).toBe(true);
    expect(
      classifyError(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }))
        .retryable,
    ).toBe(true);
    expect(classifyError(new SyntaxError("Unexpected end of JSON input")).retryable).toBe(true);
  });

  it("waits at least what Retry-After asks, even beyond the backoff's cap, with full jitter otherwise", () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 10_000, timeoutMs: 1_000 };
    expect(backoffDelay(0, policy, { retryable: true, retryAfterMs: 3_000, description: "" }, () => 0)).toBe(
      3_000,
    );
    expect(backoffDelay(3, policy, { retryable: true, description: "" }, () => 0.5)).toBe(400);
    expect(backoffDelay(20, policy, { retryable: true, description: "" }, () => 1)).toBe(10_000);
    // RFC 9110 §10.2.3: Retry-After is how long the client ought to wait — not capped by our own backoff.
    expect(
      backoffDelay(20, policy, { retryable: true, retryAfterMs: 60_000, description: "" }, () => 1),
    ).toBe(60_000);
  });

  it("stops at once when a server asks to wait longer than it is worth waiting", async () => {
    let calls = 0;
    const started = performance.now();
    const failing = withRetry(
      () => {
        calls++;
        return Promise.reject(new Error("503"));
      },
      { ...fast, maxRetryAfterMs: 60_000 },
      { what: "search Patient", classify: () => classifyStatus(503, "3600") },
    );
    await expect(failing).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    await expect(failing).rejects.toThrow(
      "search Patient: HTTP 503 asking to retry after 3600 s, longer than the 60 s Vigil waits",
    );
    expect(calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("times out an attempt that does not answer, but not a response it has handed back", async () => {
    const policy = { ...fast, retries: 1, timeoutMs: 50 };
    let calls = 0;
    const signals: AbortSignal[] = [];
    const result = await withRetry(
      (signal) => {
        calls++;
        signals.push(signal);
        // The first attempt never answers; its signal must abort it with a TimeoutError.
        if (calls === 1)
          return new Promise<AbortSignal>((_, reject) =>
            signal.addEventListener("abort", () => reject(signal.reason as Error)),
          );
        return Promise.resolve(signal);
      },
      policy,
      { what: "file" },
    );
    expect(calls).toBe(2);
    expect((signals[0]!.reason as Error).name).toBe("TimeoutError");
    // A body streamed under the returned signal outlives the request's timeout.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(result.aborted).toBe(false);
  });

  it("succeeds after transient failures and reports each retry", async () => {
    let calls = 0;
    const retries: number[] = [];
    const result = await withRetry(
      () => {
        calls++;
        if (calls < 3) {
          return Promise.reject(
            Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
          );
        }
        return Promise.resolve("ok");
      },
      fast,
      { what: "test", onRetry: (_failure, attempt) => retries.push(attempt) },
    );
    expect(result).toBe("ok");
    expect(retries).toEqual([1, 2]);
  });

  it("gives up with SOURCE_UNAVAILABLE naming what it fetched and the last failure", async () => {
    const failing = withRetry(
      () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } })),
      fast,
      { what: "search Patient" },
    );
    await expect(failing).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    await expect(failing).rejects.toThrow(/search Patient: still failing after 4 attempts/);
  });

  it("refreshes credentials once on 401 before failing", async () => {
    let refreshed = 0;
    const attempt = () => Promise.reject(Object.assign(new Error("401"), { status: 401 }));
    const failing = withRetry(attempt, fast, {
      what: "search",
      classify: () => classifyStatus(401),
      onUnauthorized: () => refreshed++,
    });
    await expect(failing).rejects.toBeInstanceOf(IngestError);
    await expect(failing).rejects.toMatchObject({ code: "AUTH_FAILED" });
    expect(refreshed).toBe(1);
  });
});
