// Cookie names and attributes (docs/architecture.md, "Security"): HttpOnly, SameSite=Strict, Secure behind https.
import type { CookieSerializeOptions } from '@fastify/cookie'
import type { AppConfig } from '../config.js'

export const DEVICE_COOKIE = 'tp_device'
export const STAFF_COOKIE = 'tp_staff'

/** A tablet stays registered for years; it is revoked by unpairing, not by expiry. */
export const DEVICE_COOKIE_MAX_AGE_S = 10 * 365 * 24 * 3600
export const STAFF_SESSION_MAX_AGE_S = 12 * 3600

export function cookieOptions (config: AppConfig, maxAge: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge,
  }
}
