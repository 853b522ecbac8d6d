/** Simulation time is epoch milliseconds (UTC); resources carry ISO 8601 instants. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `2025-01-06T14:05:00Z`: second precision, as charting systems record it. */
export function isoInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `2025-01-06`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Rounds down to the whole minute: charted times carry no seconds. */
export function toMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

/** Hour of day (0–23, UTC) of an instant. */
export function hourOfDay(ms: number): number {
  return new Date(ms).getUTCHours();
}

/** Day of week (0 Sunday – 6 Saturday, UTC). */
export function dayOfWeek(ms: number): number {
  return new Date(ms).getUTCDay();
}

/** Midnight (UTC) of the day containing `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Night shift hours, when observations are most often late or missed. */
export function isNight(ms: number): boolean {
  const hour = hourOfDay(ms);
  return hour >= 22 || hour < 7;
}
