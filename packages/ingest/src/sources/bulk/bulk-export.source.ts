import type { AuthProvider } from "../../auth/auth.type.js";
import { IngestError } from "../../errors.js";
import {
  classifyError,
  classifyStatus,
  parseRetryAfter,
  sleep,
  withRetry,
  type AttemptFailure,
  type RetryPolicy,
} from "../../http/retry.js";
import { readWithIdleTimeout } from "../../http/idle-timeout.js";
import { isUnderBase } from "../../http/same-server.js";
import type { IncomingResource, UnparsedPayload } from "../../mapping/prepare.js";
import type { Checkpoint, RunIssue } from "../../store/source.store.js";
import type { SourceBatch } from "../source.type.js";

/** Checkpoint row of a Bulk Data source: high water = the last completed export's `transactionTime`. */
export const BULK_CHECKPOINT = "$export";

export interface BulkExportSourceOptions {
  readonly baseUrl: string;
  /** Group-level export (`Group/[id]/$export`); system-level when absent. */
  readonly groupId?: string;
  readonly resourceTypes: readonly string[];
  readonly checkpoints: ReadonlyMap<string, Checkpoint>;
  readonly auth: AuthProvider;
  readonly retry: RetryPolicy;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** Longest wait between status polls, whatever Retry-After says (default 60 s). */
  readonly maxPollIntervalMs?: number;
  readonly issue: (issue: RunIssue) => void;
  readonly log?: (line: string) => void;
}

interface Manifest {
  readonly transactionTime: string;
  readonly requiresAccessToken?: boolean;
  readonly output: readonly { readonly type: string; readonly url: string; readonly count?: number }[];
  readonly error?: readonly { readonly type: string; readonly url: string }[];
}

class HttpFailure extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(failure.description);
  }
}

function classify(error: unknown): AttemptFailure {
  return error instanceof HttpFailure ? error.failure : classifyError(error);
}

/**
 * Whether to send our credentials for an export's output or error file. Files on the server get them. Files
 * stored elsewhere (a cloud bucket's signed URLs) are fetched without them, which the manifest allows by saying
 * `requiresAccessToken: false`; otherwise they are refused rather than sent our token.
 */
