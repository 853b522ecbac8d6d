import { Client } from "fhir-kit-client";
import type { AuthProvider } from "../../auth/auth.type.js";
import { IngestError } from "../../errors.js";
import {
  classifyError,
  classifyStatus,
  withRetry,
  type AttemptFailure,
  type RetryPolicy,
} from "../../http/retry.js";
import { isUnderBase } from "../../http/same-server.js";

/** A FHIR search-set Bundle as far as paging reads it. */
export interface SearchBundle {
  readonly resourceType: "Bundle";
  readonly total?: number;
  readonly link?: readonly { readonly relation: string; readonly url: string }[];
  readonly entry?: readonly { readonly resource?: unknown; readonly search?: { readonly mode?: string } }[];
}

interface KitError {
  response?: { status?: number; data?: unknown };
  config?: { headers?: Headers };
}

/** fhir-kit-client throws `{ response: { status, data }, config: { headers } }`; a 2xx with bad JSON is malformed. */
function classifyKitError(error: unknown): AttemptFailure {
  const e = error as KitError;
  const status = e?.response?.status;
  if (typeof status === "number") {
    if (status >= 200 && status < 300) {
      return { retryable: true, status, description: "malformed or truncated response body" };
    }
    return classifyStatus(status, e.config?.headers?.get?.("retry-after"));
  }
  return classifyError(error);
}

export interface FhirSearchClientOptions {
  readonly baseUrl: string;
  readonly auth: AuthProvider;
  readonly retry: RetryPolicy;
  readonly onRetry?: (what: string, failure: AttemptFailure, attempt: number, delayMs: number) => void;
}

/**
 * The one adapter around fhir-kit-client: search and next-page with retries, backoff, Retry-After, auth
 * refresh on 401, and a check that every `next` link stays on the configured server (fhir-kit-client
 * follows whatever URL the server sends).
 */
export class FhirSearchClient {
  private readonly client: Client;
  private readonly base: URL;

  constructor(private readonly options: FhirSearchClientOptions) {
    this.client = new Client({ baseUrl: options.baseUrl.replace(/\/$/, "") });
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  }

  /** Is `url` on the configured server (same origin, the base path or under it)? */
  isOnServer(url: string): boolean {
    return isUnderBase(url, this.base.href);
  }

  async search(
    resourceType: string,
    params: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<SearchBundle> {
    return this.run(
      `search ${resourceType}`,
      signal,
      async (headers, attemptSignal) =>
        (await this.client.search({
          resourceType,
          searchParams: params,
          options: { headers, signal: attemptSignal },
        })) as unknown as SearchBundle,
    );
  }

  async nextPage(bundle: SearchBundle, signal?: AbortSignal): Promise<SearchBundle | undefined> {
    const next = bundle.link?.find((l) => l.relation === "next")?.url;
    if (next === undefined) return undefined;
    if (!this.isOnServer(next)) {
      throw new IngestError(
        "FOREIGN_LINK",
        `The server's next link ${next} leaves ${this.base.href}; refusing to follow it.`,
      );
    }
    return this.run(
      `page ${next}`,
      signal,
      async (headers, attemptSignal) =>
        (await this.client.nextPage({
          bundle: bundle as never,
          options: { headers, signal: attemptSignal },
        })) as unknown as SearchBundle,
    );
  }

  private run<T>(
    what: string,
    signal: AbortSignal | undefined,
    fn: (headers: Record<string, string>, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return withRetry(
      async (attemptSignal) => {
        const headers = await this.options.auth.headers(attemptSignal);
        const result = await fn(headers, attemptSignal);
        if (
          typeof result !== "object" ||
          result === null ||
          (result as { resourceType?: unknown }).resourceType !== "Bundle"
        ) {
          throw Object.assign(new Error("response is not a Bundle"), { response: { status: 200 } });
        }
        return result;
      },
      this.options.retry,
      {
        what,
        ...(signal === undefined ? {} : { signal }),
        classify: classifyKitError,
        onUnauthorized: () => this.options.auth.invalidate(),
        onRetry: (failure, attempt, delay) => this.options.onRetry?.(what, failure, attempt, delay),
      },
    );
  }
}
