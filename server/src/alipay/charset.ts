// Text <-> bytes in the charset Alipay declared (utf-8 normally, GBK when an old setup says so).
import iconv from 'iconv-lite'

export const DEFAULT_CHARSET = 'utf-8'

/** The `charset` parameter of a Content-Type header, lower-cased, if there is one. */
export function charsetFromContentType (contentType: string | undefined): string | undefined {
  if (!contentType) return undefined
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)
  return match?.[1]?.toLowerCase()
}

/** True for every spelling of UTF-8 Alipay or an HTTP stack may use. */
export function isUtf8 (charset: string): boolean {
  return /^utf-?8$/i.test(charset)
}

/** Whether bytes in this charset can be decoded here. */
export function isSupportedCharset (charset: string): boolean {
  return isUtf8(charset) || iconv.encodingExists(charset)
}

export function decodeBytes (bytes: Uint8Array, charset: string = DEFAULT_CHARSET): string {
  if (isUtf8(charset)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  if (!iconv.encodingExists(charset)) throw new RangeError(`unsupported charset ${charset}`)
  return iconv.decode(bytes, charset)
}

export function encodeText (text: string, charset: string = DEFAULT_CHARSET): Buffer {
  if (isUtf8(charset)) return Buffer.from(text, 'utf8')
  if (!iconv.encodingExists(charset)) throw new RangeError(`unsupported charset ${charset}`)
  return iconv.encode(text, charset)
}
