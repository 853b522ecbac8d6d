// What the SPC benchmarks share: deterministic data, a timed call, retained memory, and alternating rounds.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// A real gc() (without --expose-gc on the command line), so heap figures are what the results retain.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Deterministic pseudo-random numbers (mulberry32), so every run uses the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An indicator-like series: a level, noise and a step half way, so the rules have something to find. */
export function indicatorSeries(length: number, rng: () => number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = 50 + (i > length / 2 ? 4 : 0) + (rng() - 0.5) * 10;
  return out;
}

/** One timed call, in the steady state the previous calls left (no collection forced before it). */
export function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  const kept = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (kept === undefined) throw new Error("benchmark produced nothing");
  return ms;
}

/**
 * What one call's result retains: heap plus typed-array backing stores (counted in arrayBuffers) with the
 * result referenced, less the same after dropping it, each after a full collection; so memory the call
 * freed or left behind (an earlier result, scratch) does not count. Measured on a call of its own: forcing
 * a collection before every timed round would also shrink the young generation, and time the collector
 * growing it back rather than the code.
 */
export function retained(run: () => unknown): number {
  const used = (): number => {
    gc();
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const box: { result?: unknown } = { result: run() };
  const holding = used();
  if (box.result === undefined) throw new Error("benchmark produced nothing");
  delete box.result;
  return (holding - used()) / 2 ** 20;
}

export interface VariantResult {
  readonly variant: string;
  /** The first call (new inputs, memory the process has not used yet). */
  readonly firstMs: number;
  readonly bestMs: number;
  readonly heapMb: number;
  /** Speed relative to the first variant, best round against best round; absent for the first. */
  readonly ratio?: number;
}

/**
 * Times the variants of one case in alternating rounds (A, B, A, B, …) after a first call each, so they
 * share the machine's state; then measures what one result of each retains.
 */
export function compareVariants(rounds: number, variants: Record<string, () => unknown>): VariantResult[] {
  const entries = Object.entries(variants);
  const first = entries.map(([, run]) => time(run));
  const best = [...first];
  for (let r = 0; r < rounds; r++) {
    entries.forEach(([, run], k) => {
      best[k] = Math.min(best[k]!, time(run));
    });
  }
  return entries.map(([variant, run], k) => ({
    variant,
    firstMs: first[k]!,
    bestMs: best[k]!,
    heapMb: retained(run),
    ...(k === 0 ? {} : { ratio: best[0]! / best[k]! }),
  }));
}
