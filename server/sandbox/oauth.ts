// The buyers the emulator knows, their auth codes (single use, short-lived) and tokens.
import { newToken, openIdFor } from './ids.js'

/** Alipay's auth_code lives a few minutes and is good for one token call. */
export const AUTH_CODE_TTL_MS = 5 * 60_000
export const ACCESS_TOKEN_TTL_S = 1_296_000
export const REFRESH_TOKEN_TTL_S = 2_592_000

/**
 * Which ids oauth.token answers with, as the app's setting on Alipay's console decides: older apps get
 * the 2088… `user_id`, apps moved to open ids get `open_id`; `both` serves an app while it migrates.
 */
export const ID_ANSWERS = ['both', 'user_id', 'open_id'] as const
export type IdAnswer = typeof ID_ANSWERS[number]

export function isIdAnswer (value: unknown): value is IdAnswer {
  return typeof value === 'string' && (ID_ANSWERS as readonly string[]).includes(value)
}

export interface Grant {
  userId: string
  answer: IdAnswer
  openId: string
  accessToken: string
  refreshToken: string
  authStart: number
}

export class OAuthService {
  readonly #appId: string
  readonly #now: () => number
  readonly #codes = new Map<string, { userId: string, answer: IdAnswer, expiresAt: number }>()
  readonly #refreshTokens = new Map<string, { userId: string, answer: IdAnswer, expiresAt: number }>()
  readonly #usersByOpenId = new Map<string, string>()

  constructor (appId: string, now: () => number) {
    this.#appId = appId
    this.#now = now
  }

  openIdOf (userId: string): string {
    const openId = openIdFor(this.#appId, userId)
    if (!this.#usersByOpenId.has(openId)) {
      this.#usersByOpenId.set(openId, userId)
      this.onNewOpenId?.(openId, userId)
    }
    return openId
  }

  /** Set by the emulator to save its state when a new buyer appears. */
  onNewOpenId: ((openId: string, userId: string) => void) | undefined

  userOfOpenId (openId: string): string | undefined {
    return this.#usersByOpenId.get(openId)
  }

  /** [open_id, user_id] pairs the emulator has handed out, to keep across restarts. */
  knownOpenIds (): Array<[string, string]> {
    return [...this.#usersByOpenId]
  }

  restoreOpenIds (pairs: Array<[string, string]>): void {
    for (const [openId, userId] of pairs) this.#usersByOpenId.set(openId, userId)
  }

  /** The buyer allowed the app: an auth_code for the redirect. */
  mintCode (userId: string, answer: IdAnswer = 'both'): string {
    const code = newToken(24)
    this.#codes.set(code, { userId, answer, expiresAt: this.#now() + AUTH_CODE_TTL_MS })
    return code
  }

  /** Exchanges a code once; a used, unknown or expired code gives nothing. */
  redeemCode (code: string): Grant | undefined {
    const entry = this.#codes.get(code)
    this.#codes.delete(code)
    if (entry === undefined || this.#now() >= entry.expiresAt) return undefined
    return this.#grant(entry.userId, entry.answer)
  }

  redeemRefreshToken (token: string): Grant | undefined {
    const entry = this.#refreshTokens.get(token)
    if (entry === undefined || this.#now() >= entry.expiresAt) return undefined
    this.#refreshTokens.delete(token)
    return this.#grant(entry.userId, entry.answer)
  }

  #grant (userId: string, answer: IdAnswer): Grant {
    const now = this.#now()
    const refreshToken = `authusrB${newToken(24)}`
    this.#refreshTokens.set(refreshToken, { userId, answer, expiresAt: now + REFRESH_TOKEN_TTL_S * 1000 })
    return { userId, answer, openId: this.openIdOf(userId), accessToken: `authusrB${newToken(24)}`, refreshToken, authStart: now }
  }
}
