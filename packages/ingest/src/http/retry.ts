import { IngestError } from "../errors.js";

/** How hard to try before giving up on a server. */
export interface RetryPolicy {
  /** Attempts after the first (default 6). */
  readonly retries: number;
  /** First backoff ceiling (default 500 ms); doubles each attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff between attempts (default 30 s); a server's Retry-After may ask for longer. */
  readonly maxDelayMs: number;
  /**
   * Per-request timeout (default 60 s): until the response has arrived — for a search page, its whole body; a
   * streamed body (Bulk Data files) is read under its own idle timeout instead.
   */
  readonly timeoutMs: number;
  /**
   * Longest Retry-After honoured (default 10 min). A server that asks for longer is not asked again early —
   * the run stops at once with the server's answer in its error.
   */
  readonly maxRetryAfterMs?: number;
}

export const DEFAULT_MAX_RETRY_AFTER_MS = 10 * 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 60_000,
};

/** What went wrong with one attempt, as far as retrying is concerned. */
export interface AttemptFailure {
  readonly retryable: boolean;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  /** Server-requested wait (Retry-After), in ms. */
  readonly retryAfterMs?: number;
  /** The request was refused for its credentials: refresh them and try again. */
  readonly unauthorized?: boolean;
  readonly description: string;
}

/** Parses Retry-After: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** Classifies an HTTP status: 408, 425, 429 and 5xx are worth another try; 401 refreshes credentials. */
export function classifyStatus(status: number, retryAfter?: string | null): AttemptFailure {
  const retryAfterMs = parseRetryAfter(retryAfter);
  return {
    retryable: status === 408 || status === 425 || status === 429 || status >= 500,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    unauthorized: status === 401,
    description: `HTTP ${status}`,
  };
}

/** Classifies a thrown error: dropped connections, resets, timeouts and unparseable bodies are retryable. */
export function classifyError(error: unknown): AttemptFailure {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e?.name === "TimeoutError")
    return {
      retryable: true,
      description:
        e.message?.includes("timed out") === true ? e.message : `timed out (${e.message ?? "no answer"})`,
    };
  const code = e?.code ?? e?.cause?.code;
  if (code !== undefined && RETRYABLE_CODES.has(code))
    return { retryable: true, description: `connection failed (${code})` };
  if (
    e?.name === "TypeError" &&
    /fetch failed|terminated|other side closed/i.test(`${e.message} ${e.cause?.message ?? ""}`)
  ) {
    return { retryable: true, description: `connection failed (${e.cause?.message ?? e.message})` };
  }
  if (e?.name === "SyntaxError") return { retryable: true, description: `malformed response (${e.message})` };
  return { retryable: false, description: e?.message ?? String(error) };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new IngestError("ABORTED", "Stopped", { cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new IngestError("ABORTED", "Stopped", { cause: signal?.reason }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"), and never sooner
 * than the server's Retry-After (RFC 9110 §10.2.3), even when that is longer than the backoff's cap.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  failure: AttemptFailure,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(random() * ceiling);
  return Math.max(jittered, failure.retryAfterMs ?? 0);
}

export interface RetryHooks {
  readonly signal?: AbortSignal;
  /** Turns an error into a failure classification (default: {@link classifyError}). */
  readonly classify?: (error: unknown) => AttemptFailure;
  /** Called before each retry wait (logging, metrics). */
  readonly onRetry?: (failure: AttemptFailure, attempt: number, delayMs: number) => void;
  /** Called on 401 before retrying, to refresh credentials (at most once in a row). */
  readonly onUnauthorized?: () => void;
  /** What is being fetched, for the final error message. */
  readonly what: string;
}

/**
 * Runs `attempt` until it succeeds, retrying retryable failures with backoff and honouring Retry-After.
 * Each attempt gets its own timeout signal (also aborted with the caller's signal). When the server stays
 * down, fails with `SOURCE_UNAVAILABLE` naming what was fetched and the last failure.
 */
export async function withRetry<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  const classify = hooks.classify ?? classifyError;
  let refreshedAuth = false;
  for (let n = 0; ; n++) {
    hooks.signal?.throwIfAborted();
    // A timer cleared once the attempt resolves (AbortSignal.timeout cannot be): a Response handed back keeps
    // this signal, and its body may rightly take longer to stream than the request took to answer.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`request timed out after ${policy.timeoutMs} ms`, "TimeoutError")),
      policy.timeoutMs,
    );
    const signal =
      hooks.signal === undefined ? timeout.signal : AbortSignal.any([hooks.signal, timeout.signal]);
    try {
      return await attempt(signal);
    } catch (error) {
      if (hooks.signal?.aborted) throw new IngestError("ABORTED", "Stopped", { cause: error });
      if (error instanceof IngestError && error.code !== "HTTP_ERROR") throw error;
      const failure = classify(error);
      if (failure.unauthorized === true && !refreshedAuth && hooks.onUnauthorized !== undefined) {
        refreshedAuth = true;
        hooks.onUnauthorized();
        n--;
        continue;
      }
      if (!failure.retryable) {
        throw new IngestError(
          failure.unauthorized === true ? "AUTH_FAILED" : "HTTP_ERROR",
          `${hooks.what}: ${failure.description}`,
          { cause: error },
        );
      }
      if (n >= policy.retries) {
        throw new IngestError(
          "SOURCE_UNAVAILABLE",
          `${hooks.what}: still failing after ${n + 1} attempts (last: ${failure.description})`,
          { cause: error },
        );
      }
      const maxRetryAfter = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > maxRetryAfter) {
        throw new IngestError(
          "SOURCE_UNAVAILABLE",
          `${hooks.what}: ${failure.description} asking to retry after ${Math.ceil(failure.retryAfterMs / 1000)} s, ` +
            `longer than the ${Math.round(maxRetryAfter / 1000)} s Vigil waits`,
          { cause: error },
        );
      }
      const delay = backoffDelay(n, policy, failure);
      hooks.onRetry?.(failure, n + 1, delay);
      await sleep(delay, hooks.signal);
      if (failure.status !== 401) refreshedAuth = false;
    } finally {
      clearTimeout(timer);
    }
  }
}

export { sleep };
