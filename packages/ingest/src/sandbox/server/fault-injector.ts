/** Faults the sandbox server can inject, for resilience tests (never on by default). */
export type FaultKind = "status" | "slow" | "drop" | "malformed" | "truncated";

export interface FaultRule {
  readonly kind: FaultKind;
  /** For "status": the HTTP status (429, 500, 503, ...). */
  readonly status?: number;
  /** For "status": a Retry-After header, in seconds. */
  readonly retryAfterSeconds?: number;
  /** For "slow": delay before answering. */
  readonly delayMs?: number;
  /** Only requests whose path and query contain this text (default: every FHIR request). */
  readonly match?: string;
  /** Inject on every n-th matching request (default 1: all of them). */
  readonly every?: number;
  /** Stop after this many injections (default: unlimited). */
  readonly times?: number;
}

interface RuleState {
  readonly rule: FaultRule;
  seen: number;
  injected: number;
}

/**
 * Decides, request by request, which fault (if any) to inject. Deterministic: counting, not chance, so a
 * test that asks for "a 429 on every third page, twice" gets exactly that.
 */
export class FaultInjector {
  private rules: RuleState[] = [];
  /** Faults injected so far, by kind (and status). */
  readonly injected = new Map<string, number>();

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, seen: 0, injected: 0 }));
  }

  clear(): void {
    this.rules = [];
  }

  total(): number {
    let n = 0;
    for (const count of this.injected.values()) n += count;
    return n;
  }

  /** The fault to inject into this request, or undefined. */
  next(pathAndQuery: string): FaultRule | undefined {
    for (const state of this.rules) {
      const { rule } = state;
      if (rule.match !== undefined && !pathAndQuery.includes(rule.match)) continue;
      if (rule.times !== undefined && state.injected >= rule.times) continue;
      state.seen++;
      if (state.seen % (rule.every ?? 1) !== 0) continue;
      state.injected++;
      const key = rule.kind === "status" ? `status ${rule.status ?? 500}` : rule.kind;
      this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
      return rule;
    }
    return undefined;
  }
}
