// @vigil/ingest — FHIR R4 ingestion (search, Bulk Data, files) and the sandbox FHIR server.
export { IngestError, isAbortError, type IngestErrorCode } from "./errors.js";

// Running ingests
export {
  ingestFromServer,
  ingestFiles,
  followServer,
  remapSource,
  type IngestCommonOptions,
  type IngestServerOptions,
  type IngestFilesOptions,
} from "./sync/ingest.service.js";
export { runSync, type SyncRunOptions, type SyncResult, type SourceContext } from "./sync/sync.worker.js";
export type { SourceBatch } from "./sources/source.type.js";
export { readFilesSource, resourcesOfJson } from "./sources/files/files.source.js";
export {
  readSearchSource,
  DEFAULT_SEARCH_TYPES,
  DEFAULT_SEARCH_FILTERS,
  type SearchSourceOptions,
} from "./sources/search/search.source.js";
export { FhirSearchClient, type FhirSearchClientOptions } from "./sources/search/fhir-client.js";
export {
  readBulkExportSource,
  BULK_CHECKPOINT,
  type BulkExportSourceOptions,
} from "./sources/bulk/bulk-export.source.js";
export {
  rebuildObservationSets,
  type RebuildOptions,
  type RebuildResult,
} from "./store/observation-set.builder.js";
export type { BatchCounts } from "./store/batch.writer.js";
export type { RunIssue } from "./store/source.store.js";

// Resilience and auth
export { withRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from "./http/retry.js";
export { createAuth } from "./auth/auth.factory.js";
export { smartBackendAuth, discoverTokenUrl } from "./auth/smart-backend.auth.js";
export { bearerAuth, NO_AUTH, type AuthOptions, type AuthProvider } from "./auth/auth.type.js";

// Mapping and terminology
export {
  prepareBatch,
  type IncomingResource,
  type NdjsonLine,
  type PreparedBatch,
  type PreparedResource,
} from "./mapping/prepare.js";
export { mapResource, MAPPED_RESOURCE_TYPES } from "./mapping/resource.mapper.js";
export type * from "./mapping/mapped.type.js";
export { MappingProblem } from "./mapping/mapped.type.js";
export {
  DEFAULT_CODE_CONFIG,
  CARE_EVENT_KINDS,
  compileCodes,
  mergeCodeConfig,
  loadCodeConfig,
  type CodeConfig,
  type CompiledCodes,
  type CareEventKind,
  type Coding,
} from "./terminology/code-config.js";
export * from "./terminology/default-codes.js";
export { charlsonGroup } from "./terminology/charlson.js";

// Events and progress
export type {
  EventBus,
  IngestTopics,
  DataChanged,
  IngestProgress,
  Unsubscribe,
} from "./events/event-bus.type.js";
export { MemoryEventBus } from "./events/memory.event-bus.js";
export { RedisEventBus } from "./events/redis.event-bus.js";
export { createEventBus } from "./events/event-bus.factory.js";
export { ProgressReporter } from "./progress/progress.reporter.js";

// Sandbox FHIR server
export { startFhirServer, type FhirServer, type FhirServerOptions } from "./sandbox/server/fhir-server.js";
export {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
  type SandboxData,
} from "./sandbox/server/sandbox.service.js";
export { demoFeed, type SandboxFeed, type DemoFeedOptions } from "./sandbox/server/demo.feed.js";
export type { FaultRule, FaultKind } from "./sandbox/server/fault-injector.js";

// Command logic behind `vigil ingest`, `vigil sandbox serve` and `vigil start`
export type { IngestCliIo } from "./cli/cli-io.type.js";
export { runIngestCli, INGEST_USAGE, describeSync } from "./cli/ingest.cli.js";
export { runSandboxServeCli, SANDBOX_SERVE_USAGE } from "./cli/sandbox-serve.cli.js";
export { runStartSandboxIngest, SANDBOX_SOURCE_NAME } from "./cli/start.cli.js";
export { generatorFeed, type GeneratorFeedOptions } from "./sandbox/server/generator.feed.js";

// ─── The sandbox hospital generator (written alongside; `vigil sandbox generate` dispatches here) ───
export {
  runSandboxGenerate,
  SANDBOX_GENERATE_USAGE,
  type SandboxGenerateIo,
} from "./sandbox/generator/index.js";
export * from "./sandbox/generator/index.js";
