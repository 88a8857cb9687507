// Cookie names and attributes (docs/architecture.md, "Security"): HttpOnly, SameSite=Strict (Lax for the phone's two), Secure behind https.
import type { CookieSerializeOptions } from '@fastify/cookie'
import type { AppConfig } from '../config.js'

export const DEVICE_COOKIE = 'tp_device'
export const STAFF_COOKIE = 'tp_staff'
/** A diner's phone session at one table (set on the redirect back from Alipay's authorization page). */
export const DINER_COOKIE = 'tp_diner'
/** Binds an authorization round trip to the browser that started it (the `state` alone could be carried elsewhere). */
export const OAUTH_BROWSER_COOKIE = 'tp_oauth'

/** A tablet stays registered for years; it is revoked by unpairing, not by expiry. */
export const DEVICE_COOKIE_MAX_AGE_S = 10 * 365 * 24 * 3600
export const STAFF_SESSION_MAX_AGE_S = 12 * 3600
/** Longer than the state's 10 minutes, so an expired state is told apart from a lost cookie. */
export const OAUTH_BROWSER_MAX_AGE_S = 15 * 60

export function cookieOptions (config: AppConfig, maxAge: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge,
  }
}

/**
 * The phone's cookies are set by responses to top-level navigations coming back from Alipay's page
 * (another site): SameSite=Strict would keep them off the redirect that follows, Lax lets them through.
 */
export function phoneCookieOptions (config: AppConfig, maxAge: number): CookieSerializeOptions {
  return { ...cookieOptions(config, maxAge), sameSite: 'lax' }
}