export function sendCredentialsFor(
  url: string,
  base: string,
  requiresAccessToken: boolean | undefined,
  what: string,
): boolean {
  if (isUnderBase(url, base)) return true;
  if (requiresAccessToken === false && /^https?:\/\//i.test(url)) return false;
  throw new IngestError(
    "FOREIGN_LINK",
    `${what} ${url} leaves ${base} and the manifest does not say it can be fetched without our access token`,
  );
}

/**
 * FHIR Bulk Data `$export` (system or Group level): kick-off with `Prefer: respond-async` and `_since` (the
 * previous export's `transactionTime`), polling the status URL honouring `Retry-After` and logging
 * `X-Progress`, then each NDJSON output file streamed in batches. OperationOutcomes in the manifest's error
 * files are recorded as run issues. The status URL is kept as the checkpoint cursor, so a restarted run
 * polls the export already under way instead of starting another; the high water advances to the export's
 * `transactionTime` only after every file has been committed.
 */
export async function* readBulkExportSource(options: BulkExportSourceOptions): AsyncGenerator<SourceBatch> {
  const base = options.baseUrl.replace(/\/$/, "");
  const checkpoint = options.checkpoints.get(BULK_CHECKPOINT);
  const log = options.log ?? (() => undefined);
  /**
   * One request with retries; `read` runs inside the attempt, so a body cut short (a truncated manifest or
   * error file) is retried like a failed request. `auth: false` for files stored off the server.
   */
  const request = async <T = Response>(
    url: string,
    init: RequestInit,
    what: string,
    accept: (r: Response) => boolean,
    read: (r: Response) => Promise<T> = (r) => Promise.resolve(r as T),
    auth = true,
  ): Promise<T> =>
    withRetry(
      async (signal) => {
        const response = await fetch(url, {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            ...(auth ? await options.auth.headers(signal) : {}),
          },
          signal,
        });
        if (!accept(response)) {
          await response.body?.cancel().catch(() => undefined);
          throw new HttpFailure(classifyStatus(response.status, response.headers.get("retry-after")));
        }
        return read(response);
      },
      options.retry,
      {
        what,
        classify,
        onUnauthorized: () => options.auth.invalidate(),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );

  let statusUrl = checkpoint?.cursor ?? undefined;
  if (statusUrl !== undefined && !isUnderBase(statusUrl, base)) statusUrl = undefined;
  if (statusUrl !== undefined) log(`resuming Bulk Data export ${statusUrl}`);
  let manifest: Manifest | undefined;
  for (let kickOffs = 0; manifest === undefined; kickOffs++) {
    if (statusUrl === undefined) {
      const params = new URLSearchParams({ _type: options.resourceTypes.join(",") });
      if (checkpoint?.highWater) params.set("_since", checkpoint.highWater.toISOString());
      const url = `${base}/${options.groupId === undefined ? "" : `Group/${options.groupId}/`}$export?${params.toString()}`;
      const response = await request(
        url,
        { headers: { accept: "application/fhir+json", prefer: "respond-async" } },
        `Bulk Data kick-off ${url}`,
        (r) => r.status === 202,
      );
      statusUrl = response.headers.get("content-location") ?? undefined;
      if (statusUrl === undefined)
        throw new IngestError("EXPORT_FAILED", `${url} answered 202 without Content-Location`);
      // The status URL is polled with our credentials: it must be the server's own.
      if (!isUnderBase(statusUrl, base))
        throw new IngestError("FOREIGN_LINK", `Export status URL ${statusUrl} leaves ${base}`);
      // Remember the job before polling, so a restart polls it rather than kicking off another export.
      yield {
        resourceType: BULK_CHECKPOINT,
        incoming: [],
        checkpoint: { resourceType: BULK_CHECKPOINT, highWater: null, cursor: statusUrl },
      };
    }
    const url = statusUrl;
    for (;;) {
      const response = await request(
        url,
        { headers: { accept: "application/json" } },
        `Bulk Data status ${url}`,
        (r) => r.status === 200 || r.status === 202 || r.status === 404,
        async (r) => {
          if (r.status === 200)
            return { status: 200, headers: r.headers, manifest: (await r.json()) as Manifest };
          await r.body?.cancel().catch(() => undefined);
          return { status: r.status, headers: r.headers, manifest: undefined };
        },
      );
      if (response.status === 404) {
        // The job expired (or the server restarted): start a new one once.
        if (kickOffs > 0) throw new IngestError("EXPORT_FAILED", `Export job ${url} disappeared`);
        log(`export job ${url} is gone; starting a new export`);
        statusUrl = undefined;
        break;
      }
      if (response.manifest !== undefined) {
        manifest = response.manifest;
        break;
      }
      const progress = response.headers.get("x-progress");
      if (progress !== null) log(`export in progress: ${progress}`);
      const wait = Math.min(
        options.maxPollIntervalMs ?? 60_000,
        parseRetryAfter(response.headers.get("retry-after")) ?? 1_000,
      );
      await sleep(wait, options.signal);
    }
  }

  const fileHeaders = (): Record<string, string> => ({ accept: "application/fhir+ndjson" });
  const withCredentials = (url: string, what: string): boolean =>
    sendCredentialsFor(url, base, manifest?.requiresAccessToken, what);
  for (const error of manifest.error ?? []) {
    const text = await request(
      error.url,
      { headers: fileHeaders() },
      `Bulk Data error file ${error.url}`,
      (r) => r.ok,
      (r) => r.text(),
      withCredentials(error.url, "Export error file"),
    );
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const outcome = JSON.parse(line) as {
          issue?: { severity?: string; code?: string; diagnostics?: string; details?: { text?: string } }[];
        };
        for (const issue of outcome.issue ?? []) {
          options.issue({
            severity:
              issue.severity === "warning" || issue.severity === "information" ? issue.severity : "error",
            code: `export-${issue.code ?? "error"}`,
            message: issue.diagnostics ?? issue.details?.text ?? "Bulk Data export error",
          });
        }
      } catch {
        options.issue({ severity: "error", code: "export-error", message: line.slice(0, 500) });
      }
    }
  }

  const batchSize = options.batchSize ?? 2_000;
  const totals = new Map<string, number>();
  for (const file of manifest.output) totals.set(file.type, (totals.get(file.type) ?? 0) + (file.count ?? 0));
  const fetchedByType = new Map<string, number>();
  for (const file of manifest.output) {
    const credentials = withCredentials(file.url, "Export file");
    // A download cut off mid-stream is retried from the start, skipping the lines already yielded.
    let delivered = 0;
    for (let attempt = 0; ; attempt++) {
      let incoming: IncomingResource[] = [];
      let unparsed: UnparsedPayload[] = [];
      let line = 0;
      try {
        const response = await request(
          file.url,
          { headers: fileHeaders() },
          `Bulk Data file ${file.url}`,
          (r) => r.ok,
          undefined,
          credentials,
        );
        const decoder = new TextDecoderStream();
        const reader = readWithIdleTimeout(
          response.body!.pipeThrough(decoder).getReader(),
          options.retry.timeoutMs,
        );
        let rest = "";
        const take = function* (text: string): Generator<SourceBatch> {
          if (text.trim() === "") return;
          line++;
          if (line <= delivered) return;
          try {
            incoming.push({ resource: JSON.parse(text), text });
          } catch (error) {
            unparsed.push({
              text,
              code: "invalid-json",
              reason: `${file.url} line ${line}: ${(error as Error).message}`,
            });
          }
          if (incoming.length + unparsed.length >= batchSize) {
            const fetched = (fetchedByType.get(file.type) ?? 0) + incoming.length + unparsed.length;
            fetchedByType.set(file.type, fetched);
            yield { resourceType: file.type, incoming, unparsed, total: totals.get(file.type) ?? 0, fetched };
            delivered = line;
            incoming = [];
            unparsed = [];
          }
        };
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          rest += value;
          let newline = rest.indexOf("\n");
          while (newline >= 0) {
            yield* take(rest.slice(0, newline));
            rest = rest.slice(newline + 1);
            newline = rest.indexOf("\n");
          }
        }
        yield* take(rest);
        if (incoming.length + unparsed.length > 0) {
          const fetched = (fetchedByType.get(file.type) ?? 0) + incoming.length + unparsed.length;
          fetchedByType.set(file.type, fetched);
          yield { resourceType: file.type, incoming, unparsed, total: totals.get(file.type) ?? 0, fetched };
        }
        break;
      } catch (error) {
        const failure = classify(error);
        if (error instanceof IngestError || !failure.retryable || options.signal?.aborted === true)
          throw error;
        if (attempt >= options.retry.retries) {
          throw new IngestError(
            "SOURCE_UNAVAILABLE",
            `Bulk Data file ${file.url}: still failing after ${attempt + 1} attempts (last: ${failure.description})`,
            { cause: error },
          );
        }
        log(`Bulk Data file ${file.url} interrupted (${failure.description}); retrying`);
        await sleep(
          Math.min(options.retry.maxDelayMs, options.retry.baseDelayMs * 2 ** attempt),
          options.signal,
        );
      }
    }
  }
  // Every file is committed (batches are written in order before this one): the export is complete.
  yield {
    resourceType: BULK_CHECKPOINT,
    incoming: [],
    checkpoint: { resourceType: BULK_CHECKPOINT, highWater: manifest.transactionTime, cursor: null },
  };
  await request(statusUrl!, { method: "DELETE" }, `Bulk Data cleanup ${statusUrl!}`, () => true).catch(
    () => undefined,
  );
}
