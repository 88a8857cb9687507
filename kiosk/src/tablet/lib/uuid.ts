// Random UUIDs for cart lines and client order ids.
// `crypto.randomUUID` exists only in secure contexts (https or localhost), but restaurants often open the
// tablet at a plain-http LAN address; `crypto.getRandomValues` works everywhere, so it is the fallback.

/** A version-4 UUID, from `crypto.randomUUID` where the page may use it, else built from random bytes. */
export function randomUuid (): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)))
}

/** Formats 16 random bytes as a version-4, variant-1 UUID (RFC 9562 §5.4). */
export function uuidFromBytes (bytes: Uint8Array): string {
  const b = Uint8Array.from(bytes)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = Array.from(b, byte => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
