// Parses an `application/x-www-form-urlencoded` body in a given charset, decoding every value exactly once.
import { charsetFromContentType, DEFAULT_CHARSET, decodeBytes, isSupportedCharset } from './charset.js'

export class FormParseError extends Error {
  override name = 'FormParseError'
}

export interface ParsedForm {
  fields: Record<string, string>
  /** The charset the values were decoded with. */
  charset: string
}

const AMPERSAND = 0x26
const EQUALS = 0x3d
const PLUS = 0x2b
const PERCENT = 0x25

/**
 * `&` and `=` are ASCII and never occur inside a GBK or UTF-8 multi-byte character, so the raw
 * bytes can be split first and each part percent-decoded to bytes, then decoded in the charset
 * the notification declares: its own `charset` field first (it is signed), then the Content-Type.
 */
export function parseFormBody (body: Uint8Array, contentType: string | undefined): ParsedForm {
  const pairs = splitPairs(body)
  const declared = pairs.find(pair => latin1(pair.key) === 'charset')
  const charset = (declared ? latin1(declared.value).trim() : undefined) || charsetFromContentType(contentType) || DEFAULT_CHARSET
  if (!isSupportedCharset(charset)) throw new FormParseError(`unsupported charset ${charset}`)
  const fields: Record<string, string> = Object.create(null) as Record<string, string>
  for (const pair of pairs) {
    const key = decodeBytes(pair.key, charset)
    if (key === '') continue
    if (Object.hasOwn(fields, key)) throw new FormParseError(`field ${JSON.stringify(key)} appears twice`)
    fields[key] = decodeBytes(pair.value, charset)
  }
  return { fields, charset: charset.toLowerCase() }
}

interface BytePair { key: Uint8Array, value: Uint8Array }

function splitPairs (body: Uint8Array): BytePair[] {
  const pairs: BytePair[] = []
  let start = 0
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== AMPERSAND) continue
    if (i > start) {
      const part = body.subarray(start, i)
      const eq = part.indexOf(EQUALS)
      pairs.push(eq === -1
        ? { key: percentDecode(part), value: new Uint8Array(0) }
        : { key: percentDecode(part.subarray(0, eq)), value: percentDecode(part.subarray(eq + 1)) })
    }
    start = i + 1
  }
  return pairs
}

/** `+` is a space and `%XY` a byte; a `%` not followed by two hex digits stays as it is (as browsers do). */
function percentDecode (part: Uint8Array): Uint8Array {
  // Most values (ids, amounts, times) have nothing to decode: they are used as they are, uncopied.
  if (part.indexOf(PERCENT) === -1 && part.indexOf(PLUS) === -1) return part
  const out = new Uint8Array(part.length)
  let n = 0
  for (let i = 0; i < part.length; i++) {
    const byte = part[i] as number
    const high = byte === PERCENT ? hexValue(part[i + 1]) : -1
    const low = high === -1 ? -1 : hexValue(part[i + 2])
    if (byte === PLUS) {
      out[n++] = 0x20
    } else if (low !== -1) {
      out[n++] = high * 16 + low
      i += 2
    } else {
      out[n++] = byte
    }
  }
  return out.subarray(0, n)
}

/** The value of one hex digit's byte, or -1 when it is none (or missing). */
function hexValue (byte: number | undefined): number {
  if (byte === undefined) return -1
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10
  return -1
}

function latin1 (bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}
