// CPU seconds used by the processes a benchmark involves, read from Linux's /proc: the ingest itself, the
// sandbox server and the PostgreSQL server. With them a run reports the shortest time its work could take on
// this machine's cores — the floor that no amount of overlapping can beat — beside the time it took.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node.js supports

/** utime + stime (+ cutime + cstime: children reaped, i.e. PostgreSQL backends that have exited) of one process. */
function processTicks(pid: number, withChildren: boolean): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which sits in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return utime! + stime! + (withChildren ? cutime! + cstime! : 0);
  } catch {
    return undefined;
  }
}

/** CPU seconds of one process (and optionally its reaped children), or undefined off Linux. */
export function processCpuSeconds(pid: number, withChildren = false): number | undefined {
  const ticks = processTicks(pid, withChildren);
  return ticks === undefined ? undefined : ticks / TICKS_PER_SECOND;
}

/**
 * CPU seconds used so far by every process named `postgres` on this machine (the server, its background
 * workers, live backends, and — through the postmaster's children totals — backends that have exited).
 * Undefined when there is no /proc or no local PostgreSQL.
 */
export function postgresCpuSeconds(): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let name: string;
    try {
      name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (name !== "postgres") continue;
    const own = processTicks(Number(pid), true);
    if (own === undefined) continue;
    ticks += own;
    found = true;
  }
  return found ? ticks / TICKS_PER_SECOND : undefined;
}

/** `a - b`, or undefined when either is unknown. */
export function delta(after: number | undefined, before: number | undefined): number | undefined {
  return after === undefined || before === undefined ? undefined : after - before;
}

export const formatSeconds = (seconds: number | undefined): string =>
  seconds === undefined ? "n/a" : seconds.toFixed(1);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
