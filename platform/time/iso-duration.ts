const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO 8601 duration (`P10D`, `PT30M`, `P1Y2M`) to `from`, calendar-aware; undefined if it is not one. */
export function addIsoDuration(from: Date, duration: string): Date | undefined {
  const m = DURATION.exec(duration.trim());
  if (!m) return undefined;
  const [, y, mo, w, d, h, mi, s] = m.map((part) => (part === undefined ? 0 : Number(part)));
  const at = new Date(from.getTime());
  at.setUTCFullYear(at.getUTCFullYear() + y!, at.getUTCMonth() + mo!, at.getUTCDate() + 7 * w! + d!);
  return new Date(at.getTime() + ((h! * 60 + mi!) * 60 + s!) * 1000);
}

/**
 * A deadline from a process variable: an ISO 8601 duration counts from `now`, an ISO date-time is taken
 * as is. Undefined when the value is neither.
 */
export function deadlineFrom(value: unknown, now: Date): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  if (value.trim().startsWith('P')) return addIsoDuration(now, value);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
