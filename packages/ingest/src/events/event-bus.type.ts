/**
 * Events the ingest publishes for the API (ARCHITECTURE.md "Events and live updates"). Payloads are plain
 * JSON so they cross Redis unchanged.
 */

/** Published after each committed batch that changed stored rows. */
export interface DataChanged {
  readonly sourceName: string;
  /** Wards whose rows changed (empty when unknown, e.g. patients only). */
  readonly wards: readonly string[];
  /** Clinical time span of the changed rows (ISO instants), null when none carried a time. */
  readonly from: string | null;
  readonly to: string | null;
  readonly resourceTypes: readonly string[];
  readonly runId: number;
}

/** Published as a run progresses, per resource type. */
export interface IngestProgress {
  readonly sourceName: string;
  readonly runId: number;
  readonly resourceType: string;
  readonly fetched: number;
  readonly stored: number;
  readonly quarantined: number;
  readonly total?: number;
  readonly ratePerSecond: number;
  readonly etaSeconds?: number;
  readonly done: boolean;
}

/** Topic name → payload type. */
export interface IngestTopics {
  readonly DataChanged: DataChanged;
  readonly IngestProgress: IngestProgress;
}

export type Unsubscribe = () => void;

/** A small typed pub/sub: in memory for one process, Redis across processes. */
export interface EventBus<Topics extends object = IngestTopics> {
  publish<K extends keyof Topics & string>(topic: K, payload: Topics[K]): Promise<void>;
  subscribe<K extends keyof Topics & string>(topic: K, handler: (payload: Topics[K]) => void): Unsubscribe;
  /** Resolves once every subscription made so far is live (Redis subscribes asynchronously). */
  ready(): Promise<void>;
  close(): Promise<void>;
}
