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

const ALIPAY_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/

/**
 * The instant an Alipay time names (`gmt_payment`, `send_pay_date`: `yyyy-MM-dd HH:mm:ss`, sometimes
 * with `.S`), read as Beijing time; null for anything else, so a malformed value is never trusted.
 */
export function parseAlipayTimestamp (text: string): Date | null {
  const match = ALIPAY_TIME.exec(text.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const ms = Number((match[7] ?? '0').padEnd(3, '0'))
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  const date = new Date(utc - BEIJING_OFFSET_MS)
  // Date.UTC rolls 2024-02-30 over to March: a date that does not exist is refused instead.
  return alipayTimestamp(date) === `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}` ? date : null
}
