// Alipay's `timestamp` format, always in Beijing time whatever the server's own time zone is.

/** China has used UTC+8 without daylight saving since 1991. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai, e.g. `2024-05-13 17:49:20`. */
export function alipayTimestamp (date: Date = new Date()): string {
  const ms = date.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('alipayTimestamp: invalid date')
  const beijing = new Date(ms + BEIJING_OFFSET_MS)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${beijing.getUTCFullYear()}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())} ` +
    `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}:${pad(beijing.getUTCSeconds())}`
}
