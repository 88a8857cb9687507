// Form bodies and query strings in the charset a request declares (utf-8 or GBK), as raw bytes.
import iconv from 'iconv-lite'

const SUPPORTED = new Set(['utf-8', 'utf8', 'gbk', 'gb2312', 'gb18030'])

/** The iconv name for a declared charset, or undefined when the gateway does not speak it. */
export function charsetEncoding (charset: string): string | undefined {
  const name = charset.trim().toLowerCase()
  return SUPPORTED.has(name) ? name : undefined
}

export function encodeText (text: string, encoding: string): Buffer {
  return iconv.encode(text, encoding)
}

export function decodeBytes (bytes: Buffer, encoding: string): string {
  return iconv.decode(bytes, encoding)
}

const PLUS = 0x2b
const PERCENT = 0x25
const HEX = /^[0-9A-Fa-f]{2}$/

/** Undo form encoding byte by byte: `+` is a space, `%XX` a byte, anything else is kept as sent. */
function unescapeBytes (part: Buffer): Buffer {
  const out = Buffer.alloc(part.length)
  let length = 0
  for (let i = 0; i < part.length; i++) {
    const byte = part[i] as number
    if (byte === PLUS) {
      out[length++] = 0x20
    } else if (byte === PERCENT && i + 2 < part.length && HEX.test(part.toString('latin1', i + 1, i + 3))) {
      out[length++] = parseInt(part.toString('latin1', i + 1, i + 3), 16)
      i += 2
    } else {
      out[length++] = byte
    }
  }
  return out.subarray(0, length)
}

export interface RawPair {
  key: Buffer
  value: Buffer
}

/** Split `a=1&b=2` into undecoded byte pairs; the charset is only known once `charset` is read. */
export function splitForm (raw: Buffer): RawPair[] {
  const pairs: RawPair[] = []
  let start = 0
  while (start <= raw.length) {
    let end = raw.indexOf(0x26, start)
    if (end === -1) end = raw.length
    const part = raw.subarray(start, end)
    if (part.length > 0) {
      const eq = part.indexOf(0x3d)
      const key = eq === -1 ? part : part.subarray(0, eq)
      const value = eq === -1 ? Buffer.alloc(0) : part.subarray(eq + 1)
      pairs.push({ key: unescapeBytes(key), value: unescapeBytes(value) })
    }
    start = end + 1
  }
  return pairs
}

export function decodePairs (pairs: RawPair[], encoding: string): Array<[string, string]> {
  return pairs.map(pair => [decodeBytes(pair.key, encoding), decodeBytes(pair.value, encoding)])
}

const UNRESERVED = /[A-Za-z0-9\-_.*]/

function escapeBytes (bytes: Buffer): string {
  let out = ''
  for (const byte of bytes) {
    const char = String.fromCharCode(byte)
    if (byte < 0x80 && UNRESERVED.test(char)) out += char
    else if (byte === 0x20) out += '+'
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

/** `application/x-www-form-urlencoded` in the given charset (what Alipay posts to notify_url). */
export function encodeForm (fields: Record<string, string>, encoding: string): Buffer {
  const parts = Object.entries(fields).map(([key, value]) =>
    `${escapeBytes(encodeText(key, encoding))}=${escapeBytes(encodeText(value, encoding))}`)
  return Buffer.from(parts.join('&'), 'latin1')
}
