/**
 * ISO 8601 calendar dates and date-times as UTC milliseconds, without the host time zone: "2024-03-01",
 * "2024-03-01 14:30", "2024-03-01T14:30:00Z" (a trailing Z or ±hh:mm offset is honoured). qicharts2 turns
 * Date x into POSIXct in UTC (`as.POSIXct(as.character(x), tz = 'UTC')`), so periods compare as instants
 * in UTC here too. Returns NaN for anything else, including impossible dates such as "2023-02-30".
 *
 * @example
 * parseIsoDate("2021-01-01"); // 1609459200000
 * parseIsoDate("2021-01-01 06:00:00"); // 1609480800000
 * parseIsoDate("March 2021"); // NaN
 */
export function parseIsoDate(text: string): number {
  const m = ISO.exec(text.trim());
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second >= 61) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, 0) + second * 1000;
  if (new Date(ms).getUTCDate() !== day && second < 60) return Number.NaN;
  const zone = m[7];
  if (zone === undefined || zone === "Z" || zone === "z") return ms;
  const sign = zone.startsWith("-") ? -1 : 1;
  const [zh, zm] = zone.slice(1).split(":");
  return ms - sign * (Number(zh) * 60 + Number(zm ?? 0)) * 60000;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Formats UTC milliseconds as "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when the time is not midnight (R's
 * format of a POSIXct vector in UTC).
 *
 * @example
 * formatIsoDate(1609459200000); // "2021-01-01"
 */
export function formatIsoDate(ms: number, withTime = false): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  if (!withTime) return date;
  return `${date} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
