// Beijing wall-clock times as Alipay writes them, and the trade timeouts it accepts.
const BEIJING_OFFSET_MS = 8 * 3_600_000

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (with `.SSS` when asked, as in `gmt_refund`). */
export function formatBeijing (epochMs: number, withMillis = false): string {
  const d = new Date(epochMs + BEIJING_OFFSET_MS)
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return withMillis ? `${text}.${pad(d.getUTCMilliseconds(), 3)}` : text
}

/** `yyyyMMdd` in Beijing time, the prefix of Alipay's trade numbers. */
export function beijingDay (epochMs: number): string {
  return formatBeijing(epochMs).slice(0, 10).replaceAll('-', '')
}

/** Parses `yyyy-MM-dd HH:mm:ss` as Beijing time; undefined when it is not exactly that. */
export function parseBeijing (text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number]
  const utc = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(utc)
  // Date.UTC rolls 2024-02-31 over to March: refuse dates that do not exist.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined
  }
  return utc - BEIJING_OFFSET_MS
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const MAX_EXPRESS_MS = 15 * UNIT_MS.d

/**
 * The deadline a `timeout_express` value sets for a trade created at `from`: `1m`–`15d` in whole
 * minutes, hours or days, or `1c` (midnight, Beijing, of the creation day). Undefined when invalid.
 */
export function timeoutExpressDeadline (text: string, from: number): number | undefined {
  if (text === '1c') {
    const midnight = parseBeijing(`${formatBeijing(from).slice(0, 10)} 00:00:00`)
    return midnight === undefined ? undefined : midnight + UNIT_MS.d
  }
  const match = /^([1-9]\d{0,5})([mhd])$/.exec(text)
  if (!match) return undefined
  const span = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
  return span > MAX_EXPRESS_MS ? undefined : from + span
}
