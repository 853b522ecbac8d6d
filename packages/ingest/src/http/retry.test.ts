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

  it("waits at least what Retry-After asks, within the cap, with full jitter otherwise", () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 10_000, timeoutMs: 1_000 };
    expect(backoffDelay(0, policy, { retryable: true, retryAfterMs: 3_000, description: "" }, () => 0)).toBe(
      3_000,
    );
    expect(backoffDelay(3, policy, { retryable: true, description: "" }, () => 0.5)).toBe(400);
    expect(
      backoffDelay(20, policy, { retryable: true, retryAfterMs: 60_000, description: "" }, () => 1),
    ).toBe(10_000);
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
