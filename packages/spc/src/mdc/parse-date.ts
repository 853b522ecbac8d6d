import { SpcError } from "../core/spc-error.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date or date-time as epoch milliseconds (UTC), read the way NHSRplotthedots reads its date column
 * (`lubridate::as_datetime`, which treats a `Date` as midnight UTC and a date-time without a zone as UTC).
 * Accepts `Date` objects and ISO strings `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.sss]]` (a space may replace the
 * `T`) with an optional `Z` or `±HH:MM` offset. Unlike `Date.parse`, a date-time without an offset is never read
 * in the machine's local zone, so the result is the same in every browser and server.
 *
 * @throws SpcError `INVALID_DATE` naming `argument`
 * @example
 * parseDate("2020-01-01", "date_field", 0); // 1577836800000
 * parseDate("2020-01-01T06:00:00+01:00", "date_field", 0); // 1577854800000
 */
export function parseDate(value: unknown, argument: string, index: number): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isFinite(t)) return t;
  } else if (typeof value === "string") {
    const m = ISO.exec(value.trim());
    if (m !== null) {
      const [, y, mo, d, h, mi, s, frac, zone] = m;
      const year = Number(y);
      const month = Number(mo);
      const day = Number(d);
      const t = Date.UTC(year, month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
      const check = new Date(t);
      // Date.UTC rolls 2021-02-30 over to March; R refuses such a date, and so do we.
      if (
        check.getUTCFullYear() === year &&
        check.getUTCMonth() === month - 1 &&
        check.getUTCDate() === day
      ) {
        const millis = frac === undefined ? 0 : Math.round(Number(frac) * 1000);
        return t + millis - zoneOffsetMs(zone);
      }
    }
  }
  throw new SpcError(
    "INVALID_DATE",
    `${argument}[${index}] is ${JSON.stringify(value) ?? String(value)}: expected a date such as "2024-01-31" or a Date`,
    argument,
  );
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
