// Alipay's bill day: a calendar day that runs midnight to midnight Beijing time (UTC+8, no DST), whatever the
// store's own time zone is. The store's report days (reports/report-dates.ts) are another matter.

/** China has used UTC+8 without daylight saving since 1991. */
const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** The bill day an instant falls in. */
export function beijingDayOf (at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/** The bill day as UTC instants (ISO, as the database stores them): `from` inclusive, `to` exclusive. */
export function beijingDayBounds (day: string): { from: string, to: string } {
  const start = Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() }
}

/** The hour (0–23) it is in Beijing at `at`. */
export function beijingHour (at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCHours()
}
