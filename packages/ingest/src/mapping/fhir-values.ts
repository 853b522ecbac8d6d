/**
 * Defensive readers for FHIR JSON. Input comes from servers and files we do not control, so nothing here
 * trusts a field's type: a wrong shape reads as absent, and the mapper decides whether that is fatal. Dates are
 * the exception: a date string that names no real day or time (2023-02-30, 24:00, year 0) is a MappingProblem,
 * as PostgreSQL would refuse it and with it the whole batch.
 */
import { MappingProblem } from "./mapped.type.js";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export interface CodingValue {
  readonly system: string | undefined;
  readonly code: string;
  readonly display: string | undefined;
}

/** The codings of a CodeableConcept that carry a code. */
export function codings(concept: unknown): CodingValue[] {
  const out: CodingValue[] = [];
  for (const coding of asArray(asObject(concept)?.["coding"])) {
    if (!isObject(coding)) continue;
    const code = asString(coding["code"]);
    if (code === undefined) continue;
    out.push({ system: asString(coding["system"]), code, display: asString(coding["display"]) });
  }
  return out;
}

/** The first code of a CodeableConcept (any system). */
export function firstCode(concept: unknown): string | undefined {
  return codings(concept)[0]?.code;
}

const DATE_ONLY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))?$/;
/** 0001-01-01T00:00:00Z: FHIR has no year 0, nor has PostgreSQL. */
const EARLIEST_MS = -62_135_596_800_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function invalidDate(value: string): MappingProblem {
  return new MappingProblem("invalid-date", `"${value}" is not a date or time that exists`);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0);
}

/**
 * A FHIR date, dateTime or instant as an ISO instant (UTC, millisecond precision); null when absent or not a
 * string. A partial date ("2024", "2024-03") means its first day; a date-time without a zone is read as UTC so
 * the result never depends on the machine's time zone; a leap second (:60, which FHIR allows) is the next
 * second. A string of another shape, or naming a day or time that does not exist, throws a MappingProblem
 * ("invalid-date"): the resource is quarantined with the value in its reason.
 */
export function toInstant(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const utc = utcInstant(value);
  if (utc !== undefined) return utc;
  const date = DATE_ONLY.exec(value);
  if (date !== null) {
    const month = date[2] ?? "01";
    const day = date[3] ?? "01";
    if (!isCalendarDate(Number(date[1]), Number(month), Number(day))) throw invalidDate(value);
    return `${date[1]}-${month}-${day}T00:00:00.000Z`;
  }
  const parts = DATE_TIME.exec(value);
  if (parts === null) throw invalidDate(value);
  const [, year, month, day, hour, minute, second, , zone, zoneHour, zoneMinute] = parts;
  const leapSecond = second === "60";
  if (
    !isCalendarDate(Number(year), Number(month), Number(day)) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    (Number(second ?? 0) > 59 && !leapSecond) ||
    Number(zoneHour ?? 0) > 14 ||
    Number(zoneMinute ?? 0) > 59
  ) {
    throw invalidDate(value);
  }
  const text = leapSecond ? `${value.slice(0, 17)}59${value.slice(19)}` : value;
  const ms = Date.parse(zone === undefined ? `${text}Z` : text) + (leapSecond ? 1000 : 0);
  if (Number.isNaN(ms) || ms < EARLIEST_MS) throw invalidDate(value);
  return new Date(ms).toISOString();
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(value: string, at: number): number {
  const a = value.charCodeAt(at) - 48;
  const b = value.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The shapes servers send almost always — `YYYY-MM-DDThh:mm:ss.sssZ` and `YYYY-MM-DDThh:mm:ssZ` — already are
 * UTC instants: with every field in range they are returned (padded to milliseconds) without a round trip
 * through `Date`, which cost a few microseconds per value, several values per resource. Anything else is left
 * to the general path (undefined).
 */
function utcInstant(value: string): string | undefined {
  const n = value.length;
  if ((n !== 24 && n !== 20) || value.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (value[4] !== "-" || value[7] !== "-" || value[10] !== "T" || value[13] !== ":" || value[16] !== ":")
    return undefined;
  const century = twoDigits(value, 0);
  const yy = twoDigits(value, 2);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  if (century < 0 || yy < 0 || !isCalendarDate(century * 100 + yy, twoDigits(value, 5), twoDigits(value, 8)))
    return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (n === 20) return `${value.slice(0, 19)}.000Z`;
  if (value[19] !== "." || twoDigits(value, 20) < 0 || twoDigits(value, 21) < 0) return undefined;
  return value;
}

/** A FHIR date as `YYYY-MM-DD` (partial dates padded), or null. */
export function toDate(value: unknown): string | null {
  const instant = toInstant(value);
  return instant === null ? null : instant.slice(0, 10);
}

/** Start and end of whichever of `[x]Period`, `[x]DateTime`, `[x]Instant` a resource carries. */
export function timing(resource: JsonObject, prefix: string): { start: string | null; end: string | null } {
  const period = asObject(resource[`${prefix}Period`]);
  if (period !== undefined) return { start: toInstant(period["start"]), end: toInstant(period["end"]) };
  const at = toInstant(resource[`${prefix}DateTime`] ?? resource[`${prefix}Instant`]);
  return { start: at, end: null };
}

/**
 * Longest text kept in a column PostgreSQL indexes: a B-tree entry holds at most ~2,700 bytes, i.e. 500
 * characters of up to three bytes each with room for the other key columns.
 */
export const MAX_INDEXED_TEXT = 500;

/**
 * `value` for a column PostgreSQL indexes (ward names, directory identifiers): a longer one is a
 * MappingProblem ("value-too-long") naming `what`, as the database would refuse it and with it the whole batch.
 */
export function indexedText<T extends string | null>(value: T, what: string): T {
  if (value !== null && value.length > MAX_INDEXED_TEXT) {
    throw new MappingProblem(
      "value-too-long",
      `${what} is ${value.length.toLocaleString("en-GB")} characters long; at most ${MAX_INDEXED_TEXT.toLocaleString("en-GB")} are stored`,
    );
  }
  return value;
}

/** `system|value` of an Identifier, or undefined when it has no value. */
export function identifierKey(identifier: unknown): { system: string; value: string } | undefined {
  if (!isObject(identifier)) return undefined;
  const value = asString(identifier["value"]);
  if (value === undefined) return undefined;
  return { system: asString(identifier["system"]) ?? "", value };
}

/** A resource's business identifiers, for `resource_identifier` (whose primary key holds system and value). */
export function identifiersOf(resource: JsonObject): { system: string; value: string }[] {
  const out: { system: string; value: string }[] = [];
  for (const identifier of asArray(resource["identifier"])) {
    const key = identifierKey(identifier);
    if (key === undefined) continue;
    indexedText(`${key.system}|${key.value}`, "An identifier");
    out.push(key);
  }
  return out;
}
